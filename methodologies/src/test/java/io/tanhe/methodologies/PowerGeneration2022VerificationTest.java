package io.tanhe.methodologies;

import io.tanhe.engine.rules.validation.Judgement;
import io.tanhe.engine.rules.validation.Verdict;
import io.tanhe.engine.rules.verification.VerificationFinding;
import io.tanhe.engine.time.Grain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The verification checks of the power verification guideline (CETS-VG-01.01) that power generation 2022 ships, with
 * the shared settlement cross-check: each is a verification finding (check id, clause, bound, value), never a verdict
 * on the figure and never an alert. Every check has a case that finds, one that does not, and its boundary.
 */
class PowerGeneration2022VerificationTest {
    private GuidelineRules rules;

    @BeforeEach
    void start() throws Exception {
        rules = GuidelineRules.start("power-generation-2022", "power-generation.tanhe");
    }

    @AfterEach
    void stop() {
        rules.close();
    }

    private VerificationFinding only() {
        List<VerificationFinding> found = rules.takeFindings();
        assertEquals(1, found.size(), found.toString());
        return found.getFirst();
    }

    private void none(String why) {
        assertEquals(List.of(), rules.takeFindings(), why);
    }

    @Test
    void everyRulesetOfTheFolderPassesTheStaticChecksAgainstTheMethodology() {
        assertEquals(List.of(), rules.staticProblems());
    }

    @Test
    void aNaturalGasNcvOutsideTable12IsAFindingNotAVerdictNorAnAlert() {
        assertEquals(Verdict.VALID, rules.entered("gas_ncv_measured", "gt1,natural_gas", 280, "GJ/10^4 Nm3"),
                "a finding leaves the value as it is");
        VerificationFinding f = only();
        assertEquals("VG-01.01/V10", f.check());
        assertEquals("CETS-VG-01.01 表12", f.clause());
        assertFalse(f.template(), "power generation's own guideline");
        assertEquals("gas_ncv_measured[gt1,natural_gas]", f.subject());
        assertEquals(280, f.measured());
        assertEquals("285.0-398.3 GJ/10^4 Nm3", f.bound());
        assertTrue(f.message().startsWith("核查发现"), f.message());
        assertEquals(List.of(), rules.alerts, "findings raise no alerts");

        assertEquals(Verdict.VALID, rules.entered("gas_ncv_measured", "gt1,natural_gas", 389.31, "GJ/10^4 Nm3"));
        none("the default NCV lies inside the range");
        rules.entered("gas_ncv_measured", "gt1,natural_gas", 285.0, "GJ/10^4 Nm3");
        rules.entered("gas_ncv_measured", "gt1,natural_gas", 398.3, "GJ/10^4 Nm3");
        none("both ends of 285.0-398.3 are inside");
        rules.entered("gas_ncv_measured", "gt1,natural_gas", 398.4, "GJ/10^4 Nm3");
        assertEquals(398.4, only().measured());
        assertEquals(Judgement.INVALID, rules.entered("gas_ncv_measured", "gt1,natural_gas", 200, "GJ/10^4 Nm3").judgement(),
                "below 250 it is not natural gas at all: validation, not verification");
        none("an invalid reading leaves working memory before the verification rule sees it");
        rules.entered("gas_ncv_measured", "gt1,natural_gas", 0.4, "TJ/10^4 Nm3");
        assertEquals(0.4, only().measured(), "400 GJ in another unit is above 398.3");
    }

    @Test
    void aMonthsNaturalGasCarbonOutsideTable11IsAFinding() {
        assertEquals(Verdict.VALID, rules.monthly("gas_carbon", "gt1,natural_gas", 0, 6.5, "tC/10^4 Nm3", 1));
        VerificationFinding f = only();
        assertEquals("CETS-VG-01.01 表11", f.clause());
        assertEquals(Grain.MONTH, f.grain());
        assertEquals("4.37-6.10 tC/10^4 Nm3", f.bound());
        rules.monthly("gas_carbon", "gt1,natural_gas", 1, 5.96, "tC/10^4 Nm3", 1);
        rules.monthly("gas_carbon", "gt1,natural_gas", 2, 6.10, "tC/10^4 Nm3", 1);
        rules.monthly("gas_carbon", "gt1,natural_gas", 3, 4.37, "tC/10^4 Nm3", 1);
        none("inside, and both ends of, 4.37-6.10");
        rules.monthly("gas_carbon", "gt1,natural_gas", 4, 4.36, "tC/10^4 Nm3", 1);
        assertEquals(4.36, only().measured());
    }

