package io.tanhe.engine.cems;

import java.time.Instant;
import java.util.Optional;

/**
 * A zero or span check of an analyser: what the analyser read against the reference gas, as the
 * data logger reports it after an HJ 212 3011 command (calibration time i13006, intercept i13007,
 * slope i13008) or as entered by hand. The drift is (reading − reference) / range, the form
 * analyser drift limits are written in; the limits of HJ 75-2017 and the CO2 standards were not
 * found, so {@link #withinDrift} takes the caller's.
 *
 * @param at         when the check ended
 * @param analyser   the instrument (a point id or the logger's code, e.g. a05001)
 * @param kind       zero or span
 * @param reference  the reference gas's value
 * @param reading    what the analyser read before adjustment
 * @param range      the measuring range (i13001), in the same unit
 * @param intercept  i13007 after adjustment, if reported
 * @param slope      i13008 after adjustment, if reported
 * @param enteredBy  who entered it by hand; empty when it came from the logger
 */
public record Calibration(Instant at, String analyser, Kind kind, double reference, double reading, double range,
                          Optional<Double> intercept, Optional<Double> slope, Optional<String> enteredBy) {

    public enum Kind { ZERO, SPAN }

    public Calibration {
        if (!(range > 0)) {
            throw new IllegalArgumentException("calibration of " + analyser + " at " + at + ": the measuring range must be positive, not " + range);
        }
    }

    /** (reading − reference) / range, as a fraction of the range. */
    public double drift() {
        return (reading - reference) / range;
    }

    /** Whether |drift| is within {@code limit} (a fraction of the range: 0.025 for 2.5 % F.S.). */
    public boolean withinDrift(double limit) {
        return Math.abs(drift()) <= limit;
    }
}
