package io.tanhe.drivers.modbus;

import java.time.Duration;
import java.time.Instant;

/**
 * Exponential back-off for a device that does not answer: after n consecutive silent polls it is
 * left alone for {@code base · 2^(n-1)}, at most {@code max}, so a dead meter costs its bus one
 * timeout now and then instead of on every poll. Not thread-safe; one device polls at a time.
 */
final class Backoff {
    private final Duration base;
    private final Duration max;
    private int failures;
    private Instant nextAttempt = Instant.MIN;

    Backoff(Duration base, Duration max) {
        this.base = base;
        this.max = max;
    }

    /** Whether a poll at {@code now} should leave the device alone. */
    boolean waiting(Instant now) {
        return now.isBefore(nextAttempt);
    }

    /** When the device will be asked again. */
    Instant nextAttempt() {
        return nextAttempt;
    }

    /** Consecutive silent polls so far. */
    int failures() {
        return failures;
    }

    void failed(Instant now) {
        failures++;
        long factor = 1L << Math.min(failures - 1, 20);
        Duration wait = base.multipliedBy(factor);
        nextAttempt = now.plus(wait.compareTo(max) > 0 ? max : wait);
    }

    void succeeded() {
        failures = 0;
        nextAttempt = Instant.MIN;
    }
}
