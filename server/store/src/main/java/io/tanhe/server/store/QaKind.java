package io.tanhe.server.store;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The kinds of quality-assurance record of a CEMS. */
public enum QaKind {
    /** A zero check: zero gas, drift as a share of the range. */
    ZERO_CALIBRATION,
    /** A span check: span gas, drift as a share of the range. */
    SPAN_CALIBRATION,
    /** A calibration the data logger reported by its flag C (HJ 212-2017 Table 8), zero or span not told apart. */
    CALIBRATION,
    /** The analyser under maintenance. */
    MAINTENANCE,
    /** A relative-accuracy audit against a reference method (RA, HJ 75-2017 as cems.md gives it), computed from the stored runs. */
    RA_AUDIT,
    /** One paired run of an audit: the reference method's value and the CEMS's over the same period. */
    RA_RUN;

    /** {@code zero_calibration}: how files, the API and the store write it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind a label names; empty for anything else. */
    public static Optional<QaKind> of(String label) {
        return Arrays.stream(values()).filter(k -> k.label().equals(label.strip().toLowerCase(Locale.ROOT))).findFirst();
    }
}
