package io.tanhe.engine.rules.gap;

import io.tanhe.engine.rules.fact.GapFact;
import io.tanhe.engine.rules.fact.ObservationFact;
import io.tanhe.engine.time.Quality;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * Watches each point for good data on measurement time (section 7.2.3 (1): 10 s or more without
 * data). A point is watched from its first instrument reading (measured, backup, substituted or
 * failed); manually entered points are not, because nobody polls them. A gap opens when the clock
 * reaches the last good value's time plus the point's gap time, and closes with the next good value.
 *
 * <p>Memory is one entry per watched point and key, whatever the length of the stream.
 * Not thread-safe: the rules engine calls it under its own lock.
 */
public final class GapWatch {
    private static final String NO_DATA = "no good data for ";

    /** A gap that became due at {@code atMillis} (the caller moves its clock there before inserting it). */
    public record Due(long atMillis, GapFact gap) {
    }

    /** A queued deadline; the entry's own deadline may have moved later since (see {@link #schedule}). */
    private record Deadline(long atMillis, int entry) {
    }

    private record PointKey(String point, String key) {
        // Written out: looked up for every observation, and the record's generated methods are slow under C1.
        @Override
        public boolean equals(Object o) {
            return o instanceof PointKey k && point.equals(k.point) && key.equals(k.key);
        }

        @Override
        public int hashCode() {
            return point.hashCode() * 31 + key.hashCode();
        }
    }

    private static final Comparator<Deadline> EARLIEST_FIRST = (a, b) -> a.atMillis != b.atMillis
            ? Long.compare(a.atMillis, b.atMillis) : Integer.compare(a.entry, b.entry);

    private static final class Entry {
        final int id;
        final String point;
        final String key;
        final long gapMillis;
        long lastGoodMillis;
        long deadlineMillis = Long.MIN_VALUE;
        boolean queued;
        boolean open;

        Entry(int id, String point, String key, long gapMillis, long since) {
            this.id = id;
            this.point = point;
            this.key = key;
            this.gapMillis = gapMillis;
            this.lastGoodMillis = since;
        }
    }

    private final Duration gapAfter;
    private final Map<String, Duration> overrides;
    // Scalar points (key "") by the point's own string: the lookup compares string references and
    // touches no key object, which matters for every observation of 10,000 points (cache misses).
    private final Map<String, Entry> scalars = new HashMap<>();
    private final Map<PointKey, Entry> keyed = new HashMap<>();
    private final List<Entry> entries = new ArrayList<>();
    private final PriorityQueue<Deadline> deadlines = new PriorityQueue<>(EARLIEST_FIRST);

    /**
     * @param gapAfter  the time without good data that makes a gap (10 s per the standard)
     * @param overrides per point: another gap time, or {@link Duration#ZERO} not to watch the point
     */
    public GapWatch(Duration gapAfter, Map<String, Duration> overrides) {
        if (gapAfter.isNegative() || gapAfter.isZero()) {
            throw new IllegalArgumentException("the gap time must be positive, not " + gapAfter);
        }
        this.gapAfter = gapAfter;
        this.overrides = Map.copyOf(overrides);
    }

    /**
     * Records observation {@code o}; {@code good} says whether it counts as good data (a good quality
     * and not judged invalid).
     *
     * @return the closed gap when this observation ended an open one
     */
    public Optional<GapFact> seen(ObservationFact o, boolean good) {
        Entry e = o.key().isEmpty() ? scalars.get(o.point()) : keyed.get(new PointKey(o.point(), o.key()));
        if (e == null) {
            long gapMillis = gapMillisOf(o);
            if (gapMillis <= 0) {
                return Optional.empty();
            }
            e = new Entry(entries.size(), o.point(), o.key(), gapMillis, o.millis());
            entries.add(e);
            if (o.key().isEmpty()) {
                scalars.put(o.point(), e);
            } else {
                keyed.put(new PointKey(o.point(), o.key()), e);
            }
            schedule(e, o.millis() + gapMillis);
        }
        long at = o.millis();
        if (!good || at <= e.lastGoodMillis && !e.open) {
            return Optional.empty();
        }
        Optional<GapFact> closed = Optional.empty();
        if (e.open) {
            e.open = false;
            closed = Optional.of(new GapFact(e.point, e.key, Instant.ofEpochMilli(e.lastGoodMillis), o.at(),
                    NO_DATA + seconds(at - e.lastGoodMillis), true));
        }
        e.lastGoodMillis = Math.max(e.lastGoodMillis, at);
        schedule(e, e.lastGoodMillis + e.gapMillis);
        return closed;
    }

    /** Opens the gaps due at or before {@code nowMillis}, earliest first. */
    public List<Due> due(long nowMillis) {
        List<Due> due = new ArrayList<>();
        while (!deadlines.isEmpty() && deadlines.peek().atMillis() <= nowMillis) {
            Deadline d = deadlines.poll();
            Entry e = entries.get(d.entry());
            if (e.deadlineMillis > d.atMillis()) {
                deadlines.add(new Deadline(e.deadlineMillis, d.entry()));
                continue;
            }
            e.queued = false;
            e.deadlineMillis = Long.MIN_VALUE;
            e.open = true;
            due.add(new Due(d.atMillis(), new GapFact(e.point, e.key, Instant.ofEpochMilli(e.lastGoodMillis), null,
                    NO_DATA + seconds(e.gapMillis) + " or more", true)));
        }
        return due;
    }

    /** The number of watched points and keys. */
    public int size() {
        return entries.size();
    }

    /**
     * Sets the entry's deadline. A deadline only moves later (the last good time never goes back), so
     * the queue keeps the entry's first, earlier deadline and {@link #due} moves it on when it comes up:
     * one queue operation per gap time instead of a remove and an add per observation. Gaps still open
     * in deadline order, ties by entry.
     */
    private void schedule(Entry e, long atMillis) {
        e.deadlineMillis = atMillis;
        if (!e.queued) {
            e.queued = true;
            deadlines.add(new Deadline(atMillis, e.id));
        }
    }

    private long gapMillisOf(ObservationFact o) {
        if (o.quality() == Quality.MANUAL) {
            return 0;
        }
        return overrides.getOrDefault(o.point(), gapAfter).toMillis();
    }

    private static String seconds(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis / 1000.0 + " s";
    }
}
