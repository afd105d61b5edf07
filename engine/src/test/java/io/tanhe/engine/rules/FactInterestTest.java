package io.tanhe.engine.rules;

import io.tanhe.engine.rules.alert.AlertEvent;
import io.tanhe.engine.rules.alert.Severity;
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
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Readings no rule can match are held beside the session instead of in it: the alerts, verdicts and
 * facts must be exactly those of a session that holds every reading. The reference is the same rules
 * plus a rule that matches every reading (and does nothing), which makes every reading of interest.
 */
class FactInterestTest {
    private static final String SITE = """
            package site;
            import io.tanhe.engine.rules.fact.ObservationFact;
            import io.tanhe.engine.rules.alert.Severity;
            global io.tanhe.engine.rules.alert.AlertBook alerts;
            global io.tanhe.engine.rules.validation.Verdicts verdicts;
            rule "negative or implausible" salience 100
            when
                $o : ObservationFact(good, value < 0 || value > 1000)
            then
                verdicts.invalid(kcontext, $o, "implausible " + $o.value());
            end
            rule "ncv in kJ/kg?" salience 90
            when
                $o : ObservationFact(point == "ncv", good, convertibleTo("GJ/t"), valueIn("GJ/t") > 55)
            then
                verdicts.suspicious(kcontext, $o, "ncv " + $o.value() + " " + $o.unit());
            end
            rule "flow ramps"
            when
                $n : ObservationFact(point == "flow", good)
                $p : ObservationFact(point == "flow", key == $n.key, good, millis < $n.millis)
            then
                double perSecond = ($n.value() - $p.value()) * 1000.0 / ($n.millis() - $p.millis());
                if (Math.abs(perSecond) > 2) { alerts.raise(kcontext, "ramp", $n.subject(), Severity.WARNING, "ramps " + perSecond); }
                else { alerts.clear(kcontext, "ramp", $n.subject()); }
            end
            rule "p2 to p3 ratio"
            when
                $a : ObservationFact(point == "p2", good)
                $b : ObservationFact(point == "p3", good)
            then
                double ratio = $a.value() / $b.value();
                if (ratio < 0.5 || ratio > 2) { alerts.raise(kcontext, "ratio", "p2/p3", Severity.MAJOR, "p2/p3 " + ratio); }
                else { alerts.clear(kcontext, "ratio", "p2/p3"); }
            end
            """;
    private static final String SITE_V2 = """
            package site;
            import io.tanhe.engine.rules.fact.ObservationFact;
            import io.tanhe.engine.rules.alert.Severity;
            global io.tanhe.engine.rules.alert.AlertBook alerts;
            global io.tanhe.engine.rules.validation.Verdicts verdicts;
            rule "negative or implausible" salience 100
            when
                $o : ObservationFact(good, value < 0 || value > 1000)
            then
                verdicts.invalid(kcontext, $o, "implausible " + $o.value());
            end
            rule "p15 high"
            when
                $o : ObservationFact(point == "p15", value > 85)
            then
                alerts.raise(kcontext, "p15-high", "p15", Severity.INFO, "p15 " + $o.value());
            end
            """;
    /**
     * A rule that can fire when a reading is deleted (the replaced reading of "tail" was above 80):
     * "tail" comes last in each step but for one reading no rule looks at, so the delete must fire
     * the rules at that reading's time, not at the next step's.
     */
    private static final String NEGATION = """
            package site.negation;
            import io.tanhe.engine.rules.fact.ObservationFact;
            import io.tanhe.engine.rules.alert.Severity;
            global io.tanhe.engine.rules.alert.AlertBook alerts;
            rule "p4 high while p6 is not"
            when
                $a : ObservationFact(point == "p4", good)
                not ObservationFact(point == "tail", value > 80)
            then
                if ($a.value() > 60) { alerts.raise(kcontext, "p4-alone", "p4", Severity.INFO, "p4 " + $a.value()); }
                else { alerts.clear(kcontext, "p4-alone", "p4"); }
            end
            """;
    private static final String EVERY_READING = """
            package reference;
            import io.tanhe.engine.rules.fact.ObservationFact;
            rule "sees every reading"
            when
                ObservationFact()
            then
            end
            """;

    private record Run(List<AlertEvent> events, List<Verdict> verdicts, long facts, long heldAside) {
    }

    private static RuleSet rules(String version, String site, boolean reference, boolean negation) {
        List<RuleSource> sources = new ArrayList<>(List.of(new RuleSource("site/site.drl", site)));
        if (negation) {
            sources.add(new RuleSource("site/negation.drl", NEGATION));
        }
        if (reference) {
            sources.add(new RuleSource("reference/every.drl", EVERY_READING));
        }
        return new RuleSet(version, sources);
    }

    private static Threshold high(String point) {
        return Threshold.of("high", point, Operator.GT, 80, Severity.WARNING).with(d -> {
            d.clear = 70.0;
            d.forDuration = Duration.ofSeconds(30);
        });
    }

