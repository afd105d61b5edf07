package io.tanhe.server.evaluation;

import io.tanhe.engine.time.Quality;

/**
 * How a driver's reading quality enters the accounting: {@link io.tanhe.drivers.Quality} says how a
 * reading was acquired, {@link Quality} how far a figure of the accounting can be trusted; the two
 * are different types on purpose, and this is their one mapping.
 * Failed readings (timeout, communication or
 * device error) carry no value and enter as {@link Quality#MISSING}: the time model then does not
 * bridge a rate across them, and a counter's next good reading covers their time, so a failed
 * poll never counts as zero. An out-of-range value is kept in the raw store for inspection but
 * counts as missing; a stale value (unchanged past its limit) counts, marked
 * {@link Quality#SUBSTITUTED}; a backup device's value is {@link Quality#ESTIMATED}.
 */
public final class Qualities {
    private Qualities() {
    }

    /** The data quality a reading acquired with {@code q} has in the accounting. */
    public static Quality forAccounting(io.tanhe.drivers.Quality q) {
        return switch (q) {
            case MEASURED -> Quality.MEASURED;
            case BACKUP -> Quality.ESTIMATED;
            case MANUAL -> Quality.MANUAL;
            case STALE -> Quality.SUBSTITUTED;
            case OUT_OF_RANGE, TIMEOUT, COMM_ERROR, DEVICE_ERROR -> Quality.MISSING;
        };
    }
}
