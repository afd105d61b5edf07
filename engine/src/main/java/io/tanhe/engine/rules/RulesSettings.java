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
 * @param verificationLimits the limits of verification checks whose guideline gives no number, by name
 *                      ({@link io.tanhe.engine.rules.fact.VerificationLimit}); a check without its limit does not run
 */
public record RulesSettings(Duration gapAfter, Map<String, Duration> gapOverrides, Duration escalateAfter,
                            Map<String, Double> verificationLimits) {

    public RulesSettings {
        Objects.requireNonNull(gapAfter, "gapAfter");
        gapOverrides = Map.copyOf(gapOverrides);
        verificationLimits = Map.copyOf(verificationLimits);
    }

    /** Settings without verification limits. */
    public RulesSettings(Duration gapAfter, Map<String, Duration> gapOverrides, Duration escalateAfter) {
        this(gapAfter, gapOverrides, escalateAfter, Map.of());
    }

    /** 10 s gaps for every point, escalation after one hour. */
    public static RulesSettings defaults() {
        return new RulesSettings(Duration.ofSeconds(10), Map.of(), Duration.ofHours(1));
    }

    public RulesSettings withGapAfter(Duration d) {
        return new RulesSettings(d, gapOverrides, escalateAfter, verificationLimits);
    }

    public RulesSettings withGapOverrides(Map<String, Duration> overrides) {
        return new RulesSettings(gapAfter, overrides, escalateAfter, verificationLimits);
    }

    public RulesSettings withEscalateAfter(Duration d) {
        return new RulesSettings(gapAfter, gapOverrides, d, verificationLimits);
    }

    public RulesSettings withVerificationLimits(Map<String, Double> limits) {
        return new RulesSettings(gapAfter, gapOverrides, escalateAfter, limits);
    }
}
