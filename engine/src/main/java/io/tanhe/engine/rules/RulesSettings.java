package io.tanhe.engine.rules;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of the rules engine.
 *
 * @param gapAfter      time without good data that raises a data-gap alert (section 7.2.3 (1): 10 s)
 * @param gapOverrides  per point: another gap time, or {@link Duration#ZERO} not to watch it
 * @param escalateAfter how long an alert may stay active and unacknowledged before it escalates;
 *                      null for never (thresholds may set their own)
 */
public record RulesSettings(Duration gapAfter, Map<String, Duration> gapOverrides, Duration escalateAfter) {

    public RulesSettings {
        Objects.requireNonNull(gapAfter, "gapAfter");
        gapOverrides = Map.copyOf(gapOverrides);
    }

    /** 10 s gaps for every point, escalation after one hour. */
    public static RulesSettings defaults() {
        return new RulesSettings(Duration.ofSeconds(10), Map.of(), Duration.ofHours(1));
    }

    public RulesSettings withGapAfter(Duration d) {
        return new RulesSettings(d, gapOverrides, escalateAfter);
    }

    public RulesSettings withGapOverrides(Map<String, Duration> overrides) {
        return new RulesSettings(gapAfter, overrides, escalateAfter);
    }

    public RulesSettings withEscalateAfter(Duration d) {
        return new RulesSettings(gapAfter, gapOverrides, d);
    }
}
