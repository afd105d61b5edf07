package io.tanhe.engine.time;

import io.tanhe.engine.graph.Keys;
import io.tanhe.engine.units.Unit;

import java.time.Instant;
import java.util.Objects;

/**
 * One timestamped value of one input at one index key, as a driver or a file delivers it.
 *
 * <p>The value is a {@code double}, not a {@code BigDecimal}: the engine computes in doubles, a
 * double holds every decimal of up to 15 significant digits exactly enough to print it back
 * unchanged (meters show at most 12, section 9.3), and the hot path then stores and integrates
 * readings without allocating. A counter's delta is formed from two such doubles, so its rounding
 * error is about 10⁻¹⁶ of the counter's reading, far below a meter's last digit.
 *
 * @param timestamp the measurement time (never the arrival time)
 * @param input     the input's name in the methodology
 * @param key       the index key, members joined with "," ({@link Keys}); "" for a scalar input
 * @param value     the value in {@code unit}; NaN when {@code quality} is {@link Quality#MISSING}
 * @param unit      the unit the value is in; must convert to the input's unit (for a rate: the input's unit per hour)
 * @param quality   how far the value can be trusted; {@link Quality#MISSING} records that a reading failed
 */
public record Observation(Instant timestamp, String input, String key, double value, Unit unit, Quality quality) {

    public Observation {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(quality, "quality");
        key = key == null ? Keys.SCALAR : key;
        if (quality == Quality.MISSING) {
            value = Double.NaN;
        } else if (!Double.isFinite(value)) {
            throw new ObservationException(input, key, timestamp, "the value " + value
                    + " is not a finite number; record a failed reading with quality MISSING instead");
        }
    }

    /** A reading of the primary instrument. */
    public static Observation measured(Instant timestamp, String input, String key, double value, Unit unit) {
        return new Observation(timestamp, input, key, value, unit, Quality.MEASURED);
    }

    /** A failed reading: there is no value at {@code timestamp}. */
    public static Observation missing(Instant timestamp, String input, String key, Unit unit) {
        return new Observation(timestamp, input, key, Double.NaN, unit, Quality.MISSING);
    }

    /** {@code input[key]}, or the input alone for a scalar, for messages. */
    public String where() {
        return ObservationException.where(input, key);
    }
}
