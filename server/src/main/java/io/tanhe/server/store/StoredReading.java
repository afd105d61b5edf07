package io.tanhe.server.store;

import io.tanhe.drivers.Quality;
import io.tanhe.drivers.Reading;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One raw reading as the store keeps it: a driver's {@link Reading} plus where it goes, when it
 * arrived and the key that makes writing it twice harmless.
 *
 * @param pointId        the configured point
 * @param key            the index key the point feeds (e.g. {@code coal} for {@code burned[coal]}); empty when none
 * @param measuredAt     the measurement time (stored in UTC, nanosecond precision)
 * @param value          the value with the meter's digits (kept exactly, scale included: {@code 12.30} stays
 *                       {@code 12.30}); null when the quality carries no value
 * @param unit           the point's unit
 * @param quality        how far the value can be trusted
 * @param sourceId       the device or source that produced it
 * @param detail         the driver's note (error text, operator); may be empty
 * @param receivedAt     when the terminal received it
 * @param idempotencyKey unique per reading: a second write with the same key is not stored again.
 *                       {@link #of} derives it from point, key, measurement time and source
 */
public record StoredReading(String pointId, String key, Instant measuredAt, BigDecimal value, String unit,
                            Quality quality, String sourceId, String detail, Instant receivedAt,
                            String idempotencyKey) {

    public StoredReading {
        Limits.required("pointId", pointId, Limits.ID);
        key = Limits.optional("key", key, Limits.ID);
        Objects.requireNonNull(measuredAt, "measuredAt");
        unit = Limits.optional("unit", unit, Limits.SHORT);
        Objects.requireNonNull(quality, "quality");
        Limits.required("sourceId", sourceId, Limits.ID);
        detail = Limits.optional("detail", detail, Limits.TEXT);
        Objects.requireNonNull(receivedAt, "receivedAt");
        Limits.required("idempotencyKey", idempotencyKey, Limits.KEY);
        if (value != null && value.toString().length() > Limits.SHORT) {
            throw new IllegalArgumentException("reading " + idempotencyKey + " value has more than " + Limits.SHORT
                    + " characters: " + value);
        }
        if (quality.hasValue() != (value != null)) {
            throw new IllegalArgumentException("reading " + idempotencyKey + " has quality " + quality
                    + (value == null ? " but no value" : " and must not carry a value"));
        }
    }

    /** The driver's reading with the default idempotency key ({@link #defaultKey}). */
    public static StoredReading of(Reading reading, String key, Instant receivedAt) {
        return new StoredReading(reading.pointId(), key, reading.measuredAt(), reading.value(), reading.unit(),
                reading.quality(), reading.sourceId(), reading.detail(), receivedAt,
                defaultKey(reading.pointId(), key, reading.measuredAt(), reading.sourceId()));
    }

    /** The driver's reading with no index key. */
    public static StoredReading of(Reading reading, Instant receivedAt) {
        return of(reading, "", receivedAt);
    }

    /**
     * The natural identity of a reading, {@code point[key]@measuredAt#source}: one source reports one
     * value per point and key at one instant, so a retry, a replayed buffer or a re-imported file
     * maps to the same key.
     */
    public static String defaultKey(String pointId, String key, Instant measuredAt, String sourceId) {
        String indexed = key == null || key.isEmpty() ? pointId : pointId + "[" + key + "]";
        return indexed + "@" + measuredAt + "#" + sourceId;
    }
}
