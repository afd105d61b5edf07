package io.tanhe.methodologies;

import io.tanhe.engine.rules.validation.Judgement;
import io.tanhe.engine.rules.validation.Verdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The 2013 electrolytic-aluminium validation ruleset and thresholds, run on good and bad values. */
class Aluminium2013ValidationTest {
    private GuidelineRules rules;

    @BeforeEach
    void start() throws Exception {
        rules = GuidelineRules.start("aluminium-2013", "aluminium-2013.tanhe");
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
    void anAnodeConsumptionInKilogramsIsInvalidWithTheConversion() {
        Verdict v = rules.entered("anode_nc", "", 420, "t/t");
        assertEquals(Judgement.INVALID, v.judgement());
        assertTrue(v.reasons().contains("420 kg/t = 0.42 t/t"), v.reasons());
        assertEquals(Verdict.VALID, rules.entered("anode_nc", "", 420, "kg/t"));
    }

    @Test
    void sulphurAndAshMustBeSmallPercentages() {
        assertEquals(Judgement.INVALID, rules.entered("anode_sulfur", "", 200, "%").judgement());
        assertEquals(Verdict.VALID, rules.entered("anode_ash", "", 0.4, "%"));
    }

    @Test
    void pfcFactorsOnTheWrongScaleAreInvalidAndTheCopiedC2f6FigureIsSuspicious() {
        assertEquals(Judgement.INVALID, rules.factor("ef_cf4", "", 34, "kgCF4/t").judgement());
        assertEquals(Verdict.VALID, rules.factor("ef_cf4", "", 34, "gCF4/t"));
        Verdict copied = rules.factor("ef_c2f6", "", 0.034, "kgC2F6/t");
        assertEquals(Judgement.SUSPICIOUS, copied.judgement());
        assertTrue(copied.reasons().contains("equals the CF4 factor"), copied.reasons());
        assertEquals(Verdict.VALID, rules.factor("ef_c2f6", "", 0.0034, "kgC2F6/t"));
    }

    @Test
    void aLimestoneFactorAbovePureCarbonateIsInvalid() {
        assertEquals(Judgement.INVALID, rules.factor("ef_limestone", "", 0.5, "tCO2/t").judgement());
        assertEquals(Verdict.VALID, rules.factor("ef_limestone", "", 0.40, "tCO2/t"));
    }

    @Test
    void aNegativeDayOfAnodeCo2Alerts() {
        assertEquals(Judgement.INVALID, rules.measured("al_output", "", -1, "t").judgement());
        rules.daily("anode_co2", "", 0, -12, "tCO2");
        assertEquals(1, rules.alerts.size());
        assertTrue(rules.alerts.get(0).alert().message().contains("check the counter"));
    }
}
