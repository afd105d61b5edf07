package io.tanhe.drivers;

/**
 * How a reading was acquired, as the driver layer sees it: from which device, and whether the
 * device answered, within range and changing. Values with {@link #hasValue()} false carry no
 * number; the reading only records the failure. It is stored with every raw reading.
 *
 * <p>Not the same as {@code io.tanhe.engine.time.Quality}, the data quality of a figure in the
 * accounting (measured, estimated, manual, substituted, missing), which is ordered and combines
 * when figures are computed from each other. A reading enters the accounting with the engine
 * quality {@code io.tanhe.server.terminal.Qualities#forAccounting} maps this one to: e.g.
 * {@link #BACKUP} becomes {@code ESTIMATED}, {@link #STALE} {@code SUBSTITUTED}, a failure or
 * {@link #OUT_OF_RANGE} {@code MISSING}.
 */
public enum Quality {
    /** Read from the primary device, within range. */
    MEASURED(true),
    /** Read from the configured backup device while the primary was unavailable (section 7.2.3 (1)). */
    BACKUP(true),
    /** Entered by an operator or imported from a file; the reading names the operator. */
    MANUAL(true),
    /** Read, but outside the configured plausible range; kept for inspection, not for accounting. */
    OUT_OF_RANGE(true),
    /** The device answered with the same value past the configured staleness limit. */
    STALE(true),
    /** No answer within the timeout after all retries. */
    TIMEOUT(false),
    /** A frame arrived but failed its CRC or checksum, or could not be decoded. */
    COMM_ERROR(false),
    /** The device answered with an exception or error reply. */
    DEVICE_ERROR(false);

    private final boolean hasValue;

    Quality(boolean hasValue) {
        this.hasValue = hasValue;
    }

    /** Whether readings of this quality carry a value. */
    public boolean hasValue() {
        return hasValue;
    }

    /** Whether the value may feed accounting directly. */
    public boolean isGood() {
        return this == MEASURED || this == BACKUP || this == MANUAL;
    }
}
