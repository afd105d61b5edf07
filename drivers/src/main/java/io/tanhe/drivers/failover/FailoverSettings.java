package io.tanhe.drivers.failover;

import io.tanhe.grammar.config.ConfigNode;

import java.time.Duration;

/**
 * When a point switches to its backup ({@code switch_after} without a good primary reading,
 * default and minimum per section 7.2.3: 10 s) and how long the primary must deliver good readings
 * again before it takes over ({@code hold_off}, default 1 min), so a flaky primary does not flap.
 */
public record FailoverSettings(Duration switchAfter, Duration holdOff) {
    /** The defaults: 10 s and 1 min. */
    public static final FailoverSettings DEFAULT = new FailoverSettings(Duration.ofSeconds(10), Duration.ofMinutes(1));

    /** Reads the top-level {@code failover:} object of a points file. */
    public static FailoverSettings read(ConfigNode node) {
        return new FailoverSettings(
                node.duration("switch_after", DEFAULT.switchAfter(), Duration.ofSeconds(10), Duration.ofHours(1)),
                node.duration("hold_off", DEFAULT.holdOff(), Duration.ZERO, Duration.ofHours(1)));
    }
}
