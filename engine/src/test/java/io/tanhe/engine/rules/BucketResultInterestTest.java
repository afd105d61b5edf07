package io.tanhe.engine.rules;

import io.tanhe.engine.rules.alert.AlertEvent;
import io.tanhe.engine.rules.alert.Severity;
import io.tanhe.engine.rules.alert.Transition;
import io.tanhe.engine.rules.fact.BucketResultFact;
import io.tanhe.engine.rules.fact.ObservationFact;
import io.tanhe.engine.rules.threshold.Operator;
import io.tanhe.engine.rules.threshold.Threshold;
import io.tanhe.engine.rules.validation.Verdict;
import io.tanhe.engine.time.Grain;
import io.tanhe.engine.time.Quality;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bucket results no rule can match are not kept in working memory: the alerts and verdicts must be
 * exactly those of a session that keeps every result, while the facts are only those some rule can
 * match. The reference is the same rules plus a rule that matches every result (and does nothing).
 */
class BucketResultInterestTest {
    /** Shapes of the shipped validation and verification rules on results: lists of nodes, grains, joins of two results. */
    private static final String SITE = """
            package site;
            import io.tanhe.engine.rules.fact.BucketResultFact;
            import io.tanhe.engine.time.Grain;
            import io.tanhe.engine.rules.alert.Severity;
            global io.tanhe.engine.rules.alert.AlertBook alerts;
            global io.tanhe.engine.rules.validation.Verdicts verdicts;
            rule "negative amount" salience 100
            when
                $b : BucketResultFact(node in ("fuel", "gas"), value < 0)
            then
                verdicts.invalid(kcontext, $b, $b.subject() + " is negative");
            end
            rule "steam in kJ?" salience 90
            when
                $b : BucketResultFact(node == "steam", grain == Grain.DAY, convertibleTo("GJ"), valueIn("GJ") > 500)
            then
                verdicts.suspicious(kcontext, $b, "steam " + $b.value() + " " + $b.unit());
            end
            rule "ratio against heat of the same day"
            when
                $r : BucketResultFact(node == "ratio", grain == Grain.DAY, completeness >= 0.99)
                BucketResultFact(node == "heat", grain == $r.grain, start == $r.start, value == 0)
            then
                if ($r.value() > 46) { alerts.raise(kcontext, "ratio", $r.subject(), Severity.MAJOR, "ratio " + $r.value()); }
                else { alerts.clear(kcontext, "ratio", $r.subject()); }
            end
            """;
    private static final String EVERY_RESULT = """
            package reference;
            import io.tanhe.engine.rules.fact.BucketResultFact;
            rule "sees every result"
            when
                BucketResultFact()
            then
            end
            """;
    private static final Instant T0 = Recorder.T0;

    private record Run(List<AlertEvent> events, List<Verdict> verdicts, long facts) {
    }

    private static RuleSet rules(String site, boolean reference) {
        List<RuleSource> sources = new ArrayList<>(List.of(new RuleSource("site/site.drl", site)));
        if (reference) {
            sources.add(new RuleSource("reference/every.drl", EVERY_RESULT));
        }
        return new RuleSet("v1", sources);
    }

    private static BucketResultFact figure(String node, String key, Grain grain, Instant start, double value, String unit) {
        Instant end = grain == Grain.HOUR ? start.plusSeconds(3600) : start.plusSeconds(86_400);
        return new BucketResultFact(node, key, grain, start, end, value, unit, Quality.MEASURED, 1);
    }

    private static Threshold hourlyE() {
        return Threshold.of("e-hour", "E", Operator.GT, 50, Severity.MAJOR).with(d -> {
            d.grain = Grain.HOUR;
            d.forBuckets = 2;
            d.clear = 45.0;
        });
    }

    private static Threshold dailyE() {
        return Threshold.of("e-day", "E", Operator.GT, 1100, Severity.WARNING).with(d -> {
            d.grain = Grain.DAY;
            d.key = "u1";
        });
    }

