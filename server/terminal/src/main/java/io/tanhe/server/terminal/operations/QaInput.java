package io.tanhe.server.terminal.operations;

import java.time.Instant;
import java.util.Objects;

/**
 * A quality-assurance record as an operator enters it (docs/cems.md, "Quality-assurance records"). Numbers not
 * given are NaN.
 *
 * @param kind      {@code zero_calibration}, {@code span_calibration}, {@code calibration}, {@code maintenance},
 *                  {@code ra_run} or {@code ra_audit}
 * @param point     the measurement point it concerns; empty for every point
 * @param from      when it began
 * @param to        when it ended
 * @param reference the reference value: the calibration gas, or the reference method's value of a run
 * @param measured  what the analyser read (a run's CEMS value)
 * @param range     the analyser's range, for a calibration's drift in % of it
 * @param limit     the acceptance limit in % (drift or RA); NaN for the site's ({@code measurement.qa})
 * @param note      free text: the gas cylinder, the reference method's report …
 */
public record QaInput(String kind, String point, Instant from, Instant to, double reference, double measured, double range,
                      double limit, String note) {
    public QaInput {
        kind = Objects.requireNonNullElse(kind, "").strip();
        point = Objects.requireNonNullElse(point, "").strip();
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        note = Objects.requireNonNullElse(note, "").strip();
    }
}
