package io.tanhe.engine.rules;

import io.tanhe.engine.rules.alert.Severity;
import io.tanhe.engine.rules.alert.Transition;
import io.tanhe.engine.rules.fact.BucketResultFact;
import io.tanhe.engine.rules.fact.ObservationFact;
import io.tanhe.engine.rules.threshold.Operator;
import io.tanhe.engine.rules.threshold.Threshold;
import io.tanhe.engine.time.Grain;
import io.tanhe.engine.time.Quality;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThresholdEvaluationTest {

    @Test
    void hysteresisKeepsTheAlertUntilTheValueIsPastTheClearLevel() throws Exception {
        Recorder r = Recorder.quiet(Threshold.of("feed-high", "coal_feed", Operator.GT, 100, Severity.MAJOR)
                .with(d -> d.clear = 90.0));
        r.at(0, "coal_feed", 101);
        r.at(1, "coal_feed", 95);
        r.at(2, "coal_feed", 99);
        r.at(3, "coal_feed", 100);
        assertEquals(List.of(Transition.RAISED), r.transitions(), "95..100 lies in the hysteresis band");
        r.at(4, "coal_feed", 89);
        r.at(5, "coal_feed", 95);
        assertEquals(List.of(Transition.RAISED, Transition.CLEARED), r.transitions(), "95 does not re-raise");
        r.at(6, "coal_feed", 101);
        assertEquals(List.of(Transition.RAISED, Transition.CLEARED, Transition.RAISED), r.transitions());
        assertNotEquals(r.events.get(0).alert().id(), r.last().alert().id(), "a new alert has a new id");
    }

    @Test
    void lowerLimitWithHysteresisClearsAboveTheClearLevel() throws Exception {
        Recorder r = Recorder.quiet(Threshold.of("pressure-low", "steam_p", Operator.LT, 5, Severity.WARNING)
                .with(d -> d.clear = 6.0));
        r.at(0, "steam_p", 4.5);
        r.at(1, "steam_p", 5.5);
        r.at(2, "steam_p", 6.0);
        assertEquals(List.of(Transition.RAISED, Transition.CLEARED), r.transitions());
        assertEquals(Recorder.T0.plusSeconds(2), r.last().alert().clearedAt());
    }

    @Test
    void durationThresholdRaisesOnlyAfterTheConditionHeldForItsDurationOfMeasurementTime() throws Exception {
        Recorder r = Recorder.quiet(Threshold.of("feed-high-5m", "coal_feed", Operator.GT, 100, Severity.WARNING)
                .with(d -> d.forDuration = Duration.ofMinutes(5)));
        r.at(0, "coal_feed", 120);
        r.at(120, "coal_feed", 120);
        r.at(240, "coal_feed", 90);
        r.at(241, "coal_feed", 120);
        r.at(241 + 299, "coal_feed", 120);
        assertTrue(r.events.isEmpty(), "the dip at 240 s restarted the 5 minutes");
        r.at(241 + 300, "coal_feed", 120);
        assertEquals(List.of(Transition.RAISED), r.transitions());
        assertEquals(Recorder.T0.plusSeconds(541), r.last().alert().raisedAt());
    }

    @Test
    void durationIsMeasurementTimeNotWallClock() throws Exception {
        Recorder r = Recorder.quiet(Threshold.of("feed-high-1h", "coal_feed", Operator.GT, 100, Severity.WARNING)
                .with(d -> d.forDuration = Duration.ofHours(1)));
        long t0 = System.nanoTime();
        r.at(0, "coal_feed", 120);
        r.at(3600, "coal_feed", 120);
        assertEquals(List.of(Transition.RAISED), r.transitions());
        assertTrue(System.nanoTime() - t0 < Duration.ofMinutes(1).toNanos());
    }

    @Test
    void bucketThresholdNeedsConsecutiveBucketsAndARevisionDoesNotCountTwice() throws Exception {
        Recorder r = Recorder.quiet(Threshold.of("hourly-high", "E", Operator.GT, 50, Severity.MAJOR)
                .with(d -> {
                    d.grain = Grain.HOUR;
                    d.forBuckets = 3;
                }));
        r.engine.result(hour(0, 60));
        r.engine.result(hour(1, 60));
        r.engine.result(hour(1, 61));
        r.engine.result(hour(3, 60));
        assertTrue(r.events.isEmpty(), "hour 2 is missing: the run restarts at hour 3");
        r.engine.result(hour(4, 60));
        r.engine.result(hour(5, 40));
        r.engine.result(hour(5, 60));
        assertEquals(List.of(Transition.RAISED), r.transitions(), "the revision of hour 5 completes the run 3-4-5");
        r.engine.result(hour(6, 10));
        assertEquals(List.of(Transition.RAISED, Transition.CLEARED), r.transitions());
        r.engine.result(hour(2, 99));
        assertEquals(2, r.events.size(), "an earlier bucket arriving late does not move the state");
    }

    @Test
    void thresholdWithAKeyChecksOnlyThatKeyAndAUnitConvertsTheValue() throws Exception {
        Recorder r = Recorder.quiet(Threshold.of("u1-high", "coal_feed", Operator.GT, 100, Severity.WARNING)
                .with(d -> {
                    d.key = "unit1";
                    d.unit = "t/h";
                }));
        r.engine.observe(new ObservationFact("coal_feed", "unit2", Recorder.T0, 200_000, "kg/h", Quality.MEASURED, ""));
        assertTrue(r.events.isEmpty());
        r.engine.observe(new ObservationFact("coal_feed", "unit1", Recorder.T0.plusSeconds(1), 120_000, "kg/h", Quality.MEASURED, ""));
        assertEquals("coal_feed[unit1] = 120 t/h, limit > 100 t/h", r.last().alert().message());
    }

    @Test
    void missingAndSubstitutedValuesNeitherRaiseNorClear() throws Exception {
        Recorder r = Recorder.quiet(Threshold.of("feed-high", "coal_feed", Operator.GT, 100, Severity.WARNING));
        r.engine.observe(new ObservationFact("coal_feed", "", Recorder.T0, 500, "t/h", Quality.SUBSTITUTED, ""));
        assertTrue(r.events.isEmpty());
        r.at(1, "coal_feed", 130);
        r.engine.observe(new ObservationFact("coal_feed", "", Recorder.T0.plusSeconds(2), 0, "t/h", Quality.MISSING, ""));
        assertEquals(List.of(Transition.RAISED), r.transitions());
    }

    @Test
    void thresholdUpdateTakesEffectOnTheNextObservation() throws Exception {
        Threshold t = Threshold.of("feed-high", "coal_feed", Operator.GT, 100, Severity.WARNING);
        Recorder r = Recorder.quiet(t);
        r.at(0, "coal_feed", 60);
        r.engine.putThreshold(t.with(d -> d.limit = 50));
        assertTrue(r.events.isEmpty(), "the reading already judged is not judged again");
        r.at(1, "coal_feed", 60);
        assertEquals(List.of(Transition.RAISED), r.transitions());
        assertEquals("coal_feed = 60 t/h, limit > 50 t/h", r.last().alert().message());
    }

    @Test
    void removingAThresholdClearsItsAlerts() throws Exception {
        Recorder r = Recorder.quiet(Threshold.of("feed-high", "coal_feed", Operator.GT, 100, Severity.WARNING));
        r.at(0, "coal_feed", 130);
        r.engine.setThresholds(List.of());
        assertEquals(List.of(Transition.RAISED, Transition.CLEARED), r.transitions());
        r.at(1, "coal_feed", 500);
        assertEquals(2, r.events.size());
    }

    private static BucketResultFact hour(int h, double value) {
        Instant start = Recorder.T0.plus(Duration.ofHours(h));
        return new BucketResultFact("E", "", Grain.HOUR, start, start.plus(Duration.ofHours(1)), value, "tCO2",
                Quality.MEASURED, 1.0);
    }
}
