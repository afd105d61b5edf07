package io.tanhe.methodologies;

import io.tanhe.engine.rules.validation.Judgement;
import io.tanhe.engine.rules.validation.Verdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The 2024/2025 steel validation ruleset and thresholds, run on good and bad values. */
class Steel2024ValidationTest {
    private GuidelineRules rules;

    @BeforeEach
    void start() throws Exception {
        rules = GuidelineRules.start("steel-2024", "steel-2024.tanhe");
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
    void anElementCarbonEnteredAsAPercentageIsInvalid() {
        Verdict v = rules.entered("fuel_c_ar", "ironmaking,coke", 84, "tC/t");
        assertEquals(Judgement.INVALID, v.judgement());
        assertTrue(v.reasons().contains("is entered as 0.84 tC/t"), v.reasons());
        assertEquals(Verdict.VALID, rules.entered("fuel_c_ar", "ironmaking,coke", 0.84, "tC/t"));
    }

    @Test
    void calorificValuesInTheWrongUnitAreInvalid() {
        assertEquals(Judgement.INVALID, rules.entered("fuel_ncv", "sintering,coal", 23000, "GJ/t").judgement());
        Verdict gas = rules.entered("gas_ncv", "rolling,coke_oven_gas", 17.3, "GJ/10^4 Nm3");
        assertEquals(Judgement.INVALID, gas.judgement());
        assertTrue(gas.reasons().contains("3.3 MJ/Nm3 = 33 GJ/10^4 Nm3"), gas.reasons());
        assertEquals(Verdict.VALID, rules.entered("gas_ncv", "rolling,coke_oven_gas", 17.3, "MJ/Nm3"));
    }

    @Test
    void siteFuelFactorsOnTheWrongScaleAreCaught() {
        Verdict cc = rules.factor("cc_gas", "blast_furnace_gas", 70.8, "tC/GJ");
        assertEquals(Judgement.INVALID, cc.judgement());
        assertTrue(cc.reasons().contains("70.8 tC/TJ = 0.0708 tC/GJ"), cc.reasons());
        assertEquals(Verdict.VALID, rules.factor("cc_gas", "blast_furnace_gas", 70.8, "tC/TJ"));
        assertEquals(Judgement.SUSPICIOUS, rules.factor("cc", "coal", 0.005, "tC/GJ").judgement());
        assertEquals(Judgement.INVALID, rules.factor("ox", "coal", 930, "%").judgement());
    }

    @Test
    void processFactorsBeyondChemistryAreInvalid() {
        assertEquals(Judgement.INVALID, rules.factor("ef_flux", "dolomite", 47.1, "tCO2/t").judgement());
        assertEquals(Judgement.INVALID, rules.factor("ef_electrode", "", 4.2, "tCO2/t").judgement());
        Verdict fixed = rules.factor("ef_fixed_carbon", "crude_steel", 37, "tCO2/t");
        assertEquals(Judgement.INVALID, fixed.judgement());
        assertTrue(fixed.reasons().contains("was it entered in kgCO2/t?"), fixed.reasons());
        assertEquals(Verdict.VALID, rules.factor("ef_fixed_carbon", "crude_steel", 37, "kgCO2/t"));
    }

    @Test
    void negativeMetersAndANegativeHourOfCombustionAreCaught() {
        assertEquals(Judgement.INVALID, rules.measured("power_in", "steelmaking", -5, "MWh").judgement());
        assertEquals(Judgement.INVALID, rules.hourly("steam_in", "rolling", 0, -3, "t").judgement());
        rules.hourly("combustion", "", 1, 10, "tCO2");
        assertTrue(rules.alerts.isEmpty());
        rules.hourly("combustion", "", 2, -1, "tCO2");
        assertEquals(1, rules.alerts.size());
        assertTrue(rules.alerts.get(0).alert().message().contains("a wrong sign or a counter fault"));
    }
}
