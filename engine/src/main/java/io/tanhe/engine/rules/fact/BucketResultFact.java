package io.tanhe.engine.rules.fact;

import io.tanhe.engine.time.Grain;
import io.tanhe.engine.time.Quality;

import java.time.Instant;
import java.util.Objects;

/**
 * A computed value of one node over one time bucket, as the evaluator produces it (also a revision
 * of a bucket already seen, or the running total of the open bucket).
 *
 * @param node         the node's name in the methodology (an input, value, emission or total)
 * @param key          the index key, "" for a scalar
 * @param grain        the bucket length
 * @param start        the bucket's first instant
 * @param end          the instant after the bucket
 * @param value        the value in {@code unit}
 * @param unit         the unit text
 * @param quality      the weakest quality of what fed it
 * @param completeness the share of the bucket covered by data, 0..1
 */
public record BucketResultFact(String node, String key, Grain grain, Instant start, Instant end, double value,
                               String unit, Quality quality, double completeness) implements RuleFact {

    public BucketResultFact {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(grain, "grain");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(quality, "quality");
        key = key == null ? "" : key;
        if (!(completeness >= 0 && completeness <= 1)) {
            throw new IllegalArgumentException("completeness of " + RuleFact.subject(node, key) + " at " + start
                    + " is " + completeness + "; it must lie in 0..1");
        }
    }

    /** The value expressed in {@code target}; NaN when the units do not convert (guard it with {@link #convertibleTo}). */
    public double valueIn(String target) {
        return value * UnitScale.factor(unit, target);
    }

    /** True when the value's unit converts into {@code target}. */
    public boolean convertibleTo(String target) {
        return UnitScale.converts(unit, target);
    }

    /** The bucket start in epoch milliseconds. */
    public long startMillis() {
        return start.toEpochMilli();
    }

    @Override
    public String subject() {
        return RuleFact.subject(node, key);
    }

    @Override
    public Slot slot() {
        return new Slot(BucketResultFact.class, node, key, grain.label());
    }
}
