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
 */
public record StoredReading(String pointId, String key, Instant measuredAt, BigDecimal value, String unit,
                            Quality quality, String sourceId, String detail, Instant receivedAt) {

    public StoredReading {
        Limits.required("pointId", pointId, Limits.ID);
        key = Limits.optional("key", key, Limits.ID);
        Objects.requireNonNull(measuredAt, "measuredAt");
        unit = Limits.optional("unit", unit, Limits.SHORT);
        Objects.requireNonNull(quality, "quality");
        Limits.required("sourceId", sourceId, Limits.ID);
        detail = Limits.optional("detail", detail, Limits.TEXT);
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (value != null && value.toString().length() > Limits.SHORT) {
            throw new IllegalArgumentException("reading " + idempotencyKey() + " value has more than " + Limits.SHORT
                    + " characters: " + value);
        }
        if (quality.hasValue() != (value != null)) {
            throw new IllegalArgumentException("reading " + idempotencyKey() + " has quality " + quality
                    + (value == null ? " but no value" : " and must not carry a value"));
        }
    }

    /** The driver's reading, feeding index key {@code key}. */
    public static StoredReading of(Reading reading, String key, Instant receivedAt) {
        return new StoredReading(reading.pointId(), key, reading.measuredAt(), reading.value(), reading.unit(),
                reading.quality(), reading.sourceId(), reading.detail(), receivedAt);
    }

    /** The driver's reading with no index key. */
    public static StoredReading of(Reading reading, Instant receivedAt) {
        return of(reading, "", receivedAt);
    }

    /**
     * What makes writing this reading twice harmless: its identity {@code point[key]@measuredAt#source}
     * (see {@link #identity}). The store keeps one reading per identity.
     */
    public String idempotencyKey() {
        return identity(pointId, key, measuredAt, sourceId);
    }

    /**
     * The natural identity of a reading, {@code point[key]@measuredAt#source}: one source reports one
     * value per point and key at one instant, so a retry, a replayed buffer or a re-imported file
     * maps to the same identity.
     */
    public static String identity(String pointId, String key, Instant measuredAt, String sourceId) {
        String indexed = key == null || key.isEmpty() ? pointId : pointId + "[" + key + "]";
        return indexed + "@" + measuredAt + "#" + sourceId;
    }
}
