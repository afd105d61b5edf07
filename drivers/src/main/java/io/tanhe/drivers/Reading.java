package io.tanhe.drivers;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One value of one point at one measurement time, as produced by a source.
 *
 * @param pointId    the configured point this reading belongs to
 * @param measuredAt the measurement time: the device's own timestamp where it has one, else the poll time
 * @param value      the value with the meter's significant digits (section 9.3); {@code null} when
 *                   {@code quality.hasValue()} is false
 * @param unit       the unit as configured for the point (e.g. {@code kWh}, {@code t}, {@code Nm3/h})
 * @param quality    how far the value can be trusted
 * @param sourceId   the device or source that produced it (the backup's id when failover is active)
 * @param detail     a short human-readable note (error text, operator name, range violated); may be empty
 */
public record Reading(String pointId, Instant measuredAt, BigDecimal value, String unit,
                      Quality quality, String sourceId, String detail) {

    public Reading {
        Objects.requireNonNull(pointId, "pointId");
        Objects.requireNonNull(measuredAt, "measuredAt");
        Objects.requireNonNull(quality, "quality");
        Objects.requireNonNull(sourceId, "sourceId");
        unit = unit == null ? "" : unit;
        detail = detail == null ? "" : detail;
        if (quality.hasValue() && value == null) {
            throw new IllegalArgumentException("reading of " + pointId + " with quality " + quality + " needs a value");
        }
        if (!quality.hasValue() && value != null) {
            throw new IllegalArgumentException("reading of " + pointId + " with quality " + quality + " must not carry a value");
        }
    }

    /** A good reading from the primary device. */
    public static Reading measured(String pointId, Instant at, BigDecimal value, String unit, String sourceId) {
        return new Reading(pointId, at, value, unit, Quality.MEASURED, sourceId, "");
    }

    /** A reading that records a failure and carries no value. */
    public static Reading failed(String pointId, Instant at, String unit, Quality quality, String sourceId, String detail) {
        return new Reading(pointId, at, null, unit, quality, sourceId, detail);
    }

    /** The same reading with another quality and source, used by backup failover. */
    public Reading withQuality(Quality newQuality, String newSourceId, String newDetail) {
        return new Reading(pointId, measuredAt, newQuality.hasValue() ? value : null, unit, newQuality, newSourceId, newDetail);
    }
}
