package io.tanhe.methodologies;

import io.tanhe.engine.rules.validation.Judgement;
import io.tanhe.engine.rules.validation.Verdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The 2013 chemicals validation ruleset and thresholds, run on good and bad values. */
class Chemicals2013ValidationTest {
    private GuidelineRules rules;

    @BeforeEach
    void start() throws Exception {
        rules = GuidelineRules.start("chemicals-2013", "chemicals-2013.tanhe");
    }

    @AfterEach
    void stop() {
        rules.close();
    }

    @Test
    void rulesetAndThresholdsPassTheStaticChecksAgainstTheMethodology() {
        assertEquals(List.of(), rules.staticProblems());
    }

    @Test
    void aCarbonContentEnteredAsAPercentageIsInvalidWithTheCorrectValue() {
        Verdict v = rules.entered("raw_carbon", "coal", 75, "tC/t");
        assertEquals(Judgement.INVALID, v.judgement());
        assertEquals("raw_carbon[coal] = 75.0 tC/t is not a carbon content (0..1 tC/t); a lab result of 75.0 % is"
                + " entered as 0.75 tC/t", v.reasons());
        assertEquals(Verdict.VALID, rules.entered("raw_carbon", "coal", 0.75, "tC/t"));
    }

    @Test
    void usageRatesAndEfficienciesMustBeFractions() {
        assertEquals(Judgement.INVALID, rules.entered("nscr_usage", "dual_pressure", 900, "%").judgement());
        assertEquals(Verdict.VALID, rules.entered("nscr_usage", "dual_pressure", 0.9, "1"));
        assertEquals(Judgement.INVALID, rules.factor("adipic_removal", "thermal", 985, "%").judgement());
    }

    @Test
    void anN2oFactorInTheWrongMassUnitIsCaught() {
        Verdict v = rules.factor("ef_nitric_n2o", "dual_pressure", 0.008, "kgN2O/t");
        assertEquals(Judgement.INVALID, v.judgement());
        assertTrue(v.reasons().contains("was a value in t N2O/t given in kg?"), v.reasons());
        assertEquals(Verdict.VALID, rules.factor("ef_nitric_n2o", "dual_pressure", 0.008, "tN2O/t"));
    }

    @Test
    void anNscrRemovalOutsideThePrintedRangeIsSuspiciousAndInsideItValid() {
        Verdict v = rules.factor("nscr_removal", "", 95, "%");
        assertEquals(Judgement.SUSPICIOUS, v.judgement());
        assertTrue(v.reasons().contains("outside the 80-90 % the guideline prints for NSCR (表2.5)"), v.reasons());
        assertEquals(Verdict.VALID, rules.factor("nscr_removal", "", 85, "%"));
        assertEquals(Judgement.INVALID, rules.factor("nscr_removal", "", 850, "%").judgement());
    }
}
