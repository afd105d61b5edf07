package io.tanhe.engine.rules;

import io.tanhe.engine.rules.alert.AlertEvent;
import io.tanhe.engine.rules.alert.AlertListener;
import io.tanhe.engine.rules.alert.Transition;
import io.tanhe.engine.rules.fact.ObservationFact;
import io.tanhe.engine.rules.threshold.Threshold;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Test helper: an engine with a listener that records every alert event, and short ways to feed it. */
final class Recorder implements AlertListener {
    static final Instant T0 = Instant.parse("2024-03-01T00:00:00Z");

    final List<AlertEvent> events = new ArrayList<>();
    final RulesEngine engine;

    Recorder(RuleSet rules, RulesSettings settings, Threshold... thresholds) throws RulesRejectedException {
        engine = RulesEngine.start(rules, settings);
        engine.addListener(this);
        engine.setThresholds(List.of(thresholds));
    }

    /** Generic rules only, gap watch effectively off (1 day), no default escalation. */
    static Recorder quiet(Threshold... thresholds) throws RulesRejectedException {
        return new Recorder(RuleSet.generic(), new RulesSettings(Duration.ofDays(1), java.util.Map.of(), null), thresholds);
    }

    @Override
    public void onAlert(AlertEvent event) {
        events.add(event);
    }

    /** Feeds a measured reading of {@code point} at T0 + {@code seconds}. */
    io.tanhe.engine.rules.validation.Verdict at(long seconds, String point, double value) {
        return engine.observe(ObservationFact.measured(point, "", T0.plusSeconds(seconds), value, "t/h"));
    }

    List<Transition> transitions() {
        return events.stream().map(AlertEvent::transition).toList();
    }

    AlertEvent last() {
        return events.get(events.size() - 1);
    }
}
