package io.tanhe.engine.rules;

import io.tanhe.engine.rules.alert.Alert;
import io.tanhe.engine.rules.alert.Transition;
import io.tanhe.engine.rules.fact.GapFact;
import io.tanhe.engine.rules.fact.ObservationFact;
import io.tanhe.engine.rules.fact.SourceSwitchFact;
import io.tanhe.engine.time.Quality;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GapAndSwitchTest {

    private static Recorder tenSeconds(Map<String, Duration> overrides) throws RulesRejectedException {
        return new Recorder(RuleSet.generic(), new RulesSettings(Duration.ofSeconds(10), overrides, null));
    }

    private static ObservationFact failed(String point, long seconds) {
        return new ObservationFact(point, "", Recorder.T0.plusSeconds(seconds), 0, "t/h", Quality.MISSING, "dev1");
    }

    @Test
    void tenSecondsWithoutGoodDataRaiseADataGapAtExactlyTenSeconds() throws Exception {
        Recorder r = tenSeconds(Map.of());
        r.at(0, "coal_feed", 80);
        r.engine.observe(failed("coal_feed", 3));
        r.engine.observe(failed("coal_feed", 9));
        assertTrue(r.events.isEmpty());
        r.engine.observe(failed("coal_feed", 12));
        assertEquals(List.of(Transition.RAISED), r.transitions());
        Alert gap = r.last().alert();
        assertEquals("data-gap", gap.name());
        assertEquals(Recorder.T0.plusSeconds(10), gap.raisedAt(), "raised at the deadline, not at the next reading");
        GapFact fact = (GapFact) gap.triggers().get(0);
        assertEquals(Recorder.T0, fact.from());
        assertTrue(fact.open());
        r.at(15, "coal_feed", 81);
        assertEquals(List.of(Transition.RAISED, Transition.CLEARED), r.transitions());
        assertEquals(Recorder.T0.plusSeconds(15), r.last().alert().clearedAt());
    }

    @Test
    void silenceOfEveryPointIsNoticedWhenTheClockIsAdvanced() throws Exception {
        Recorder r = tenSeconds(Map.of());
        r.at(0, "a", 1);
        r.at(5, "b", 1);
        r.engine.advanceTo(Recorder.T0.plusSeconds(60));
        assertEquals(List.of("a", "b"), r.events.stream().map(e -> e.alert().subject()).toList());
        assertEquals(List.of(Recorder.T0.plusSeconds(10), Recorder.T0.plusSeconds(15)),
                r.events.stream().map(e -> e.alert().raisedAt()).toList());
    }

    @Test
    void readingsNineSecondsApartAreNoGap() throws Exception {
        Recorder r = tenSeconds(Map.of());
        for (int s = 0; s < 300; s += 9) {
            r.at(s, "coal_feed", 80);
        }
        assertTrue(r.events.isEmpty());
    }

    @Test
    void manualPointsAndPointsWithGapWatchOffAreNotWatched() throws Exception {
        Recorder r = tenSeconds(Map.of("lab_ncv", Duration.ZERO, "slow_meter", Duration.ofMinutes(15)));
        r.engine.observe(new ObservationFact("coal_c_ar", "unit1", Recorder.T0, 0.52, "tC/t", Quality.MANUAL, "lab"));
        r.at(0, "lab_ncv", 21);
        r.at(0, "slow_meter", 5);
        r.at(600, "other", 1);
        assertTrue(r.events.isEmpty());
        r.at(900, "other", 1);
        assertEquals(List.of("other", "slow_meter"), r.events.stream()
                .filter(e -> e.transition() == Transition.RAISED).map(e -> e.alert().subject()).toList());
    }

    @Test
    void gapRecordedByTheEvaluatorDoesNotEndTheLiveGapAlert() throws Exception {
        Recorder r = tenSeconds(Map.of());
        r.at(0, "coal_feed", 80);
        r.engine.advanceTo(Recorder.T0.plusSeconds(20));
        r.engine.gap(new GapFact("coal_feed", "", Recorder.T0.minusSeconds(600), Recorder.T0.minusSeconds(300),
                "meter offline (evaluator)", false));
        assertEquals(List.of(Transition.RAISED), r.transitions());
        assertEquals(1, r.engine.activeAlerts().size());
    }

    @Test
    void switchToBackupRaisesAnAlertAndSwitchingBackClearsIt() throws Exception {
        Recorder r = tenSeconds(Map.of());
        r.engine.sourceSwitch(new SourceSwitchFact("coal_feed", "meter-a", "meter-b", Recorder.T0,
                "no good reading from meter-a for 12s", true));
        assertEquals(List.of(Transition.RAISED), r.transitions());
        assertEquals("coal_feed switched from meter-a to backup meter-b: no good reading from meter-a for 12s; check meter-a",
                r.last().alert().message());
        r.engine.sourceSwitch(new SourceSwitchFact("coal_feed", "meter-b", "meter-a", Recorder.T0.plusSeconds(300),
                "meter-a answers again", false));
        assertEquals(List.of(Transition.RAISED, Transition.CLEARED), r.transitions());
    }
}