    /**
     * Two hours of 20 points, a ramping flow, a keyed point and an NCV in changing units, every 5 s:
     * noise, negative and huge spikes (invalid), dropouts (NaN), silent stretches (gaps); thresholds
     * added, removed and moved on the way, and the rules reloaded.
     */
    private static Run run(boolean reference, boolean inSteps, boolean negation) throws Exception {
        Recorder r = new Recorder(rules("v1", SITE, reference, negation),
                new RulesSettings(Duration.ofSeconds(30), Map.of(), Duration.ofMinutes(10)),
                high("p3"),
                Threshold.of("low", "p7", Operator.LT, 20, Severity.MAJOR),
                Threshold.of("keyed", "kp", Operator.GT, 60, Severity.INFO).with(d -> d.key = "b"),
                Threshold.of("flow-high", "flow", Operator.GT, 88, Severity.WARNING));
        Random random = new Random(19);
        List<Verdict> verdicts = new ArrayList<>();
        String[] ncvUnits = {"GJ/t", "kJ/kg", "t"};
        for (int s = 0; s < 7200; s += 5) {
            switch (s) {
                case 1800 -> r.engine.setThresholds(List.of(high("p3"),
                        Threshold.of("keyed", "kp", Operator.GT, 60, Severity.INFO).with(d -> d.key = "b"),
                        Threshold.of("flow-high", "flow", Operator.GT, 88, Severity.WARNING),
                        Threshold.of("late", "p12", Operator.GT, 50, Severity.INFO)));
                case 3600 -> r.engine.putThreshold(high("p5"));
                case 4800 -> assertInstanceOf(ReloadOutcome.Applied.class,
                        r.engine.reload(rules("v2", SITE_V2, reference, negation)).get(60, TimeUnit.SECONDS));
                default -> { }
            }
            Instant at = Recorder.T0.plusSeconds(s);
            List<ObservationFact> step = new ArrayList<>();
            for (int p = 0; p < 20; p++) {
                if ((p == 9 || p == 3) && s > 600 && s < 900) {
                    continue; // silent: a gap opens and closes
                }
                boolean dropout = p == 5 && s > 1800 && s < 1900;
                double v = switch (random.nextInt(80)) {
                    case 0 -> -3;
                    case 1 -> 5000;
                    default -> 50 + 40 * Math.sin(s / 300.0 + p) + random.nextGaussian() * 5;
                };
                step.add(new ObservationFact("p" + p, "", at, v, "t/h", dropout ? Quality.MISSING : Quality.MEASURED, "dev"));
            }
            for (String key : List.of("a", "b", "c")) {
                step.add(ObservationFact.measured("kp", key, at, 50 + 20 * Math.sin(s / 200.0 + key.hashCode()), "t/h"));
            }
            step.add(ObservationFact.measured("flow", "", at, 60 + 30 * Math.sin(s / 100.0) + (s % 600 == 0 ? 25 : 0), "t/h"));
            if (s % 60 == 0) {
                String unit = ncvUnits[(s / 60) % 3];
                step.add(ObservationFact.measured("ncv", "", at, switch (unit) { case "GJ/t" -> 60; case "kJ/kg" -> 20_900; default -> 21; }, unit));
            }
            step.add(ObservationFact.measured("tail", "", at, 75 + 10 * Math.sin(s / 50.0), "t/h"));
            step.add(ObservationFact.measured("after", "", at, 1, "t/h"));
            if (inSteps) {
                verdicts.addAll(r.engine.observeAll(step));
            } else {
                step.forEach(o -> verdicts.add(r.engine.observe(o)));
            }
        }
        Run run = new Run(List.copyOf(r.events), verdicts, r.engine.factCount(), r.engine.readingsHeldAside());
        r.engine.close();
        return run;
    }

    @Test
    void readingsHeldAsideRaiseExactlyTheAlertsOfASessionHoldingEveryReading() throws Exception {
        Run reference = run(true, false, false);
        Run filtered = run(false, false, false);
        assertEquals(reference.events(), filtered.events());
        assertEquals(reference.verdicts(), filtered.verdicts());
        assertEquals(reference.facts(), filtered.facts());
        assertEquals(0, reference.heldAside(), "the reference session holds every reading");
        assertTrue(filtered.heldAside() > 10, "most points have no rule: their readings are held aside, " + filtered.heldAside());

        List<String> names = reference.events().stream().map(e -> e.alert().name()).distinct().sorted().toList();
        assertEquals(List.of("data-gap", "p15-high", "ramp", "ratio", "threshold/flow-high", "threshold/high",
                "threshold/keyed", "threshold/late", "threshold/low"), names);
        assertTrue(reference.verdicts().stream().anyMatch(Verdict::invalid), "some readings were invalid");
        assertTrue(reference.verdicts().stream().anyMatch(v -> !v.invalid() && v != Verdict.VALID), "some were suspicious");
    }

    @Test
    void inStepsTooTheFilteredSessionRaisesExactlyTheReferenceAlerts() throws Exception {
        Run reference = run(true, true, false);
        Run filtered = run(false, true, false);
        assertEquals(reference.events(), filtered.events());
        assertEquals(reference.verdicts(), filtered.verdicts());
        assertEquals(reference.facts(), filtered.facts());
        assertTrue(filtered.heldAside() > 10);
    }

