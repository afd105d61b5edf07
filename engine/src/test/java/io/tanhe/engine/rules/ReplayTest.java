package io.tanhe.engine.rules;

import io.tanhe.engine.rules.alert.AlertEvent;
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
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplayTest {

    /** Two hours of a noisy plant: 20 points every 5 s, dropouts, hourly results; same seed, same stream. */
    private static List<AlertEvent> run(long seed) throws Exception {
        Recorder r = new Recorder(RuleSet.of("example", CustomRulesTest.EXAMPLE),
                new RulesSettings(Duration.ofSeconds(10), Map.of(), Duration.ofMinutes(20)),
                Threshold.of("p-high", "p3", Operator.GT, 80, Severity.WARNING).with(d -> {
                    d.clear = 70.0;
                    d.forDuration = Duration.ofMinutes(2);
                }),
                Threshold.of("p-low", "p7", Operator.LT, 20, Severity.MAJOR),
                Threshold.of("e-high", "E", Operator.GT, 500, Severity.MAJOR).with(d -> d.grain = Grain.FIFTEEN_MINUTES));
        Random random = new Random(seed);
        Instant t0 = Recorder.T0;
        for (int s = 0; s < 7200; s += 5) {
            Instant at = t0.plusSeconds(s);
            for (int p = 0; p < 20; p++) {
                boolean dropout = p == 5 && s > 1800 && s < 1900;
                double v = 50 + 40 * Math.sin(s / 600.0 + p) + random.nextGaussian() * 5;
                r.engine.observe(new ObservationFact(p == 0 ? "coal_feed" : "p" + p, "", at, v, "t/h",
                        dropout ? Quality.MISSING : Quality.MEASURED, "dev" + p));
            }
            if (s % 900 == 895) {
                Instant start = t0.plusSeconds(s - 895);
                r.engine.result(new BucketResultFact("E", "", Grain.FIFTEEN_MINUTES, start, start.plusSeconds(900),
                        400 + random.nextInt(200), "tCO2", Quality.MEASURED, 1.0));
            }
        }
        return r.events;
    }

    @Test
    void replayingTheSameStreamYieldsTheSameAlerts() throws Exception {
        List<AlertEvent> live = run(42);
        List<AlertEvent> replay = run(42);
        assertEquals(live, replay);
        List<String> names = live.stream().map(e -> e.alert().name()).distinct().sorted().toList();
        assertTrue(names.containsAll(List.of("coal-feed-ramp", "data-gap", "threshold/e-high", "threshold/p-high",
                "threshold/p-low")), names.toString());
        assertTrue(live.stream().anyMatch(e -> e.transition() == Transition.ESCALATED), "some alert lasted 20 minutes");
        assertTrue(live.stream().anyMatch(e -> e.transition() == Transition.CLEARED));
    }
}
