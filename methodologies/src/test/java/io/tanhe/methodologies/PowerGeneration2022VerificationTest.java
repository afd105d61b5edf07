package io.tanhe.methodologies;

import io.tanhe.engine.rules.validation.Judgement;
import io.tanhe.engine.rules.validation.Verdict;
import io.tanhe.engine.rules.verification.VerificationFinding;
import io.tanhe.engine.time.Grain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
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
 *
 * <p>Slow (20-80 s): each test starts its own engine, and {@code RulesEngine.start} compiles the folder's rule base
 * again (1-3 s), 26 times. The tests share meters, nodes and months, so one engine for the class would let one test's
 * facts find things in the next; compiling once per class needs a way to start an engine on {@code CompiledRules}, which
 * {@code RulesEngine} does not offer.
 */
@Tag("slow")
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

    private static final LocalDate DUE = LocalDate.of(2026, 4, 20);

    @Test
    void activityDataOfADayItsMeterWasNotCalibratedForCarryTheCorrectedFigureUp() {
        rules.calibration("gas-meter", LocalDate.of(2025, 10, 20), DUE, LocalDate.of(2026, 4, 26), "0.5 级", "",
                List.of("gas_burned[gt1,natural_gas]"));
        assertEquals("gas-meter", only().subject(), "the meter's own finding of the day");
        assertEquals(Verdict.VALID, rules.day("gas_burned", "gt1,natural_gas", LocalDate.of(2026, 4, 25), 100, "10^4 Nm3"),
                "the figure is not judged: it stays as measured");
        VerificationFinding f = only();
        assertEquals("VG-01.01/V2", f.check());
        assertEquals("CETS-VG-01.01 3.4.1.1", f.clause());
        assertEquals("gas_burned[gt1,natural_gas]", f.subject());
        assertEquals(Grain.DAY, f.grain());
        assertEquals(100, f.measured(), "the finding measures the stored figure");
        assertEquals("corrected 100.5 10^4 Nm3 = 100 10^4 Nm3 × 1.005 (meter gas-meter)", f.bound());
        assertTrue(f.message().contains("calibration due 2026-04-20") && f.message().contains("× (1 + 0.5 %)")
                && f.message().contains("100.5 10^4 Nm3 instead of 100 10^4 Nm3"), f.message());
        assertEquals(1, rules.alerts.size(), "only the generic calibration alert: the correction raises none");

        rules.day("gas_burned", "gt1,natural_gas", DUE, 100, "10^4 Nm3");
        none("the due day is still covered by the calibration");
        rules.day("gas_burned", "gt1,natural_gas", DUE.plusDays(1), 80, "10^4 Nm3");
        assertEquals("corrected 80.4 10^4 Nm3 = 80 10^4 Nm3 × 1.005 (meter gas-meter)", only().bound(),
                "the day after the due date is not");
        rules.day("coal_burned", "unit1", DUE.plusDays(1), 5000, "t");
        none("a figure the meter does not feed");
        rules.day("coal_report_deviation", "unit1", DUE.plusDays(1), 5, "%");
        none("not activity data");
    }

    @Test
    void productionDataOfADayItsMeterWasNotCalibratedForCarryTheCorrectedFigureDown() {
        rules.calibration("power-meter", null, null, LocalDate.of(2026, 4, 26), "±0.2 %", "", List.of("power_supplied"));
        rules.takeFindings();
        rules.day("power_supplied", "", LocalDate.of(2026, 4, 25), 1000, "MWh");
        VerificationFinding f = only();
        assertEquals("VG-01.01/V3", f.check());
        assertEquals("CETS-VG-01.01 3.4.1.4", f.clause());
        assertEquals("power_supplied", f.subject());
        assertEquals("corrected 998 MWh = 1000 MWh × 0.998 (meter power-meter)", f.bound());
        assertTrue(f.message().contains("× (1 − 0.2 %)"), f.message());
    }

    @Test
    void aMeterWithoutAnAccuracyClassGivesNoCorrectedFigure() {
        rules.calibration("scale", null, DUE, LocalDate.of(2026, 4, 26), "", "", List.of("coal_burned[unit1]"));
        assertTrue(only().message().contains("required accuracy is not on record"));
        rules.day("coal_burned", "unit1", LocalDate.of(2026, 4, 25), 5000, "t");
        none("no accuracy, no invented correction");
    }

    @Test
    void aCalibrationOnTimeThatFoundTheMeterLessAccurateThanRequiredCorrectsTheDaysItCovers() {
        LocalDate last = LocalDate.of(2026, 3, 10);
        LocalDate due = LocalDate.of(2026, 9, 10);
        rules.calibration("coal-scale", last, due, LocalDate.of(2026, 4, 26), "0.5 级", "±0.8 %",
                List.of("coal_burned[unit1]", "power_generated"));
        none("calibrated on time: the meter itself is no finding");
        rules.day("coal_burned", "unit1", LocalDate.of(2026, 4, 25), 2000, "t");
        VerificationFinding f = only();
        assertEquals("VG-01.01/V2", f.check());
        assertEquals("corrected 2006 t = 2000 t × 1.003 (meter coal-scale)", f.bound(),
                "× [1 + (calibration accuracy − required accuracy)]");
        assertTrue(f.message().contains("calibration of 2026-03-10 measured ±0.8 %, beyond the required 0.5 级")
                && f.message().contains("= × [1 + (0.8 − 0.5) %]"), f.message());
        rules.day("power_generated", "", LocalDate.of(2026, 4, 25), 1000, "MWh");
        VerificationFinding p = only();
        assertEquals("VG-01.01/V3", p.check());
        assertEquals("corrected 997 MWh = 1000 MWh × 0.997 (meter coal-scale)", p.bound());
        assertTrue(p.message().contains("= × [1 − (0.8 − 0.5) %]"), p.message());
        rules.day("coal_burned", "unit1", last, 2000, "t");
        rules.day("coal_burned", "unit1", due, 2000, "t");
        assertEquals(2, rules.takeFindings().size(), "the calibration's day and its due date are both covered");
        rules.day("coal_burned", "unit1", last.minusDays(1), 2000, "t");
        none("before the calibration on record: not its period");
    }

    @Test
    void aCalibrationWithinTheRequiredAccuracyCorrectsNothing() {
        rules.calibration("coal-scale", LocalDate.of(2026, 3, 10), LocalDate.of(2026, 9, 10), LocalDate.of(2026, 4, 26),
                "0.5 级", "±0.5 %", List.of("coal_burned[unit1]"));
        rules.day("coal_burned", "unit1", LocalDate.of(2026, 4, 25), 2000, "t");
        none("0.5 % measured against 0.5 % required is within it");
        rules.calibration("coal-scale", LocalDate.of(2026, 3, 10), LocalDate.of(2026, 9, 10), LocalDate.of(2026, 4, 27),
                "0.5 级", "", List.of("coal_burned[unit1]"));
        rules.day("coal_burned", "unit1", LocalDate.of(2026, 4, 26), 2000, "t");
        none("no measured accuracy on record: nothing to compare");
    }

    @Test
    void theChecksWithoutAGuidelineToleranceDoNotRunWithoutTheSitesLimit() {
        rules.monthly("supply_settlement_deviation", "", 0, 40, "%", 1);
        rules.monthly("coal_stock_deviation", "", 0, 40, "%", 1);
        rules.monthly("coal_205_1_deviation", "", 0, 40, "%", 1);
        rules.monthly("heat_recompute_deviation", "", 0, 40, "%", 1);
        none("表14, 表7/表10 and 表15 give no tolerance: the site sets it");
    }

    @Test
    void electricitySuppliedThatDiffersFromTheGridSettlementIsAV13Finding() throws Exception {
        try (GuidelineRules limited = GuidelineRules.start("power-generation-2022", "power-generation.tanhe",
                Map.of("supply_settlement_percent", 0.5))) {
            limited.monthly("supply_settlement_deviation", "", 0, 0.6, "%", 1);
            List<VerificationFinding> found = limited.takeFindings();
            assertEquals(1, found.size(), found.toString());
            assertEquals("VG-01.01/V13", found.getFirst().check());
            assertEquals("CETS-VG-01.01 表14, 附件4", found.getFirst().clause());
            assertTrue(found.getFirst().bound().contains("supply_settlement_percent"), found.getFirst().bound());
            limited.monthly("supply_settlement_deviation", "", 1, 0.5, "%", 1);
            limited.monthly("supply_settlement_deviation", "", 2, -0.5, "%", 1);
            limited.monthly("supply_settlement_deviation", "", 3, 9, "%", 0.5);
            assertEquals(List.of(), limited.takeFindings(), "on the limit, or an open month");
            limited.yearly("supply_settlement_deviation", "", 2025, -0.6, "%");
            assertEquals(Grain.YEAR, limited.takeFindings().getFirst().grain(), "a year too");
        }
    }

    @Test
    void coalThatDiffersFromStockAccountsOrThe2051FormIsAV7Finding() throws Exception {
        try (GuidelineRules limited = GuidelineRules.start("power-generation-2022", "power-generation.tanhe",
                Map.of("coal_cross_check_percent", 1.0))) {
            limited.monthly("coal_stock_deviation", "", 0, 1.5, "%", 1);
            VerificationFinding f = limited.takeFindings().getFirst();
            assertEquals("VG-01.01/V7", f.check());
            assertTrue(f.message().contains("purchases − shipments − stock change"), f.message());
            limited.monthly("coal_stock_deviation", "", 1, -1.0, "%", 1);
            limited.monthly("coal_205_1_deviation", "", 1, 1.0, "%", 1);
            assertEquals(List.of(), limited.takeFindings(), "±1 % is on the limit");
            limited.yearly("coal_205_1_deviation", "", 2025, -2, "%");
            VerificationFinding y = limited.takeFindings().getFirst();
            assertTrue(y.message().contains("205-1"), y.message());
            assertEquals(-2, y.measured());
        }
    }

    @Test
    void heatSuppliedNotBelowTheBoilersOutputIsAV11Finding() {
        rules.monthly("heat_boiler_ratio", "", 0, 100, "%", 1);
        VerificationFinding f = only();
        assertEquals("VG-01.01/V11", f.check());
        assertEquals("CETS-VG-01.01 表15", f.clause());
        rules.monthly("heat_boiler_ratio", "", 1, 99.9, "%", 1);
        rules.monthly("heat_boiler_ratio", "", 2, 0, "%", 1);
        none("below the boiler output, or no boiler figure entered");
        rules.yearly("heat_boiler_ratio", "", 2025, 1.2, "1");
        assertEquals(1.2, only().measured(), "120 % as a plain ratio");
    }

    @Test
    void energyOutputNotBelowTheFuelHeatIsAV11FindingForACogeneratingPlant() {
        rules.monthly("heat_supplied", "", 0, 400_000, "GJ", 1);
        rules.monthly("energy_ratio", "", 0, 100, "%", 1);
        VerificationFinding f = only();
        assertEquals("CETS-VG-01.01 表15, 表16", f.clause());
        assertEquals("< 100 % ((generation × 3.6 + heat) / Σ(fuel × NCV) < 1)", f.bound());
        rules.monthly("heat_supplied", "", 1, 400_000, "GJ", 1);
        rules.monthly("energy_ratio", "", 1, 65, "%", 1);
        rules.monthly("heat_supplied", "", 2, 400_000, "GJ", 1);
        rules.monthly("energy_ratio", "", 2, 99.99, "%", 1);
        none("below 1 (65 % is above 46 %, but heat was supplied: the cogeneration bound applies)");
        rules.monthly("energy_ratio", "", 3, 120, "%", 1);
        none("no heat_supplied figure of that month: which bound applies is not known");
    }

    @Test
    void aPureCondensingPlantsEfficiencyNotBelow46PercentIsAV11Finding() {
        rules.monthly("heat_supplied", "", 0, 0, "GJ", 1);
        rules.monthly("energy_ratio", "", 0, 46, "%", 1);
        assertEquals("< 46 % ((generation × 3.6) / Σ(fuel × NCV))", only().bound());
        rules.monthly("heat_supplied", "", 1, 0, "GJ", 1);
        rules.monthly("energy_ratio", "", 1, 45.99, "%", 1);
        rules.monthly("heat_supplied", "", 2, 0, "GJ", 1);
        rules.monthly("energy_ratio", "", 2, 43.15, "%", 1);
        none("below 46 %");
        rules.monthly("heat_supplied", "", 3, 0, "GJ", 1);
        rules.monthly("energy_ratio", "", 3, 60, "%", 0.4);
        none("an open month");
        rules.yearly("heat_supplied", "", 2025, 0, "GJ");
        rules.yearly("energy_ratio", "", 2025, 47, "%");
        assertEquals(Grain.YEAR, only().grain(), "a year too");
    }

    @Test
    void aLoadFactorOutsideZeroToOneIsAV11Finding() {
        rules.monthly("load_factor", "unit1", 0, 100.1, "%", 1);
        VerificationFinding f = only();
        assertEquals("load_factor[unit1]", f.subject());
        assertEquals("CETS-VG-01.01 表16, 表17", f.clause());
        rules.monthly("load_factor", "unit1", 1, 100, "%", 1);
        rules.monthly("load_factor", "unit1", 2, 0, "%", 1);
        rules.monthly("load_factor", "unit1", 3, 83.33, "%", 1);
        none("0 and 1 are inside");
        rules.monthly("load_factor", "unit1", 4, -1, "%", 1);
        assertEquals(-1, only().measured());
    }

    @Test
    void heatThatDiffersFromItsRecomputationIsAV12FindingOnMonthsOnly() throws Exception {
        try (GuidelineRules limited = GuidelineRules.start("power-generation-2022", "power-generation.tanhe",
                Map.of("heat_recompute_percent", 2.0))) {
            limited.monthly("heat_recompute_deviation", "", 0, 2.5, "%", 1);
            VerificationFinding f = limited.takeFindings().getFirst();
            assertEquals("VG-01.01/V12", f.check());
            assertEquals("CETS-VG-01.01 表15", f.clause());
            limited.monthly("heat_recompute_deviation", "", 1, 1.91, "%", 1);
            limited.monthly("heat_recompute_deviation", "", 2, -2, "%", 1);
            limited.yearly("heat_recompute_deviation", "", 2025, 30, "%");
            assertEquals(List.of(), limited.takeFindings(), "within ±2 %, and a year is not recomputed");
        }
    }
}
