package io.tanhe.methodologies;

import io.tanhe.engine.rules.validation.Judgement;
import io.tanhe.engine.rules.validation.Verdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The verification checks of the power verification guideline (CETS-VG-01.01) that power generation 2022 ships, with
 * the shared settlement cross-check: findings are SUSPICIOUS verdicts whose reason starts with "核查发现".
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

    @Test
    void everyRulesetOfTheFolderPassesTheStaticChecksAgainstTheMethodology() {
        assertEquals(List.of(), rules.staticProblems());
    }

    @Test
    void aNaturalGasNcvOutsideTable12IsAFindingButNotInvalid() {
        Verdict low = rules.entered("gas_ncv_measured", "gt1,natural_gas", 280, "GJ/10^4 Nm3");
        assertEquals(Judgement.SUSPICIOUS, low.judgement(), low.toString());
        assertTrue(low.reasons().startsWith("核查发现"), low.reasons());
        assertTrue(low.reasons().contains("285.0-398.3 GJ/10^4 Nm3") && low.reasons().contains("表12"), low.reasons());
        assertEquals(Verdict.VALID, rules.entered("gas_ncv_measured", "gt1,natural_gas", 389.31, "GJ/10^4 Nm3"));
        assertEquals(Verdict.VALID, rules.entered("gas_ncv_measured", "gt1,natural_gas", 290, "GJ/10^4 Nm3"), "inside 285.0-398.3");
        assertEquals(Judgement.INVALID, rules.entered("gas_ncv_measured", "gt1,natural_gas", 200, "GJ/10^4 Nm3").judgement(),
                "below 250 it is not natural gas at all");
        assertEquals(Judgement.SUSPICIOUS, rules.entered("gas_ncv_measured", "gt1,natural_gas", 0.4, "TJ/10^4 Nm3").judgement(),
                "400 GJ in another unit is above 398.3");
    }

    @Test
    void aMonthsNaturalGasCarbonOutsideTable11IsAFinding() {
        Verdict high = rules.monthly("gas_carbon", "gt1,natural_gas", 0, 6.5, "tC/10^4 Nm3", 1);
        assertEquals(Judgement.SUSPICIOUS, high.judgement());
        assertTrue(high.reasons().contains("4.37-6.10 tC/10^4 Nm3") && high.reasons().contains("表11"), high.reasons());
        assertEquals(Verdict.VALID, rules.monthly("gas_carbon", "gt1,natural_gas", 1, 5.96, "tC/10^4 Nm3", 1));
    }

    @Test
    void meteredCoalThatDiffersFromTheMonthlyReportIsAFindingOnlyForAClosedMonth() {
        Verdict closed = rules.monthly("coal_report_deviation", "unit1", 0, 2, "%", 1);
        assertEquals(Judgement.SUSPICIOUS, closed.judgement());
        assertTrue(closed.reasons().contains("表7"), closed.reasons());
        assertEquals(Verdict.VALID, rules.monthly("coal_report_deviation", "unit1", 1, 0.3, "%", 1));
        assertEquals(Verdict.VALID, rules.monthly("coal_report_deviation", "unit1", 2, 40, "%", 0.5),
                "an open month is still filling up");
        assertEquals(Verdict.VALID, rules.hourly("coal_report_deviation", "unit1", 0, 99, "%"), "only months are compared");
    }

    @Test
    void meteredElectricityThatDiffersFromTheSettlementIsAFinding() {
        Verdict v = rules.monthly("power_settlement_deviation", "", 0, -4, "%", 1);
        assertEquals(Judgement.SUSPICIOUS, v.judgement());
        assertTrue(v.reasons().startsWith("核查发现") && v.reasons().contains("settlement vouchers"), v.reasons());
        assertEquals(Verdict.VALID, rules.monthly("power_settlement_deviation", "", 1, 0.2, "%", 1));
    }
}
