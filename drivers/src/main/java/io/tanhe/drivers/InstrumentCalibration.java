package io.tanhe.drivers;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The detail a reading carries when it belongs to an analyser's calibration report — an HJ 212-2017 3020 upload with
 * the calibration time i13006 and the intercept i13007 or slope i13008 after a 3011 zero/span calibration — so that
 * whoever stores QA records (the terminal's measurement job) can tell the report apart without knowing the protocol:
 * {@code calibration of stack1.co2 at 2026-06-01T02:25:00Z: i13008}.
 *
 * @param analyser the point of the calibrated analyser (the one its PolId feeds)
 * @param at       when it was calibrated (i13006)
 * @param code     the reading's code: i13007 intercept, i13008 slope, or another instrument parameter
 */
public record InstrumentCalibration(String analyser, Instant at, String code) {
    private static final Pattern TEXT = Pattern.compile("calibration of (\\S+) at (\\S+): (\\S+)");

    /** The detail to write on the reading. */
    public String detail() {
        return "calibration of " + analyser + " at " + at + ": " + code;
    }

    /** The calibration a reading's detail names; empty for any other detail. */
    public static Optional<InstrumentCalibration> of(String detail) {
        Matcher m = TEXT.matcher(detail == null ? "" : detail);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new InstrumentCalibration(m.group(1), Instant.parse(m.group(2)), m.group(3)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
