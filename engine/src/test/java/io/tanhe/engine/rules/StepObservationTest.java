package io.tanhe.engine.rules;

import io.tanhe.engine.rules.alert.Alert;
import io.tanhe.engine.rules.alert.AlertEvent;
import io.tanhe.engine.rules.alert.Severity;
import io.tanhe.engine.rules.alert.Transition;
import io.tanhe.engine.rules.fact.ObservationFact;
import io.tanhe.engine.rules.threshold.Operator;
import io.tanhe.engine.rules.threshold.Threshold;
import io.tanhe.engine.rules.validation.Verdict;
import io.tanhe.engine.time.Quality;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StepObservationTest {
    private static final String VALIDATION = """
            package site.validation;
            import io.tanhe.engine.rules.fact.ObservationFact;
            global io.tanhe.engine.rules.validation.Verdicts verdicts;
            rule "negative flow is invalid" salience 100
            when
                $o : ObservationFact(good, value < 0)
            then
                verdicts.invalid(kcontext, $o, "negative " + $o.point());
            end
            """;

    private record Run(List<AlertEvent> events, List<Verdict> verdicts) {
    }

    /** An hour of 30 points every 5 s with noise, negative (invalid) spikes, dropouts and a silent point. */
    private static Run run(boolean inSteps) throws Exception {
        Recorder r = new Recorder(new RuleSet("v", List.of(new RuleSource("site/validation.drl", VALIDATION))),
                new RulesSettings(Duration.ofSeconds(10), Map.of(), Duration.ofMinutes(10)),
                Threshold.of("high", "p3", Operator.GT, 80, Severity.WARNING).with(d -> {
                    d.clear = 70.0;
                    d.forDuration = Duration.ofSeconds(30);
                }),
                Threshold.of("low", "p7", Operator.LT, 20, Severity.MAJOR),
                Threshold.of("spiky", "p11", Operator.GT, 60, Severity.INFO));
        Random random = new Random(7);
        List<Verdict> verdicts = new ArrayList<>();
        for (int s = 0; s < 3600; s += 5) {
            Instant at = Recorder.T0.plusSeconds(s);
            List<ObservationFact> step = new ArrayList<>();
            for (int p = 0; p < 30; p++) {
                if (p == 9 && s > 600 && s < 900) {
                    continue; // silent: a gap opens and closes
                }
                boolean dropout = p == 5 && s > 1800 && s < 1900;
                double v = random.nextInt(50) == 0 ? -3 : 50 + 40 * Math.sin(s / 300.0 + p) + random.nextGaussian() * 5;
                step.add(new ObservationFact("p" + p, "", at, v, "t/h", dropout ? Quality.MISSING : Quality.MEASURED, "dev"));
            }
            if (inSteps) {
                verdicts.addAll(r.engine.observeAll(step));
            } else {
                step.forEach(o -> verdicts.add(r.engine.observe(o)));
            }
        }
        return new Run(r.events, verdicts);
    }

    /**
     * The events in data-time order; within one measurement time a step reports its gap closures after
     * its threshold alerts (one by one they interleave), so ties are put in a fixed order.
     */
    private static List<String> byDataTime(List<AlertEvent> events) {
        return events.stream().map(e -> {
            Alert a = e.alert();
            Instant at = switch (e.transition()) {
                case RAISED -> a.raisedAt();
                case CLEARED -> a.clearedAt();
                case ESCALATED -> a.escalatedAt();
                case ACKNOWLEDGED -> a.acknowledgedAt();
            };
            return at + " " + a.name() + " " + a.subject() + " " + e.transition() + " " + a.message() + " " + a.triggers();
        }).sorted().toList();
    }

    @Test
    void readingsHandedOverInStepsGiveTheSameAlertsAndVerdictsAsOneByOne() throws Exception {
        Run one = run(false);
        Run steps = run(true);
        assertEquals(one.verdicts(), steps.verdicts());
        assertEquals(byDataTime(one.events()), byDataTime(steps.events()));
        assertTrue(one.verdicts().stream().anyMatch(Verdict::invalid), "some readings were judged invalid");
        List<String> names = one.events().stream().map(e -> e.alert().name()).distinct().sorted().toList();
        assertEquals(List.of("data-gap", "threshold/high", "threshold/low", "threshold/spiky"), names);
    }

    @Test
    void aStepWithTwoReadingsOfOnePointJudgesThemInOrder() throws Exception {
        Recorder r = Recorder.quiet(Threshold.of("high", "p", Operator.GT, 80, Severity.WARNING));
        Instant t = Recorder.T0;
        List<Verdict> v = r.engine.observeAll(List.of(
                ObservationFact.measured("p", "", t, 90, "t/h"),
                ObservationFact.measured("p", "", t.plusSeconds(1), 50, "t/h"),
                ObservationFact.measured("p", "", t.plusSeconds(2), 95, "t/h")));
        assertEquals(3, v.size());
        assertEquals(List.of(Transition.RAISED, Transition.CLEARED,
                Transition.RAISED), r.transitions());
        assertEquals(2, r.engine.factCount(), "one threshold and the latest reading");
    }
}
