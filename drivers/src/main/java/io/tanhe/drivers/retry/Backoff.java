package io.tanhe.drivers.retry;

import java.time.Duration;

/**
 * Reconnect delays that double after each failed attempt, from {@code initial} up to {@code max}.
 * A broker or server that is down for days is retried every {@code max}, never faster. Shared by
 * the push sources that keep a connection open (MQTT, OPC UA).
 *
 * @param initial the delay before the first retry, and again after a connection was up
 * @param max     the longest delay
 */
public record Backoff(Duration initial, Duration max) {

    public Backoff {
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial reconnect delay must be positive, was " + initial);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max reconnect delay " + max + " is shorter than the initial delay " + initial);
        }
    }

    /** The delay after a failed attempt that was made after {@code current}. */
    public Duration after(Duration current) {
        Duration doubled = current.multipliedBy(2);
        return doubled.compareTo(max) > 0 ? max : doubled;
    }
}
