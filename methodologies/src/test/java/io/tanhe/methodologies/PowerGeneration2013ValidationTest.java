package io.tanhe.methodologies;

import io.tanhe.engine.rules.validation.Judgement;
import io.tanhe.engine.rules.validation.Verdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The 2013 power-generation validation ruleset and thresholds, run on good and bad values. */
class PowerGeneration2013ValidationTest {
    private GuidelineRules rules;

    @BeforeEach
    void start() throws Exception {
        rules = GuidelineRules.start("power-generation-2013", "power-generation-2013.tanhe");
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
    void coalCalorificValueInKilojoulesIsInvalidAndAPlausibleOneIsValid() {
        Verdict v = rules.entered("coal_ncv", "b1", 20500, "GJ/t");
        assertEquals(Judgement.INVALID, v.judgement());
        assertTrue(v.reasons().contains("20500 kJ/kg = 20.5 GJ/t"), v.reasons());
        assertEquals(Verdict.VALID, rules.entered("coal_ncv", "b1", 20.5, "GJ/t"));
    }

    @Test
    void coalCarbonContentInTheWrongScaleIsCaught() {
        Verdict v = rules.entered("coal_cc_measured", "b1", 26.5, "tC/GJ");
        assertEquals(Judgement.INVALID, v.judgement());
        assertEquals("coal_cc_measured of coal_cc_measured[b1] = 26.5 tC/GJ is a thousand times too large; 26.5 tC/TJ"
                + " = 0.0265 tC/GJ", v.reasons());
        assertEquals(Judgement.SUSPICIOUS, rules.entered("coal_cc_measured", "b1", 0.012, "tC/GJ").judgement());
    }

    @Test
    void sorbentCarbonateContentAndOxidationRatesMustBeFractions() {
        assertEquals(Judgement.INVALID, rules.entered("sorbent_carbonate_content", "caco3", 190, "%").judgement());
        assertEquals(Verdict.VALID, rules.entered("sorbent_carbonate_content", "caco3", 90, "%"));
        Verdict ox = rules.factor("ox_coal", "", 980, "%");
        assertEquals(Judgement.INVALID, ox.judgement());
        assertTrue(ox.reasons().contains("is not an oxidation rate"), ox.reasons());
    }

    @Test
    void negativeAmountsAreInvalidAndImplausibleCoalHoursAlert() {
        assertEquals(Judgement.INVALID, rules.hourly("sorbent_used", "caco3", 0, -1, "t").judgement());
        rules.hourly("coal_burned", "b1", 1, 1_200_000, "kg");
        assertEquals(1, rules.alerts.size());
        assertEquals("coal_burned[b1] burned 1200 t in one hour (more than 1000 t is implausible for one boiler); check the coal scale",
                rules.alerts.get(0).alert().message());
    }
}
