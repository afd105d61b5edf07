package io.tanhe.methodologies;

import io.tanhe.engine.rules.validation.Judgement;
import io.tanhe.engine.rules.validation.Verdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ISO 14064-1 inventory's validation ruleset and thresholds, run on good and bad values. */
class Iso14064ValidationTest {
    private GuidelineRules rules;

    @BeforeEach
    void start() throws Exception {
        rules = GuidelineRules.start("iso14064-1", "iso14064-1.tanhe");
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
    void anSf6ReleaseInTonnesIsSuspicious() {
        Verdict v = rules.entered("sf6_released", "switchgear1", 2, "tSF6");
        assertEquals(Judgement.SUSPICIOUS, v.judgement());
        assertTrue(v.reasons().contains("was a kg figure entered as t?"), v.reasons());
        assertEquals(Verdict.VALID, rules.entered("sf6_released", "switchgear1", 2, "kgSF6"));
    }

    @Test
    void negativeEmissionsAndBadLabValuesAreInvalid() {
        Verdict v = rules.entered("other_indirect_emission", "purchased_products,steel", -30, "tCO2e");
        assertEquals(Judgement.INVALID, v.judgement());
        assertTrue(v.reasons().contains("removals and offsets are not reported as negative emissions"), v.reasons());
        assertEquals(Judgement.INVALID, rules.entered("gas_ncv_measured", "natural_gas", 38931, "GJ/10^4 Nm3").judgement());
        assertEquals(Judgement.INVALID, rules.entered("carbonate_purity", "caco3", 950, "%").judgement());
    }

    @Test
    void aNegativeDayOfDirectEmissionsAlerts() {
        rules.daily("direct", "", 0, -5, "tCO2e");
        assertEquals(1, rules.alerts.size());
        assertTrue(rules.alerts.get(0).alert().message().contains("a wrong sign or a counter fault"));
    }
}
