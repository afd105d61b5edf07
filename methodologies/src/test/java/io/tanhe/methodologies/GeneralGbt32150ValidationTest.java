package io.tanhe.methodologies;

import io.tanhe.engine.rules.validation.Judgement;
import io.tanhe.engine.rules.validation.Verdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The GB/T 32150-2015 validation ruleset and thresholds, run on good and bad values. */
class GeneralGbt32150ValidationTest {
    private GuidelineRules rules;

    @BeforeEach
    void start() throws Exception {
        rules = GuidelineRules.start("general-gbt32150-2015", "general-gbt32150.tanhe");
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
    void aCalorificValueInKilojoulesPerKilogramIsInvalidWithTheConversionInTheMessage() {
        Verdict v = rules.entered("ncv_measured", "bituminous", 20908, "GJ/t");
        assertEquals(Judgement.INVALID, v.judgement());
        assertTrue(v.reasons().contains("20908 kJ/kg = 20.908 GJ/t"), v.reasons());
        assertEquals(Verdict.VALID, rules.entered("ncv_measured", "bituminous", 20908, "kJ/kg"), "the same value in its unit");
    }

    @Test
    void aCarbonContentCopiedFromATableInTonnesPerTerajouleIsCaught() {
        Verdict v = rules.entered("cc_measured", "diesel", 20.2, "tC/GJ");
        assertEquals(Judgement.INVALID, v.judgement());
        assertEquals("cc_measured of cc_measured[diesel] = 20.2 tC/GJ is a thousand times too large; the tables print"
                + " tC/TJ: 20.2 tC/TJ = 0.0202 tC/GJ", v.reasons());
        assertEquals(Verdict.VALID, rules.entered("cc_measured", "diesel", 20.2, "tC/TJ"));
        assertEquals(Judgement.SUSPICIOUS, rules.entered("gas_cc_measured", "natural_gas", 0.005, "tC/GJ").judgement());
    }

    @Test
    void purityAboveOneHundredPercentIsInvalid() {
        Verdict v = rules.entered("carbonate_purity", "caco3", 920, "%");
        assertEquals(Judgement.INVALID, v.judgement());
        assertTrue(v.reasons().contains("is not a mass fraction (0..100 %)"), v.reasons());
        assertEquals(Verdict.VALID, rules.entered("carbonate_purity", "caco3", 0.92, "1"));
    }

    @Test
    void steamAndHotWaterOutsidePhysicalRangesAreInvalid() {
        assertEquals(Judgement.INVALID, rules.entered("steam_enthalpy", "s1", 640, "kJ/kg").judgement(), "kcal/kg entered as kJ/kg");
        assertEquals(Verdict.VALID, rules.entered("steam_enthalpy", "s1", 2800, "kJ/kg"));
        Verdict cold = rules.measured("hot_water_temperature", "w1", 15, "degC");
        assertEquals(Judgement.INVALID, cold.judgement());
        assertTrue(cold.reasons().contains("carries no heat"), cold.reasons());
    }

    @Test
    void negativeAmountsAreInvalidAndANegativeCombustionHourAlerts() {
        Verdict v = rules.hourly("power_purchased", "main", 0, -5, "MWh");
        assertEquals(Judgement.INVALID, v.judgement());
        assertTrue(v.reasons().contains("cannot be negative"), v.reasons());
        rules.hourly("combustion", "", 1, -2, "tCO2");
        assertEquals(1, rules.alerts.size());
        assertTrue(rules.alerts.get(0).alert().message().contains("a wrong sign or a counter fault"));
    }
}
