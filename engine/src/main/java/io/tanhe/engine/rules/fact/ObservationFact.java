package io.tanhe.engine.rules.fact;

import io.tanhe.engine.time.Quality;

import java.time.Instant;
import java.util.Objects;

/**
 * One reading as the rules see it.
 *
 * @param point    the methodology input the reading feeds (e.g. {@code coal_c_ar}), or a site point id
 *                 when it feeds no input
 * @param key      the index key, members joined with ","; "" for a scalar
 * @param at       the measurement time (never the arrival time): it drives the session's pseudo clock
 * @param value    the value in {@code unit}; NaN when {@code quality} is {@link Quality#MISSING}
 * @param unit     the unit text the value is in, e.g. {@code t} or {@code kWh}
 * @param quality  how far the value can be trusted
 * @param sourceId the device or source that delivered it ("" when unknown)
 */
public record ObservationFact(String point, String key, Instant at, double value, String unit, Quality quality,
                              String sourceId) implements RuleFact {

    public ObservationFact {
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(quality, "quality");
        key = key == null ? "" : key;
        sourceId = sourceId == null ? "" : sourceId;
        if (quality == Quality.MISSING) {
            value = Double.NaN;
        }
    }

    /** A reading of the primary instrument. */
    public static ObservationFact measured(String point, String key, Instant at, double value, String unit) {
        return new ObservationFact(point, key, at, value, unit, Quality.MEASURED, "");
    }

    /** The measurement time in epoch milliseconds, convenient for arithmetic in rules. */
    public long millis() {
        return at.toEpochMilli();
    }

    /** True for a value read or entered (measured, backup, manual); false for a substituted or missing one. */
    public boolean good() {
        return quality == Quality.MEASURED || quality == Quality.ESTIMATED || quality == Quality.MANUAL;
    }

    /**
     * The value expressed in {@code target} (e.g. {@code valueIn("t")} for a reading in kg); NaN when the units do not
     * convert. A rule condition guards it with {@link #convertibleTo} first: the rules compiler rejects an unguarded one,
     * since Drools compares a NaN one way interpreted and another once it has compiled the condition.
     */
    public double valueIn(String target) {
        return value * UnitScale.factor(unit, target);
    }

    /** True when the value's unit converts into {@code target}. */
    public boolean convertibleTo(String target) {
        return UnitScale.converts(unit, target);
    }

    @Override
    public String subject() {
        return RuleFact.subject(point, key);
    }

    @Override
    public Slot slot() {
        return new Slot(ObservationFact.class, point, key, "");
    }
}