    /**
     * Four days of hourly and daily figures of 40 nodes with three keys each, as the terminal shows closed buckets:
     * thresholds on E's hours (two in a row, hysteresis) and days (one key), a validation rule on two nodes, a
     * suspicious one on a day figure in changing units, a rule joining two day figures; revisions of a bucket and late
     * figures of an earlier bucket; the day threshold removed on day 3, an observation threshold added, and readings.
     */
    private static Run run(boolean reference) throws Exception {
        Recorder r = new Recorder(rules(SITE, reference), new RulesSettings(Duration.ofDays(1), Map.of(), null), hourlyE(), dailyE());
        Random random = new Random(7);
        List<Verdict> verdicts = new ArrayList<>();
        List<String> nodes = new ArrayList<>(List.of("E", "fuel", "gas", "steam", "ratio", "heat"));
        for (int n = 0; n < 34; n++) {
            nodes.add("n" + n);
        }
        String[] steamUnits = {"GJ", "MJ", "t"};
        for (int day = 0; day < 4; day++) {
            if (day == 3) {
                r.engine.setThresholds(List.of(hourlyE(), Threshold.of("p-high", "p", Operator.GT, 90, Severity.INFO)));
            }
            Instant dayStart = T0.plusSeconds(86_400L * day);
            double[] dayTotal = new double[nodes.size() * 3];
            for (int h = 0; h < 24; h++) {
                Instant start = dayStart.plusSeconds(3600L * h);
                r.engine.observe(ObservationFact.measured("p", "", start.plusSeconds(3599), 60 + 40 * Math.sin(h / 3.0), "t/h"));
                for (int n = 0; n < nodes.size(); n++) {
                    for (int k = 0; k < 3; k++) {
                        double v = switch (random.nextInt(60)) {
                            case 0 -> -2;
                            default -> 40 + 15 * Math.sin(h / 4.0 + n + k) + random.nextGaussian() * 3;
                        };
                        dayTotal[n * 3 + k] += v;
                        verdicts.add(r.engine.result(figure(nodes.get(n), "u" + k, Grain.HOUR, start, v, "t")));
                    }
                }
                if (h % 7 == 3) { // a revision of the hour, then a late figure of an hour before
                    verdicts.add(r.engine.result(figure("E", "u0", Grain.HOUR, start, 56, "t")));
                    verdicts.add(r.engine.result(figure("E", "u1", Grain.HOUR, start.minusSeconds(7200), 70, "t")));
                    verdicts.add(r.engine.result(figure("n3", "u1", Grain.HOUR, start.minusSeconds(3600), -1, "t")));
                }
            }
            for (int n = 0; n < nodes.size(); n++) {
                for (int k = 0; k < 3; k++) {
                    String node = nodes.get(n);
                    double v = switch (node) {
                        case "steam" -> 400 + 50 * day;
                        case "ratio" -> 40 + 4 * day;
                        case "heat" -> k == 1 ? 0 : 5;
                        case "E" -> day % 2 == 0 ? 1250 : 900;
                        default -> dayTotal[n * 3 + k];
                    };
                    String unit = node.equals("steam") ? steamUnits[(day + k) % 3] : "t";
                    verdicts.add(r.engine.result(figure(node, "u" + k, Grain.DAY, dayStart, v, unit)));
                }
            }
        }
        Run run = new Run(List.copyOf(r.events), verdicts, r.engine.factCount());
        r.engine.close();
        return run;
    }

