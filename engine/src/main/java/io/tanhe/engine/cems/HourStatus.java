package io.tanhe.engine.cems;

/**
 * What an hour of CEMS data is, for the capture rate and substitution. The data logger's flags
 * (HJ 212-2017 Table 8) give the reason an hour is not valid: F stopped, C calibration, M
 * maintenance, D/T/B and too few valid minutes invalid.
 */
public enum HourStatus {
    /** At least the rule's number of valid minutes (HJ 212-2017 (24): 45). */
    VALID,
    /** The source or instrument stopped (flag F): outside the capture rate's denominator, not substituted. */
    STOPPED,
    /** Calibration (flag C): excluded from the data, counts as invalid for the capture rate, substituted. */
    CALIBRATION,
    /** Maintenance (flag M): as calibration. */
    MAINTENANCE,
    /** Fault, over range, communication failure (D, T, B) or too few valid minutes. */
    INVALID;

    /** Whether the hour needs a substitute figure. */
    public boolean needsSubstitute() {
        return this != VALID && this != STOPPED;
    }

    /** The HJ 212-2017 data flag an hour of this status is reported with. */
    public char flag() {
        return switch (this) {
            case VALID -> 'N';
            case STOPPED -> 'F';
            case CALIBRATION -> 'C';
            case MAINTENANCE -> 'M';
            case INVALID -> 'D';
        };
    }

    /**
     * The status an HJ 212 data flag gives a reading: N and S (a set value entered by hand) are
     * data; the others say why there is none.
     *
     * @throws IllegalArgumentException for a letter that is not one of Table 8's flags
     */
    public static HourStatus ofFlag(char flag) {
        return switch (flag) {
            case 'N', 'S' -> VALID;
            case 'F' -> STOPPED;
            case 'C' -> CALIBRATION;
            case 'M' -> MAINTENANCE;
            case 'D', 'T', 'B' -> INVALID;
            default -> throw new IllegalArgumentException("`" + flag + "` is not an HJ 212-2017 data flag (Table 8: N F M S D C T B)");
        };
    }
}
