package io.tanhe.methodologies;

import io.tanhe.engine.rules.validation.Judgement;
import io.tanhe.engine.rules.validation.Verdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The 2024/2025 aluminium-smelting validation ruleset and thresholds, run on good and bad values. */
class Aluminium2024ValidationTest {
    private GuidelineRules rules;

    @BeforeEach
    void start() throws Exception {
        rules = GuidelineRules.start("aluminium-2024", "aluminium-2024.tanhe");
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
    void anodeParametersOnTheWrongScaleAreInvalid() {
        Verdict nc = rules.factor("anode_nc_recommended", "", 411, "t/t");
        assertEquals(Judgement.INVALID, nc.judgement());
        assertTrue(nc.reasons().contains("411 kg/t = 0.411 t/t"), nc.reasons());
        assertEquals(Verdict.VALID, rules.factor("anode_nc_recommended", "", 411, "kg/t"));
        assertEquals(Judgement.INVALID, rules.factor("anode_loss_rate", "", 1518, "%").judgement());
        assertEquals(Verdict.VALID, rules.factor("anode_loss_rate", "", 0.1518, "1"));
    }

    @Test
    void pfcFactorsInGramsTypedAsKilogramsAreInvalid() {
        Verdict cf4 = rules.factor("ef_cf4", "", 20, "kgCF4/t");
        assertEquals(Judgement.INVALID, cf4.judgement());
        assertTrue(cf4.reasons().contains("was it entered in g/t or t/t?"), cf4.reasons());
        assertEquals(Verdict.VALID, rules.factor("ef_cf4", "", 20, "gCF4/t"));
        assertEquals(Judgement.INVALID, rules.factor("ef_c2f6", "", 1.1, "kgC2F6/t").judgement());
    }

    @Test
    void fuelLabValuesAndFactorsOnTheWrongScaleAreCaught() {
        assertEquals(Judgement.INVALID, rules.entered("fuel_c_ar", "coke", 85, "tC/t").judgement());
        assertEquals(Judgement.INVALID, rules.entered("fuel_ncv", "coke", 6800, "GJ/t").judgement());
        assertEquals(Judgement.INVALID, rules.factor("cc_gas", "natural_gas", 15.3, "tC/GJ").judgement());
        assertEquals(Verdict.VALID, rules.factor("cc_gas", "natural_gas", 15.3, "tC/TJ"));
        assertEquals(Judgement.INVALID, rules.entered("carbonate_purity", "caco3", 900, "%").judgement());
    }

    @Test
    void aNegativeDayOfAnodeCo2Alerts() {
        assertEquals(Judgement.INVALID, rules.measured("anode_consumed", "", -2, "t").judgement());
        rules.daily("anode_co2", "", 0, -12, "tCO2");
        assertEquals(1, rules.alerts.size());
        assertTrue(rules.alerts.get(0).alert().message().contains("check the counter"));
    }
}
