package io.tanhe.engine.time;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * What an added observation or event may have changed: the amounts of exactly the buckets, at any
 * grain, that share time with the open interval {@code (from, to)} of one input key. Nothing else
 * changed. Empty ({@code from == to}) when nothing did, e.g. for a counter's first reading.
 *
 * <p>The bounds are kept as epoch nanoseconds so that adding an observation does not allocate instants.
 */
public record Change(String input, String key, long fromEpochNanos, long toEpochNanos, ZoneId zone) {

    static Change none(String input, String key, ZoneId zone) {
        return new Change(input, key, 0, 0, zone);
    }

    public boolean isEmpty() {
        return fromEpochNanos >= toEpochNanos;
    }

    public Instant from() {
        return Nanos.toInstant(fromEpochNanos);
    }

    public Instant to() {
        return Nanos.toInstant(toEpochNanos);
    }

    /** True when the bucket's amount may have changed. */
    public boolean affects(TimeBucket bucket) {
        return !isEmpty() && Nanos.of(bucket.start()) < toEpochNanos && Nanos.of(bucket.end()) > fromEpochNanos;
    }

    /** The buckets of {@code grain} whose amounts may have changed, in time order. */
    public List<TimeBucket> buckets(Grain grain) {
        List<TimeBucket> result = new ArrayList<>();
        if (isEmpty()) {
            return List.of();
        }
        Instant end = to();
        for (TimeBucket b = TimeBucket.of(grain, from(), zone); b.start().isBefore(end); b = b.next()) {
            if (affects(b)) {
                result.add(b);
            }
        }
        return List.copyOf(result);
    }
}
