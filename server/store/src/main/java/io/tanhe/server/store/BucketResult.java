package io.tanhe.server.store;

import io.tanhe.engine.time.Grain;
import io.tanhe.engine.time.Quality;
import io.tanhe.engine.time.TimeBucket;

import java.time.Instant;
import java.util.Objects;

/**
 * One computed value of one graph node and key in one time bucket, as the engine hands it to the store.
 * The engine writes every grain it keeps (minute, 15 min, hour, …), so reports read stored buckets
 * instead of aggregating finer rows.
 *
 * @param nodeId       the graph node, e.g. {@code combustion} or {@code E}
 * @param key          the index key, e.g. {@code coal}; empty for a node without index
 * @param grain        the bucket's grain
 * @param bucketStart  the bucket's first instant
 * @param bucketEnd    the instant after the bucket
 * @param value        the value in {@code unit}; finite
 * @param unit         the unit, e.g. {@code tCO2}
 * @param quality      the weakest quality that fed the value
 * @param completeness the fraction (0…1) of the bucket covered by data
 * @param methodology  the methodology that computed it
 * @param revisedAt    when this value was computed
 * @param reason       why it was (re)computed, e.g. {@code live}, {@code NCV for 2024-03 arrived}, {@code import}
 */
public record BucketResult(String nodeId, String key, Grain grain, Instant bucketStart, Instant bucketEnd,
                           double value, String unit, Quality quality, double completeness,
                           MethodologyRef methodology, Instant revisedAt, String reason) {

    public BucketResult {
        Limits.required("nodeId", nodeId, Limits.ID);
        key = Limits.optional("key", key, Limits.ID);
        Objects.requireNonNull(grain, "grain");
        Objects.requireNonNull(bucketStart, "bucketStart");
        Objects.requireNonNull(bucketEnd, "bucketEnd");
        if (!bucketEnd.isAfter(bucketStart)) {
            throw new IllegalArgumentException("result " + nodeId + " bucket ends (" + bucketEnd
                    + ") at or before it starts (" + bucketStart + ")");
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("result " + nodeId + "[" + key + "] at " + bucketStart
                    + " is " + value + "; only finite values are stored (mark a missing value with quality MISSING)");
        }
        unit = Limits.optional("unit", unit, Limits.SHORT);
        Objects.requireNonNull(quality, "quality");
        if (!(completeness >= 0 && completeness <= 1)) {
            throw new IllegalArgumentException("result " + nodeId + " completeness " + completeness + " is outside 0…1");
        }
        Objects.requireNonNull(methodology, "methodology");
        Objects.requireNonNull(revisedAt, "revisedAt");
        reason = Limits.optional("reason", reason, Limits.TEXT);
    }

    /** A result for an engine {@link TimeBucket}. */
    public static BucketResult of(String nodeId, String key, TimeBucket bucket, double value, String unit,
                                  Quality quality, double completeness, MethodologyRef methodology,
                                  Instant revisedAt, String reason) {
        return new BucketResult(nodeId, key, bucket.grain(), bucket.start(), bucket.end(), value, unit, quality,
                completeness, methodology, revisedAt, reason);
    }

    /**
     * True when {@code other} says the same thing about the same bucket: writing it again adds no
     * revision. When and why it was computed do not count, nor rounding noise in the value
     * ({@link SameFigure}, the rule the recompute uses too).
     */
    public boolean sameFigure(BucketResult other) {
        return nodeId.equals(other.nodeId) && key.equals(other.key) && grain == other.grain
                && bucketStart.equals(other.bucketStart) && bucketEnd.equals(other.bucketEnd)
                && SameFigure.figures(this, other);
    }
}
