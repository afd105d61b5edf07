package io.tanhe.engine.rules;

import io.tanhe.engine.rules.alert.Severity;
import io.tanhe.engine.rules.alert.Transition;
import io.tanhe.engine.rules.diagnostic.RuleProblem;
import io.tanhe.engine.rules.threshold.Operator;
import io.tanhe.engine.rules.threshold.Threshold;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HotReloadTest {
    private static final String HEADER = """
            package site;
            import io.tanhe.engine.rules.fact.ObservationFact;
            import io.tanhe.engine.rules.alert.Severity;
            global io.tanhe.engine.rules.alert.AlertBook alerts;
            """;
    private static final String V1 = HEADER + """
            rule "feed very high"
            when
                $o : ObservationFact(point == "coal_feed", value > 500)
            then
                alerts.raise(kcontext, "feed-alarm", $o.subject(), Severity.CRITICAL, "feed above 500");
            end
            """;
    private static final String BROKEN = HEADER + """
            rule "half written"
            when
                $o : ObservationFact(point == "coal_feed", valeu > 500)
            then
            end
            """;
    private static final String V2 = HEADER + """
            rule "steam ratio"
            when
                $a : ObservationFact(point == "steam_a")
                $b : ObservationFact(point == "steam_b", $a.value > 2 * value)
            then
                alerts.raise(kcontext, "steam-ratio", "steam", Severity.MAJOR, "A is more than twice B");
            end
            """;

    private static Recorder v1() throws RulesRejectedException {
        return new Recorder(new RuleSet("v1", List.of(new RuleSource("site/v1.drl", V1))),
                new RulesSettings(Duration.ofDays(1), Map.of(), null),
                Threshold.of("feed-high", "coal_feed", Operator.GT, 400, Severity.WARNING));
    }

    @Test
    void failingReloadReturnsTheDrlLineAndKeepsTheOldRules() throws Exception {
        Recorder r = v1();
        ReloadOutcome outcome = r.engine.reload(new RuleSet("v1-broken", List.of(new RuleSource("site/broken.drl", BROKEN))))
                .get(60, TimeUnit.SECONDS);
        ReloadOutcome.Rejected rejected = assertInstanceOf(ReloadOutcome.Rejected.class, outcome);
        RuleProblem p = rejected.problems().get(0);
        assertEquals("site/broken.drl", p.file());
        assertEquals(7, p.line(), "the line of the misspelt pattern: " + p.headline());
        assertTrue(p.message().contains("valeu"), p.message());
        assertEquals("v1", r.engine.version());
        r.at(0, "coal_feed", 600);
        assertEquals(List.of("feed-alarm", "threshold/feed-high"), r.events.stream().map(e -> e.alert().name()).toList(),
                "custom rules fire before the generic threshold rules (salience -100)");
    }

    @Test
    void startWithBrokenRulesFailsWithTheLine() {
        RulesRejectedException e = assertThrows(RulesRejectedException.class, () -> RulesEngine.start(
                new RuleSet("bad", List.of(new RuleSource("site/broken.drl", BROKEN))), RulesSettings.defaults()));
        assertTrue(e.getMessage().contains("site/broken.drl:7"), e.getMessage());
    }

    @Test
    void successfulReloadSwapsRulesKeepingFactsAndAlertState() throws Exception {
        Recorder r = v1();
        r.at(0, "coal_feed", 600);
        r.at(1, "steam_a", 300);
        r.at(2, "steam_b", 100);
        String thresholdAlert = r.events.stream().filter(e -> e.alert().name().equals("threshold/feed-high"))
                .findFirst().orElseThrow().alert().id();
        assertEquals(2, r.events.size());
        ReloadOutcome outcome = r.engine.reload(new RuleSet("v2", List.of(new RuleSource("site/v2.drl", V2))))
                .get(60, TimeUnit.SECONDS);
        assertInstanceOf(ReloadOutcome.Applied.class, outcome);
        assertEquals("v2", r.engine.version());
        assertEquals(List.of(Transition.RAISED, Transition.RAISED, Transition.RAISED, Transition.CLEARED), r.transitions());
        assertEquals("steam-ratio", r.events.get(2).alert().name(), "the new rule sees the facts kept across the swap");
        assertEquals("feed-alarm", r.events.get(3).alert().name(), "the alert of the removed rule is cleared");
        assertEquals(thresholdAlert, r.engine.activeAlerts().get(0).id(), "the threshold alert survives, same id");
        r.at(3, "coal_feed", 350);
        assertEquals(Transition.CLEARED, r.last().transition(), "threshold state carried over");
        assertEquals(thresholdAlert, r.last().alert().id());
    }
}
