package io.tanhe.engine.time;

import io.tanhe.engine.graph.Keys;
import io.tanhe.engine.units.Unit;

import java.time.Instant;
import java.util.Objects;

/**
 * A counter's meter was replaced (or reset) at {@code at}: the old meter's last value and the new
 * meter's first value. The delta up to {@code at} is {@code oldFinal} minus the reading before; the
 * delta after it is the next reading minus {@code newStart}; no delta is formed across the change.
 *
 * <p>When the old meter's final value is unknown (a driver's "new meter" marker, a reset seen only
 * afterwards) {@code oldFinal} is NaN: the interval before the replacement then cannot be counted
 * and its time counts as missing, flagged {@link Flag#METER_REPLACED}.
 *
 * @param oldFinal the old meter's last value in {@code unit}, NaN when unknown
 * @param newStart the new meter's first value in {@code unit}
 * @param quality  the quality of the two values (usually {@link Quality#MANUAL}: an operator records them)
 */
public record MeterReplacement(Instant at, String input, String key, double oldFinal, double newStart, Unit unit,
                               Quality quality) {

    public MeterReplacement {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(quality, "quality");
        key = key == null ? Keys.SCALAR : key;
        if (!Double.isFinite(newStart) || Double.isInfinite(oldFinal) || quality == Quality.MISSING) {
            throw new ObservationException(input, key, at, "a meter replacement needs a finite new start value"
                    + " (got " + newStart + "), an old final value or NaN when unknown (got " + oldFinal
                    + ") and a quality other than MISSING");
        }
    }

    /** A replacement recorded by an operator with both values known. */
    public static MeterReplacement of(Instant at, String input, String key, double oldFinal, double newStart, Unit unit) {
        return new MeterReplacement(at, input, key, oldFinal, newStart, unit, Quality.MANUAL);
    }

    /** A new meter starting at {@code newStart} whose predecessor's final value is unknown. */
    public static MeterReplacement newMeter(Instant at, String input, String key, double newStart, Unit unit, Quality quality) {
        return new MeterReplacement(at, input, key, Double.NaN, newStart, unit, quality);
    }
}
