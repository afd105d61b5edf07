package io.tanhe.methodologies;

import io.tanhe.engine.rules.validation.Judgement;
import io.tanhe.engine.rules.validation.Verdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The 2013 magnesium validation ruleset and thresholds, run on good and bad values. */
class Magnesium2013ValidationTest {
    private GuidelineRules rules;

    @BeforeEach
    void start() throws Exception {
        rules = GuidelineRules.start("magnesium-2013", "magnesium.tanhe");
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
    void aProducerGasNcvInMegajoulesTypedAsGigajoulesIsInvalid() {
        Verdict v = rules.entered("mg_gas_ncv_measured", "producer_gas", 5.227, "GJ/10^4 Nm3");
        assertEquals(Judgement.INVALID, v.judgement());
        assertTrue(v.reasons().contains("5.227 MJ/Nm3 = 52.27 GJ/10^4 Nm3"), v.reasons());
        assertEquals(Verdict.VALID, rules.entered("mg_gas_ncv_measured", "producer_gas", 5.227, "MJ/Nm3"));
        assertEquals(Judgement.INVALID, rules.entered("ncv_measured", "bituminous", 19570, "GJ/t").judgement());
    }

    @Test
    void negativeMetersAndANegativeHourOfCombustionAreCaught() {
        assertEquals(Judgement.INVALID, rules.measured("mg_fuel_used", "semi_coke", -1, "t").judgement());
        rules.hourly("combustion", "", 0, -3, "tCO2");
        assertEquals(1, rules.alerts.size());
        assertTrue(rules.alerts.get(0).alert().message().contains("a wrong sign or a counter fault"));
    }
}