    @Test
    void resultsNoRuleCanMatchLeaveTheAlertsAndVerdictsExactlyAsInASessionHoldingEveryResult() throws Exception {
        Run reference = run(true);
        Run filtered = run(false);
        assertEquals(reference.events(), filtered.events());
        assertEquals(reference.verdicts(), filtered.verdicts());
        List<String> names = reference.events().stream().map(e -> e.alert().name()).distinct().sorted().toList();
        assertEquals(List.of("ratio", "threshold/e-day", "threshold/e-hour", "threshold/p-high"), names);
        assertTrue(reference.events().stream().anyMatch(e -> e.transition() == Transition.CLEARED
                && e.alert().name().equals("threshold/e-hour")), "the hour threshold cleared too");
        assertTrue(reference.verdicts().stream().anyMatch(Verdict::invalid), "some figures were invalid");
        assertTrue(reference.verdicts().stream().anyMatch(v -> !v.invalid() && v != Verdict.VALID), "some were suspicious");
        // the reference keeps 40 nodes × 3 keys × 2 grains (but the invalid ones it last saw); the filtered session
        // keeps the threshold facts, the reading of p, E's hours, fuel and gas (which the validation rule can match
        // only when negative: none is), steam's and ratio's days and heat's
        assertTrue(reference.facts() > 200, "reference facts " + reference.facts());
        assertTrue(filtered.facts() < 15, "filtered facts " + filtered.facts());
    }

    @Test
    void aFigureNoRuleCanMatchIsNotInWorkingMemoryAndReplacesItsSlotsFigure() throws Exception {
        Recorder r = Recorder.quiet(hourlyE());
        assertEquals(1, r.engine.factCount(), "the threshold");
        for (int n = 0; n < 100; n++) {
            r.engine.result(figure("n" + n, "", Grain.HOUR, T0, n, "t"));
            r.engine.result(figure("E", "k" + n, Grain.DAY, T0, n, "t"));
        }
        assertEquals(1, r.engine.factCount(), "no rule matches other nodes or E's days");
        r.engine.result(figure("E", "", Grain.HOUR, T0, 60, "t"));
        r.engine.result(figure("E", "", Grain.HOUR, T0.plusSeconds(3600), 61, "t"));
        assertEquals(2, r.engine.factCount(), "the threshold and E's latest hour");
        assertEquals(List.of(Transition.RAISED), r.transitions());
        r.engine.removeThreshold("e-hour");
        assertEquals(1, r.engine.factCount(), "E's latest hour stays until its next figure");
        r.engine.result(figure("E", "", Grain.HOUR, T0.plusSeconds(7200), 62, "t"));
        assertEquals(0, r.engine.factCount(), "the next figure, of no interest now, took the older one out");
    }

    @Test
    void anOlderFigureOfNoInterestLeavesTheNewerOneInItsSlot() throws Exception {
        Recorder r = new Recorder(rules(SITE, false), RulesSettings.defaults());
        r.engine.result(figure("fuel", "", Grain.HOUR, T0.plusSeconds(3600), -1, "t"));
        assertEquals(0, r.engine.factCount(), "the invalid figure was taken out by its rule");
        r.engine.result(figure("ratio", "", Grain.DAY, T0.plusSeconds(86_400), 50, "t"));
        assertEquals(1, r.engine.factCount());
        r.engine.result(new BucketResultFact("ratio", "", Grain.DAY, T0, T0.plusSeconds(86_400), 50, "t", Quality.MEASURED, 0.5));
        assertEquals(1, r.engine.factCount(), "a late figure of an earlier day no rule can match does not replace the newer one");
        r.engine.result(figure("heat", "", Grain.DAY, T0.plusSeconds(86_400), 0, "t"));
        assertEquals(List.of("ratio"), r.events.stream().map(e -> e.alert().name()).toList(), "the newer ratio was still there to join");
    }

    @Test
    void aNewBucketThresholdChecksTheNextFigureOfItsNodeAndGrain() throws Exception {
        Recorder r = Recorder.quiet();
        r.engine.result(figure("E", "", Grain.DAY, T0, 2000, "t"));
        r.engine.putThreshold(Threshold.of("e-day", "E", Operator.GT, 1100, Severity.WARNING).with(d -> d.grain = Grain.DAY));
        assertTrue(r.events.isEmpty(), "the figure before the threshold was not kept: it is not judged");
        r.engine.result(figure("E", "", Grain.HOUR, T0.plusSeconds(86_400), 2000, "t"));
        assertTrue(r.events.isEmpty(), "an hour is not the threshold's grain");
        r.engine.result(figure("E", "", Grain.DAY, T0.plusSeconds(86_400), 2000, "t"));
        assertEquals(List.of(Transition.RAISED), r.transitions());
        r.engine.result(figure("E", "", Grain.DAY, T0.plusSeconds(2 * 86_400), 900, "t"));
        assertEquals(List.of(Transition.RAISED, Transition.CLEARED), r.transitions());
    }

