package io.tanhe.methodologies;

import io.tanhe.engine.rules.validation.Judgement;
import io.tanhe.engine.rules.validation.Verdict;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The verification checks the 2013 aluminium and magnesium guidelines ship: their own settlement cross-check
 * (§五(四)1) and the power verification guideline's natural-gas NCV range applied as a template (marked so).
 */
class TemplateVerificationTest {

    @ParameterizedTest
    @CsvSource({"aluminium-2013, aluminium-2013.tanhe", "magnesium-2013, magnesium.tanhe"})
    void theNaturalGasRangeOfThePowerGuidelineIsAFindingMarkedAsATemplate(String folder, String file) throws Exception {
        try (GuidelineRules rules = GuidelineRules.start(folder, file)) {
            assertEquals(List.of(), rules.staticProblems());
            Verdict low = rules.entered("gas_ncv_measured", "natural_gas", 280, "GJ/10^4 Nm3");
            assertEquals(Judgement.SUSPICIOUS, low.judgement(), low.toString());
            assertTrue(low.reasons().contains("模板") && low.reasons().contains("confidence C"), low.reasons());
            assertEquals(Verdict.VALID, rules.entered("gas_ncv_measured", "natural_gas", 389.31, "GJ/10^4 Nm3"));
        }
    }

    @ParameterizedTest
    @CsvSource({"aluminium-2013, aluminium-2013.tanhe", "magnesium-2013, magnesium.tanhe"})
    void meteredElectricityThatDiffersFromTheSettlementVouchersIsAFinding(String folder, String file) throws Exception {
        try (GuidelineRules rules = GuidelineRules.start(folder, file)) {
            Verdict v = rules.monthly("power_settlement_deviation", "", 0, 1.01, "%", 1);
            assertEquals(Judgement.SUSPICIOUS, v.judgement(), v.toString());
            assertTrue(v.reasons().startsWith("核查发现"), v.reasons());
            assertEquals(Verdict.VALID, rules.monthly("power_settlement_deviation", "", 1, 0.3, "%", 1));
        }
    }
}
