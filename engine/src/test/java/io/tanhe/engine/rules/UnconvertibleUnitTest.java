package io.tanhe.engine.rules;

import io.tanhe.engine.rules.alert.Severity;
import io.tanhe.engine.rules.diagnostic.RuleProblem;
import io.tanhe.engine.rules.fact.FactorFact;
import io.tanhe.engine.rules.fact.ObservationFact;
import io.tanhe.engine.rules.threshold.Operator;
import io.tanhe.engine.rules.threshold.Threshold;
import io.tanhe.engine.rules.validation.Judgement;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A value whose unit does not convert into what a rule or threshold compares it in: the outcome is the same on the
 * first evaluation and the hundredth (Drools compiles a condition to bytecode after some 20 evaluations, and used to
 * compare the NaN of {@code valueIn} the other way from then on).
 */
class UnconvertibleUnitTest {
    private static final String HEADER = """
            package t;
            import io.tanhe.engine.rules.fact.ObservationFact;
            import io.tanhe.engine.rules.fact.FactorFact;
            global io.tanhe.engine.rules.validation.Verdicts verdicts;
            """;
    private static final String GUARDED = HEADER + """
            rule "ncv out of range" salience 100
            when $o : ObservationFact(point == "ncv", good, convertibleTo("GJ/t"), valueIn("GJ/t") < 5 || valueIn("GJ/t") > 55)
            then verdicts.invalid(kcontext, $o, "ncv out of range"); end
            rule "ef out of range" salience 100
            when $f : FactorFact(factor == "ef", convertibleTo("tCO2/t"), valueIn("tCO2/t") <= 0 || valueIn("tCO2/t") > 0.6)
            then verdicts.invalid(kcontext, $f, "ef out of range"); end
            """;
    /** Gap watch effectively off, no default escalation. */
    private static final RulesSettings QUIET = new RulesSettings(Duration.ofDays(1), Map.of(), null);

    private static RuleSet rules(String drl) {
        return new RuleSet("t", List.of(new RuleSource("t.drl", drl)));
    }

    @Test
    void guardedRulesGiveTheSameVerdictOnAHundredEvaluationsOfAnUnconvertibleValue() throws Exception {
        Recorder r = new Recorder(rules(GUARDED), QUIET);
        List<Judgement> readings = new ArrayList<>();
        List<Judgement> factors = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            readings.add(r.engine.observe(ObservationFact.measured("ncv", "", Recorder.T0.plusSeconds(i), 500, "kWh")).judgement());
            factors.add(r.engine.factor(new FactorFact("ef", "", 500, "kWh", null, "")).judgement());
        }
        assertEquals(Set.of(Judgement.VALID), Set.copyOf(readings), "kWh is no NCV: the rule never applies, every time");
        assertEquals(Set.of(Judgement.VALID), Set.copyOf(factors));
        for (int i = 100; i < 120; i++) {
            assertEquals(Judgement.INVALID, r.engine.observe(ObservationFact.measured("ncv", "", Recorder.T0.plusSeconds(i), 900, "GJ/t")).judgement(),
                    "a convertible value out of range is still judged after the condition was compiled");
            assertEquals(Judgement.VALID, r.engine.observe(ObservationFact.measured("ncv", "", Recorder.T0.plusSeconds(i).plusMillis(500), 20, "GJ/t")).judgement());
        }
    }

    @Test
    void aConditionComparingValueInWithoutItsGuardIsRejectedWithRuleAndUnit() {
        String drl = HEADER + """
                rule "ef out of range"
                when $f : FactorFact(factor == "ef", valueIn("tCO2/t") <= 0 || valueIn("tCO2/t") > 0.6)
                then verdicts.invalid(kcontext, $f, "x"); end
                """;
        RulesRejectedException e = assertThrows(RulesRejectedException.class, () -> new RuleCompiler().compile(rules(drl)));
        RuleProblem p = e.problems().getFirst();
        assertEquals(UnitGuards.CODE, p.code());
        assertEquals(6, p.line());
        assertTrue(p.message().contains("rule \"ef out of range\": valueIn(\"tCO2/t\") in a condition without convertibleTo(\"tCO2/t\")"), p.message());
        assertEquals("add convertibleTo(\"tCO2/t\") as a constraint before it", p.hint());
    }

    @Test
    void aGuardForAnotherUnitOrAfterTheComparisonDoesNotCount() {
        String drl = HEADER + """
                rule "a" when $o : ObservationFact(convertibleTo("t"), valueIn("kg") > 1) then end
                rule "b" when $o : ObservationFact(valueIn("t") > 1, convertibleTo("t")) then end
                """;
        RulesRejectedException e = assertThrows(RulesRejectedException.class, () -> new RuleCompiler().compile(rules(drl)));
        assertEquals(2, e.problems().stream().filter(p -> p.code().equals(UnitGuards.CODE)).count(), e.problems().toString());
    }

    @Test
    void aComparisonUnitThatIsNoUnitIsRejected() {
        String drl = HEADER + """
                rule "typo" when $o : ObservationFact(convertibleTo("GJ/tt"), valueIn("GJ/tt") > 1) then end
                """;
        RulesRejectedException e = assertThrows(RulesRejectedException.class, () -> new RuleCompiler().compile(rules(drl)));
        assertTrue(e.problems().stream().anyMatch(p -> p.message().contains("`GJ/tt` is not a unit")), e.problems().toString());
    }

    @Test
    void valueInInAConsequenceNeedsNoGuard() throws Exception {
        String drl = HEADER + """
                rule "rhs" when $o : ObservationFact(point == "x") then double v = $o.valueIn("t"); end
                """;
        new RuleCompiler().compile(rules(drl));
    }

    @Test
    void aThresholdWhoseUnitDoesNotConvertNeitherRaisesNorFlipsOverAHundredReadings() throws Exception {
        Recorder r = new Recorder(RuleSet.generic(), QUIET,
                Threshold.of("feed-high", "coal_feed", Operator.GT, 100, Severity.MAJOR).with(d -> d.unit = "t/h"));
        for (int i = 0; i < 100; i++) {
            assertEquals(Judgement.VALID, r.engine.observe(ObservationFact.measured("coal_feed", "", Recorder.T0.plusSeconds(i), 500, "kWh")).judgement());
        }
        assertTrue(r.events.isEmpty(), "kWh is not compared with a t/h limit: " + r.events);
        r.engine.observe(ObservationFact.measured("coal_feed", "", Recorder.T0.plusSeconds(200), 500, "t/h"));
        assertEquals(1, r.events.size(), "a convertible reading over the limit still raises");
        for (int i = 300; i < 320; i++) {
            r.engine.observe(ObservationFact.measured("coal_feed", "", Recorder.T0.plusSeconds(i), 1, "kWh"));
        }
        assertEquals(1, r.events.size(), "nor does an unconvertible reading clear it: " + r.events);
    }
}
