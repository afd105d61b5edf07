package io.tanhe.engine.time;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One bucket of time: a {@link Grain} and the half-open interval {@code [start, end)} it covers in a
 * zone. Immutable; equal when grain, start and zone are equal. Obtain one with {@link #of}; the
 * start is always a boundary of the grain (see {@link Grain} for how boundaries fall at midnight,
 * month, quarter and year ends and across daylight-saving changes).
 */
public final class TimeBucket implements Comparable<TimeBucket> {

    /** The zone of the plant when none is configured (the standard is Chinese; China has no DST since 1991). */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

    private final Grain grain;
    private final Instant start;
    private final Instant end;
    private final ZoneId zone;
    /** The hash, computed once: buckets are keys of the sets of changed buckets, touched per observation. */
    private final int hash;

    private TimeBucket(Grain grain, Instant start, Instant end, ZoneId zone) {
        this.grain = grain;
        this.start = start;
        this.end = end;
        this.zone = zone;
        this.hash = Objects.hash(grain, start, zone);
    }

    /** The bucket of {@code grain} that contains {@code t} in {@code zone}. */
    public static TimeBucket of(Grain grain, Instant t, ZoneId zone) {
        Objects.requireNonNull(grain, "grain");
        Objects.requireNonNull(zone, "zone");
        Instant start = grain.floor(t, zone);
        return new TimeBucket(grain, start, grain.next(start, zone), zone);
    }

    /** The bucket of {@code grain} that contains {@code t} in {@link #DEFAULT_ZONE}. */
    public static TimeBucket of(Grain grain, Instant t) {
        return of(grain, t, DEFAULT_ZONE);
    }

    public Grain grain() {
        return grain;
    }

    /** The first instant of the bucket (inclusive). */
    public Instant start() {
        return start;
    }

    /** The first instant after the bucket (exclusive); the next bucket's start. */
    public Instant end() {
        return end;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The real elapsed time the bucket covers (23 or 25 hours for a day with a DST change). */
    public Duration duration() {
        return Duration.between(start, end);
    }

    /** The start as local date-time with offset and zone, e.g. {@code 2024-10-27T02:00+01:00[Europe/Berlin]}. */
    public ZonedDateTime localStart() {
        return start.atZone(zone);
    }

    /** True when {@code start <= t < end}. */
    public boolean contains(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }

    /** True when the whole of {@code other} lies in this bucket. */
    public boolean encloses(TimeBucket other) {
        return !other.start.isBefore(start) && !other.end.isAfter(end);
    }

    /**
     * True when the evaluator can hold every instant of the bucket: it counts time in epoch
     * nanoseconds, which reach from 1677-09-21 to 2262-04-11.
     */
    public boolean withinEvaluatorRange() {
        return Nanos.inRange(start) && Nanos.inRange(end);
    }

    /** True when the bucket shares some time with the half-open interval {@code [from, to)}. */
    public boolean overlaps(Instant from, Instant to) {
        return start.isBefore(to) && end.isAfter(from);
    }

    public TimeBucket next() {
        return new TimeBucket(grain, end, grain.next(end, zone), zone);
    }

    public TimeBucket previous() {
        return of(grain, start.minusNanos(1), zone);
    }

    /**
     * The bucket of a grain at least as coarse that contains this one.
     *
     * @throws IllegalArgumentException when {@code coarser} is finer than this bucket's grain, or this
     *                                  is a week and {@code coarser} a month, quarter or year (a week may straddle them)
     */
    public TimeBucket parent(Grain coarser) {
        if (grain.isCoarserThan(coarser)) {
            throw new IllegalArgumentException("a " + grain.label() + " bucket has no parent at the finer grain "
                    + coarser.label() + "; ask for a coarser one");
        }
        if (!grain.nestsIn(coarser)) {
            throw new IllegalArgumentException("a " + grain.label() + " bucket may straddle two " + coarser.label()
                    + " buckets, so it has no parent there; ask from its days");
        }
        return coarser == grain ? this : of(coarser, start, zone);
    }

    /**
     * The buckets of a grain at least as fine that make up this one, in time order.
     *
     * @throws IllegalArgumentException when {@code finer} is coarser than this bucket's grain
     */
    public List<TimeBucket> children(Grain finer) {
        if (finer.isCoarserThan(grain)) {
            throw new IllegalArgumentException("a " + grain.label() + " bucket has no children at the coarser grain "
                    + finer.label() + "; ask for a finer one");
        }
        if (!finer.nestsIn(grain)) {
            throw new IllegalArgumentException("weeks do not make up a " + grain.label() + " bucket; ask for its days");
        }
        List<TimeBucket> result = new ArrayList<>();
        for (TimeBucket b = of(finer, start, zone); b.start.isBefore(end); b = b.next()) {
            result.add(b);
        }
        return List.copyOf(result);
    }

    /** Earlier start first; at the same start, the finer grain first. */
    @Override
    public int compareTo(TimeBucket other) {
        int byStart = start.compareTo(other.start);
        return byStart != 0 ? byStart : grain.compareTo(other.grain);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimeBucket b && grain == b.grain && start.equals(b.start) && zone.equals(b.zone);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** e.g. {@code hour 2024-10-27T02:00+01:00[Europe/Berlin]}: the offset tells repeated local hours apart. */
    @Override
    public String toString() {
        return grain.label() + " " + localStart();
    }
}