    @Test
    void withARuleThatFiresOnADeleteTheFilteredSessionStillRaisesExactlyTheReferenceAlerts() throws Exception {
        Run reference = run(true, false, true);
        Run filtered = run(false, false, true);
        assertEquals(reference.events(), filtered.events());
        assertEquals(reference.verdicts(), filtered.verdicts());
        assertEquals(reference.facts(), filtered.facts());
        assertTrue(reference.events().stream().anyMatch(e -> e.alert().name().equals("p4-alone")), "the negation rule raised");
    }

    @Test
    void aThresholdOnAPointWhoseReadingIsHeldAsideChecksThatReadingAtOnce() throws Exception {
        Recorder r = Recorder.quiet();
        r.at(0, "q", 95);
        assertEquals(1, r.engine.readingsHeldAside(), "no rule looks at q yet");
        r.engine.putThreshold(Threshold.of("q-high", "q", Operator.GT, 90, Severity.WARNING));
        assertEquals(0, r.engine.readingsHeldAside());
        assertEquals(1, r.events.size(), "the new threshold checked the reading already there");
        assertEquals("threshold/q-high", r.last().alert().name());
        assertEquals(2, r.engine.factCount(), "the threshold and the reading");
    }

    @Test
    void aValidationRuleOnEveryReadingMakesOnlyTheReadingsItCanMatchOfInterest() throws Exception {
        Recorder r = new Recorder(rules("v1", SITE, false, false), RulesSettings.defaults());
        assertFalse(r.engine.observe(ObservationFact.measured("x", "", Recorder.T0, 5, "t/h")).invalid());
        assertEquals(1, r.engine.readingsHeldAside(), "5 t/h on x: nothing can match it");
        assertTrue(r.engine.observe(ObservationFact.measured("x", "", Recorder.T0.plusSeconds(1), -5, "t/h")).invalid());
        assertEquals(1, r.engine.readingsHeldAside(), "the invalid reading was judged, the held one stays the latest");
        r.engine.observe(ObservationFact.measured("flow", "", Recorder.T0.plusSeconds(1), 5, "t/h"));
        assertEquals(1, r.engine.readingsHeldAside(), "a rule joins flow with its previous reading: it goes in");
        assertEquals(2, r.engine.factCount());
    }

    @Test
    void deletesAreLeftForTheNextFiringOnlyInANetworkOfTestsAndJoins() throws Exception {
        assertTrue(interestOf(rules("v", SITE, false, false)).deletesFireNothing(), "tests and joins only");
        assertFalse(interestOf(rules("v", SITE, false, true)).deletesFireNothing(), "a not can fire on a delete");
    }

    @Test
    void theDroolsOnTheClassPathIsTheOneTheNetworkWalkWasCheckedAgainst() {
        assertEquals(FactInterest.CHECKED_DROOLS, FactInterest.droolsVersion(),
                "FactInterest reads Drools' internal network classes as they are in Drools " + FactInterest.CHECKED_DROOLS
                        + " and the class path now has Drools " + FactInterest.droolsVersion() + ": rerun all of"
                        + " FactInterestTest against it (the filtered sessions must still equal the reference ones and"
                        + " no shipped rule may meet an unknown node), then set FactInterest.CHECKED_DROOLS to the new version");
    }

    @Test
    void theShippedAndTestRulesMeetNoNodeTheWalkDoesNotKnow() throws Exception {
        assertEquals(Set.of(), interestOf(rules("v", SITE, false, true)).unknownNodes());
        assertEquals(Set.of(), interestOf(rules("v", SITE_V2, true, false)).unknownNodes());
    }

    @Test
    void aNodeOfAnUnknownTypeMakesEveryReadingThatReachesItOfInterest() throws Exception {
        String window = """
                package site.window;
                import io.tanhe.engine.rules.fact.ObservationFact;
                declare ObservationFact @role(event) end
                rule "last three of w"
                when
                    ObservationFact(point == "w") over window:length(3)
                then
                end
                """;
        FactInterest interest = interestOf(new RuleSet("v", List.of(new RuleSource("site/window.drl", window))));
        assertEquals(Set.of("WindowNode"), interest.unknownNodes().stream().map(Class::getSimpleName).collect(Collectors.toSet()),
                "a window is not a node the walk knows");
        // the window holds its pattern's tests itself, right below the object-type node: every reading reaches it
        assertTrue(interest.matters(ObservationFact.measured("w", "", Recorder.T0, 1, "t/h"), p -> false));
        assertTrue(interest.matters(ObservationFact.measured("x", "", Recorder.T0, 1, "t/h"), p -> false),
                "as without the filter: every reading goes into the session");
    }

    private static FactInterest interestOf(RuleSet rules) throws RulesRejectedException {
        return FactInterest.of(new RuleCompiler().compile(rules).base().newKieSession());
    }
}