    @Test
    void aReloadThatAddsARuleOnANodeMatchesItsFiguresFromTheNextOne() throws Exception {
        Recorder r = new Recorder(rules(SITE, false), RulesSettings.defaults());
        r.engine.result(figure("boiler", "", Grain.DAY, T0, 95, "%"));
        assertEquals(0, r.engine.factCount(), "no rule of v1 looks at boiler");
        String v2 = SITE + """
                rule "boiler efficiency high"
                when
                    $b : BucketResultFact(node == "boiler", grain == Grain.DAY, value > 92)
                then
                    alerts.raise(kcontext, "boiler", $b.subject(), Severity.INFO, "boiler " + $b.value());
                end
                """;
        assertInstanceOf(ReloadOutcome.Applied.class, r.engine.reload(new RuleSet("v2", List.of(new RuleSource("site/site.drl", v2))))
                .get(60, TimeUnit.SECONDS));
        assertTrue(r.events.isEmpty(), "the figure before the reload was not kept");
        r.engine.result(figure("boiler", "", Grain.DAY, T0.plusSeconds(86_400), 96, "%"));
        assertEquals(List.of("boiler"), r.events.stream().map(e -> e.alert().name()).toList());
        assertEquals(1, r.engine.factCount(), "the boiler's day is in the session now");
        assertFalse(r.engine.result(figure("boiler", "", Grain.HOUR, T0.plusSeconds(86_400), 99, "%")).invalid());
        assertEquals(1, r.engine.factCount(), "its hours are of no interest");
    }

    @Test
    void theRulesLookingAtResultsMeetNoNodeTheWalkDoesNotKnow() throws Exception {
        FactInterest interest = FactInterest.of(new RuleCompiler().compile(rules(SITE, true)).base().newKieSession());
        assertEquals(java.util.Set.of(), interest.unknownNodes());
        FactInterest.WatchedResults none = (node, grain) -> false;
        assertTrue(interest.matters(figure("fuel", "", Grain.HOUR, T0, -1, "t"), none));
        assertTrue(interest.matters(figure("n1", "", Grain.HOUR, T0, 1, "t"), none), "the reference rule sees every result");
        FactInterest site = FactInterest.of(new RuleCompiler().compile(rules(SITE, false)).base().newKieSession());
        assertTrue(site.matters(figure("fuel", "", Grain.HOUR, T0, -1, "t"), none));
        assertFalse(site.matters(figure("fuel", "", Grain.HOUR, T0, 1, "t"), none));
        assertTrue(site.matters(figure("steam", "", Grain.DAY, T0, 600, "GJ"), none));
        assertFalse(site.matters(figure("steam", "", Grain.DAY, T0, 400, "GJ"), none));
        assertFalse(site.matters(figure("steam", "", Grain.HOUR, T0, 600, "GJ"), none));
        assertFalse(site.matters(figure("steam", "", Grain.DAY, T0, 600, "t"), none), "tonnes do not convert to GJ");
        assertTrue(site.matters(figure("heat", "", Grain.DAY, T0, 0, "t"), none), "no heat joins the day's ratio");
        assertFalse(site.matters(figure("heat", "", Grain.DAY, T0, 5, "t"), none), "the join's pattern tests heat's value alone");
        assertFalse(site.matters(figure("E", "", Grain.DAY, T0, 5, "t"), none));
        assertTrue(site.matters(figure("E", "", Grain.DAY, T0, 5, "t"), (node, grain) -> node.equals("E") && grain == Grain.DAY),
                "a threshold on E's days watches it");
        assertFalse(site.matters(figure("E", "", Grain.HOUR, T0, 5, "t"), (node, grain) -> node.equals("E") && grain == Grain.DAY));
    }
}
