package io.tanhe.engine.rules;

import io.tanhe.engine.rules.alert.Severity;
import io.tanhe.engine.rules.alert.Transition;
import io.tanhe.engine.rules.fact.ObservationFact;
import io.tanhe.engine.rules.threshold.Operator;
import io.tanhe.engine.rules.threshold.Threshold;
import io.tanhe.engine.rules.validation.Judgement;
import io.tanhe.engine.rules.validation.Verdict;
import io.tanhe.engine.time.Quality;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped example docs/examples/rules/site-rules.drl, run for real. */
class CustomRulesTest {
    static final Path EXAMPLE = Path.of("../docs/examples/rules/site-rules.drl");

    private static Recorder example(Threshold... thresholds) throws RulesRejectedException {
        return new Recorder(RuleSet.of("example", EXAMPLE), new RulesSettings(Duration.ofDays(1), Map.of(), null), thresholds);
    }

    @Test
    void rateOfChangeRuleComparesAReadingWithThePreviousOne() throws Exception {
        Recorder r = example();
        r.at(0, "coal_feed", 300);
        r.at(60, "coal_feed", 320);
        assertTrue(r.events.isEmpty());
        r.at(120, "coal_feed", 380);
        assertEquals(List.of(Transition.RAISED), r.transitions());
        assertEquals("coal-feed-ramp", r.last().alert().name());
        assertEquals("coal feed ramps too fast", r.last().alert().rule());
        assertEquals("coal_feed changed by 60 t/h per minute (limit 30)", r.last().alert().message());
        assertEquals(2, r.last().alert().triggers().size(), "both readings are the evidence");
        r.at(180, "coal_feed", 390);
        assertEquals(List.of(Transition.RAISED, Transition.CLEARED), r.transitions());
    }

    @Test
    void ratioRuleComparesTwoSources() throws Exception {
        Recorder r = example();
        r.at(0, "steam_flow_a", 100);
        r.at(1, "steam_flow_b", 98);
        assertTrue(r.events.isEmpty());
        r.at(10, "steam_flow_a", 140);
        assertEquals(List.of(Transition.RAISED), r.transitions());
        assertEquals(Severity.MAJOR, r.last().alert().severity());
        r.at(20, "steam_flow_b", 130);
        assertEquals(List.of(Transition.RAISED, Transition.CLEARED), r.transitions());
    }

    @Test
    void invalidReadingGetsMissingQualityAndNeverTriggersAThreshold() throws Exception {
        Recorder r = example(Threshold.of("feed-low", "coal_feed", Operator.LT, 10, Severity.CRITICAL));
        Verdict v = r.at(0, "coal_feed", -5);
        assertEquals(Judgement.INVALID, v.judgement());
        assertEquals(Quality.MISSING, v.qualityFor(Quality.MEASURED));
        assertEquals("coal_feed -5.0 t/h is negative; check the transmitter's scaling", v.reasons());
        assertEquals("negative coal feed is invalid", v.findings().get(0).rule());
        assertTrue(r.events.isEmpty(), "the invalid value did not reach the low-feed threshold");
        Verdict ok = r.at(1, "coal_feed", 5);
        assertEquals(Verdict.VALID, ok);
        assertEquals(Quality.MEASURED, ok.qualityFor(Quality.MEASURED));
        assertEquals(List.of(Transition.RAISED), r.transitions());
    }

    @Test
    void invalidReadingsDoNotCountAsGoodDataForTheGapWatch() throws Exception {
        Recorder r = new Recorder(RuleSet.of("example", EXAMPLE), new RulesSettings(Duration.ofSeconds(10), Map.of(), null));
        r.at(0, "coal_feed", 300);
        for (int s = 1; s <= 12; s++) {
            r.engine.observe(ObservationFact.measured("coal_feed", "", Recorder.T0.plusSeconds(s), -1, "t/h"));
        }
        assertEquals(List.of("data-gap"), r.events.stream().map(e -> e.alert().name()).toList());
    }
}