    @Test
    void meteredCoalThatDiffersFromTheMonthlyReportIsAV8FindingOnlyForAClosedMonth() {
        assertEquals(Verdict.VALID, rules.monthly("coal_report_deviation", "unit1", 0, 2, "%", 1));
        VerificationFinding f = only();
        assertEquals("VG-01.01/V8", f.check());
        assertEquals("CETS-VG-01.01 表7", f.clause());
        assertEquals(2, f.measured());
        rules.monthly("coal_report_deviation", "unit1", 1, 0.3, "%", 1);
        rules.monthly("coal_report_deviation", "unit1", 2, 0.5, "%", 1);
        rules.monthly("coal_report_deviation", "unit1", 3, -0.5, "%", 1);
        none("within ±0.5 %, ends included");
        rules.monthly("coal_report_deviation", "unit1", 4, -0.51, "%", 1);
        assertEquals(-0.51, only().measured());
        rules.monthly("coal_report_deviation", "unit1", 5, 40, "%", 0.5);
        none("an open month is still filling up");
        rules.hourly("coal_report_deviation", "unit1", 0, 99, "%");
        none("only months are compared");
    }

    @Test
    void meteredElectricityThatDiffersFromTheSettlementIsAFinding() {
        assertEquals(Verdict.VALID, rules.monthly("power_settlement_deviation", "", 0, -4, "%", 1));
        VerificationFinding f = only();
        assertEquals("VG-01.01/V1", f.check());
        assertTrue(f.message().startsWith("核查发现") && f.message().contains("settlement vouchers"), f.message());
        rules.monthly("power_settlement_deviation", "", 1, 0.2, "%", 1);
        rules.monthly("power_settlement_deviation", "", 2, 0.5, "%", 1);
        none("within ±0.5 %");
        rules.monthly("power_settlement_deviation", "", 3, 0.6, "%", 1);
        assertEquals(0.6, only().measured());
    }

    @Test
    void aCoalLabReportIssuedMoreThan40DaysAfterSamplingIsAV9Finding() {
        assertEquals(Verdict.VALID, rules.entered("coal_lab_report_days", "unit1", 41, "d"));
        VerificationFinding f = only();
        assertEquals("VG-01.01/V9", f.check());
        assertEquals("CETS-VG-01.01 表8, 表9", f.clause());
        assertEquals("≤ 40 d", f.bound());
        assertEquals(41, f.measured());
        rules.entered("coal_lab_report_days", "unit1", 40, "d");
        none("40 natural days is within the limit");
        rules.entered("coal_lab_report_days", "unit1", 12, "d");
        none("a report twelve days after sampling");
        rules.entered("coal_lab_report_days", "unit1", 1000, "h");
        assertEquals(1000, only().measured(), "1000 h is 41.7 days");
    }

    @Test
    void theYearOnYearCheckDoesNotRunWithoutTheSitesLimitTheGuidelineGivesNone() {
        rules.yearOnYear("E", 2025, 150_000, 100_000, "tCO2");
        none("CETS-VG-01.01 3.4.1.3 gives no threshold; without rules.verification.yoy_change_percent nothing is found");
    }

    @Test
    void aYearOnYearChangeBeyondTheSitesLimitIsAV5Finding() throws Exception {
        try (GuidelineRules limited = GuidelineRules.start("power-generation-2022", "power-generation.tanhe",
                Map.of("yoy_change_percent", 10.0))) {
            limited.yearOnYear("E", 2025, 111_000, 100_000, "tCO2");
            List<VerificationFinding> found = limited.takeFindings();
            assertEquals(1, found.size(), found.toString());
            VerificationFinding f = found.getFirst();
            assertEquals("VG-01.01/V5", f.check());
            assertEquals(11, f.measured(), 1e-9, "(111000 − 100000) / 100000 = +11 %");
            assertEquals("%", f.unit());
            assertTrue(f.bound().contains("the guideline gives no number"), f.bound());
            limited.yearOnYear("E", 2026, 90_000, 100_000, "tCO2");
            limited.yearOnYear("E", 2027, 110_000, 100_000, "tCO2");
            assertEquals(List.of(), limited.takeFindings(), "−10 % and +10 % are on the limit, not beyond");
            limited.yearOnYear("E", 2028, 89_000, 100_000, "tCO2");
            assertEquals(-11, limited.takeFindings().getFirst().measured(), 1e-9);
            limited.yearOnYear("coal_combustion", 2028, 200_000, 100_000, "tCO2");
            assertEquals(List.of(), limited.takeFindings(), "the check compares the total emission E");
        }
    }

    @Test
    void aMeterPastItsCalibrationIsAV2FindingWithTheConservativeCorrection() {
        rules.calibration("gas-meter", LocalDate.of(2026, 4, 20), LocalDate.of(2026, 4, 25), "0.5 级");
        VerificationFinding f = only();
        assertEquals("VG-01.01/V2", f.check());
        assertEquals("gas-meter", f.subject());
        assertEquals(Grain.DAY, f.grain());
        assertEquals(5, f.measured(), "five days past due");
        assertTrue(f.message().contains("× 1.005") && f.message().contains("× 0.995"), f.message());
        assertEquals(1, rules.alerts.size(), "the overdue meter is also an alert, by the generic calibration rule, as before");
        rules.calibration("gas-meter", LocalDate.of(2026, 4, 20), LocalDate.of(2026, 4, 20), "0.5 级");
        none("the due day itself is still covered");
        rules.calibration("scale", LocalDate.of(2026, 4, 20), LocalDate.of(2026, 4, 21), "");
        assertTrue(only().message().contains("required accuracy is not on record"), "no class, no invented correction");
    }
}
