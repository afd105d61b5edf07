package io.tanhe.methodologies;

import io.tanhe.engine.rules.validation.Judgement;
import io.tanhe.engine.rules.validation.Verdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The 2013 steel validation ruleset and thresholds, run on good and bad values. */
class Steel2013ValidationTest {
    private GuidelineRules rules;

    @BeforeEach
    void start() throws Exception {
        rules = GuidelineRules.start("steel-2013", "steel-2013.tanhe");
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
    void calorificValuesInTheWrongUnitAreInvalid() {
        Verdict coke = rules.entered("ncv_measured", "coke", 28447, "GJ/t");
        assertEquals(Judgement.INVALID, coke.judgement());
        assertTrue(coke.reasons().contains("28447 kJ/kg = 28.447 GJ/t"), coke.reasons());
        assertEquals(Judgement.INVALID, rules.entered("gas_ncv_measured", "blast_furnace_gas", 3.3, "GJ/10^4 Nm3").judgement());
        assertEquals(Verdict.VALID, rules.entered("gas_ncv_measured", "blast_furnace_gas", 3.3, "MJ/Nm3"));
    }

    @Test
    void processFactorsBeyondChemistryAreInvalid() {
        Verdict flux = rules.factor("ef_flux", "dolomite", 47.1, "tCO2/t");
        assertEquals(Judgement.INVALID, flux.judgement());
        assertEquals("ef_flux[dolomite] = 47.1 tCO2/t is not a carbonate's CO2 yield (0..0.6 tCO2/t; limestone 0.440,"
                + " dolomite 0.471)", flux.reasons());
        assertEquals(Judgement.INVALID, rules.factor("ef_electrode", "", 4.2, "tCO2/t").judgement());
        assertEquals(Verdict.VALID, rules.factor("ef_electrode", "", 3.663, "tCO2/t"));
    }

    @Test
    void aNegativeDailyTotalAlerts() {
        assertEquals(Judgement.INVALID, rules.hourly("flux_used", "limestone", 0, -4, "t").judgement());
        rules.daily("E", "", 1, -10, "tCO2");
        assertEquals(1, rules.alerts.size());
        assertTrue(rules.alerts.get(0).alert().message().contains("fixed carbon or exports exceed all emissions"));
    }
}
