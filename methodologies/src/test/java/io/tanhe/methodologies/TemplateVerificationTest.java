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

    @ParameterizedTest
    @CsvSource({"aluminium-2013, aluminium-2013.tanhe, power_purchased, ''", "magnesium-2013, magnesium.tanhe, mg_fuel_used, semi_coke",
            "cement-2013, cement.tanhe, coal_burned, 'kiln,bituminous'"})
    void fuelOrPurchasedEnergyOfAnUncoveredDayCarriesTheCorrectedFigureMarkedAsATemplate(String folder, String file, String node,
                                                                                         String key) throws Exception {
        String subject = key.isEmpty() ? node : node + "[" + key + "]";
        try (GuidelineRules rules = GuidelineRules.start(folder, file)) {
            rules.calibration("m1", LocalDate.of(2025, 10, 20), LocalDate.of(2026, 4, 20), LocalDate.of(2026, 4, 26), "±0.2 %", "",
                    List.of(subject));
            rules.takeFindings();
            rules.day(node, key, LocalDate.of(2026, 4, 25), 1000, "t");
            List<VerificationFinding> found = rules.takeFindings();
            assertEquals(1, found.size(), found.toString());
            assertEquals(subject, found.getFirst().subject());
            assertTrue(found.getFirst().template());
            assertEquals("corrected 1002 t = 1000 t × 1.002 (meter m1)", found.getFirst().bound());
            assertTrue(found.getFirst().message().contains("模板") && found.getFirst().message().contains("confidence C"));
            rules.day(node, key, LocalDate.of(2026, 4, 20), 1000, "t");
            assertEquals(List.of(), rules.takeFindings(), "the due day is covered");
        }
    }

    @ParameterizedTest
    @CsvSource({"aluminium-2013, aluminium-2013.tanhe, al_output", "cement-2013, cement.tanhe, clinker"})
    void productionThatAlsoFeedsTheProcessEmissionIsNotCorrectedByTheTemplate(String folder, String file, String node)
            throws Exception {
        try (GuidelineRules rules = GuidelineRules.start(folder, file)) {
            rules.calibration("m1", null, LocalDate.of(2026, 4, 20), LocalDate.of(2026, 4, 26), "±0.2 %", "", List.of(node));
            rules.takeFindings();
            rules.day(node, "", LocalDate.of(2026, 4, 25), 1000, "t");
            assertEquals(List.of(), rules.takeFindings(), "production and activity data at once: no direction to take");
        }
    }

    @ParameterizedTest
    @CsvSource({"aluminium-2013, aluminium-2013.tanhe", "cement-2013, cement.tanhe"})
    void anOnTimeCalibrationBeyondTheRequiredAccuracyCorrectsTheFuelOfItsPeriod(String folder, String file) throws Exception {
        try (GuidelineRules rules = GuidelineRules.start(folder, file)) {
            rules.calibration("m1", LocalDate.of(2026, 3, 10), LocalDate.of(2026, 9, 10), LocalDate.of(2026, 4, 26), "0.5 级",
                    "±1.0 %", List.of("power_purchased"));
            assertEquals(List.of(), rules.takeFindings());
            rules.day("power_purchased", "", LocalDate.of(2026, 4, 25), 1000, "MWh");
            List<VerificationFinding> found = rules.takeFindings();
            assertEquals(1, found.size(), found.toString());
            assertEquals("corrected 1005 MWh = 1000 MWh × 1.005 (meter m1)", found.getFirst().bound());
            assertTrue(found.getFirst().message().contains("= × [1 + (1.0 − 0.5) %]"), found.getFirst().message());
        }
    }
}
