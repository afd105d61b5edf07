package io.tanhe.drivers.config;

import io.tanhe.drivers.failover.FailoverSettings;
import io.tanhe.grammar.config.ConfigNode;

import java.time.Duration;

/** Reads the top-level {@code failover:} object of a points file into {@link FailoverSettings}. */
final class FailoverSettingsReader {
    private FailoverSettingsReader() {
    }

    /** {@code switch_after} (10 s to 1 h) and {@code hold_off} (0 to 1 h), each defaulting to {@link FailoverSettings#DEFAULT}. */
    static FailoverSettings read(ConfigNode node) {
        FailoverSettings defaults = FailoverSettings.DEFAULT;
        return new FailoverSettings(
                node.duration("switch_after", defaults.switchAfter(), Duration.ofSeconds(10), Duration.ofHours(1)),
                node.duration("hold_off", defaults.holdOff(), Duration.ZERO, Duration.ofHours(1)));
    }
}
