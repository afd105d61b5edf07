package io.tanhe.drivers.config;

import io.tanhe.grammar.config.ConfigNode;

import java.time.Duration;

/**
 * How a polled device is scheduled: {@code period} (1 s .. 3 h, aligned to the clock, so 15min
 * polls fire at :00, :15, :30, :45), {@code timeout} per request and {@code retries} after a
 * timeout or a garbled answer.
 */
public record PollSettings(Duration period, Duration timeout, int retries) {
    /** The shortest period section 9.1 asks for. */
    public static final Duration MIN_PERIOD = Duration.ofSeconds(1);
    /** The longest period section 9.1 asks for. */
    public static final Duration MAX_PERIOD = Duration.ofHours(3);

    /** Reads {@code period} (default 1min), {@code timeout} (default 1s) and {@code retries} (default 2). */
    public static PollSettings read(ConfigNode node) {
        Duration period = node.duration("period", Duration.ofMinutes(1), MIN_PERIOD, MAX_PERIOD);
        Duration timeout = node.duration("timeout", Duration.ofSeconds(1), Duration.ofMillis(10), Duration.ofMinutes(1));
        int retries = node.integer("retries", 2, 0, 10);
        return new PollSettings(period, timeout, retries);
    }
}
