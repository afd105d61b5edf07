package io.tanhe.engine.time;

import io.tanhe.engine.units.Unit;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * The amount of one input key in one bucket, with how far to trust it.
 *
 * @param bucket           the bucket
 * @param amount           the amount in {@code unit}: the sum of what the covered part of the bucket
 *                         contributed (a counter's delta, a rate's integral, a period quantity's
 *                         share); for an intensive period quantity, its value. 0 when nothing is covered
 * @param unit             the input's unit (for a rate input, its declared unit × h)
 * @param quality          the weakest quality of the data that contributed; {@link Quality#MISSING}
 *                         when nothing did. Missing parts of the bucket lower the completeness, not the quality
 * @param completeness     the fraction (0…1) of the bucket's time covered by data that contributed
 * @param flagBits         the {@link Flag}s as bits, see {@link #flags()}
 * @param firstObservation the timestamp of the earliest observation that contributed, null when none did
 * @param lastObservation  the timestamp of the latest observation that contributed, null when none did;
 *                         {@link Series#feeding(TimeBucket)} lists the observations in between
 */
public record BucketAmount(TimeBucket bucket, double amount, Unit unit, Quality quality, double completeness,
                           int flagBits, Instant firstObservation, Instant lastObservation) {

    public BucketAmount {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(quality, "quality");
    }

    /** A bucket with no data at all. */
    public static BucketAmount missing(TimeBucket bucket, Unit unit) {
        return new BucketAmount(bucket, 0, unit, Quality.MISSING, 0, 0, null, null);
    }

    public Set<Flag> flags() {
        return Flag.fromBits(flagBits);
    }

    public boolean has(Flag flag) {
        return (flagBits & flag.bit()) != 0;
    }

    /** True when some data contributed to the amount. */
    public boolean fed() {
        return firstObservation != null;
    }

    /** True when the whole bucket is covered (within 10⁻¹²). */
    public boolean complete() {
        return completeness >= 1 - 1e-12;
    }
}
