package io.tanhe.methodologies;

import io.tanhe.engine.rules.validation.Verdict;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.tanhe.engine.rules.verification.VerificationFinding;

import java.time.LocalDate;
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
            assertEquals(Verdict.VALID, rules.entered("gas_ncv_measured", "natural_gas", 280, "GJ/10^4 Nm3"));
            List<VerificationFinding> found = rules.takeFindings();
            assertEquals(1, found.size(), found.toString());
            assertTrue(found.getFirst().template(), "marked as the power guideline used as a template");
            assertTrue(found.getFirst().message().contains("模板") && found.getFirst().message().contains("confidence C"));
            rules.entered("gas_ncv_measured", "natural_gas", 389.31, "GJ/10^4 Nm3");
            assertEquals(List.of(), rules.takeFindings());
        }
    }

    @ParameterizedTest
    @CsvSource({"aluminium-2013, aluminium-2013.tanhe", "magnesium-2013, magnesium.tanhe"})
    void meteredElectricityThatDiffersFromTheSettlementVouchersIsAFinding(String folder, String file) throws Exception {
        try (GuidelineRules rules = GuidelineRules.start(folder, file)) {
            assertEquals(Verdict.VALID, rules.monthly("power_settlement_deviation", "", 0, 1.01, "%", 1));
            List<VerificationFinding> found = rules.takeFindings();
            assertEquals(1, found.size(), found.toString());
            assertTrue(found.getFirst().message().startsWith("核查发现"));
            rules.monthly("power_settlement_deviation", "", 1, 0.3, "%", 1);
            assertEquals(List.of(), rules.takeFindings());
        }
    }

    @ParameterizedTest
    @CsvSource({"aluminium-2013, aluminium-2013.tanhe", "magnesium-2013, magnesium.tanhe", "cement-2013, cement.tanhe"})
    void aMeterPastItsCalibrationIsAFindingMarkedAsATemplate(String folder, String file) throws Exception {
        try (GuidelineRules rules = GuidelineRules.start(folder, file)) {
            assertEquals(List.of(), rules.staticProblems());
            rules.calibration("scale", LocalDate.of(2026, 4, 20), LocalDate.of(2026, 4, 22), "±0.2 %");
            List<VerificationFinding> found = rules.takeFindings();
            assertEquals(1, found.size(), found.toString());
            assertTrue(found.getFirst().template());
            assertTrue(found.getFirst().message().contains("× 1.002"), found.getFirst().message());
            rules.calibration("scale", LocalDate.of(2026, 4, 20), LocalDate.of(2026, 4, 19), "±0.2 %");
            assertEquals(List.of(), rules.takeFindings(), "calibrated in time");
        }
    }
}
