package io.tanhe.drivers;

/**
 * How far a reading can be trusted, as the driver layer sees it.
 * Values with {@link #hasValue()} false carry no number; the reading only records the failure.
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
