package io.tanhe.methodologies;

import io.tanhe.engine.rules.validation.Judgement;
import io.tanhe.engine.rules.validation.Verdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The 2013 power-grid validation ruleset and thresholds, run on good and bad values. */
class PowerGrid2013ValidationTest {
    private GuidelineRules rules;

    @BeforeEach
    void start() throws Exception {
        rules = GuidelineRules.start("power-grid-2013", "power-grid-2013.tanhe");
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
    void moreSf6RecoveredThanTheNameplateHoldsIsInvalid() {
        assertEquals(Verdict.VALID, rules.entered("retired_sf6_capacity", "gis1", 120, "kgSF6"));
        Verdict v = rules.entered("retired_sf6_recovered", "gis1", 130, "kgSF6");
        assertEquals(Judgement.INVALID, v.judgement());
        assertEquals("retired_sf6_recovered[gis1] = 130.0 kgSF6 exceeds the nameplate capacity 120.0 kgSF6 of gis1;"
                + " check both entries", v.reasons());
        assertEquals(Verdict.VALID, rules.entered("retired_sf6_recovered", "gis1", 100, "kgSF6"));
    }

    @Test
    void sf6InGramsTypedAsKilogramsIsSuspiciousAndNegativeIsInvalid() {
        Verdict v = rules.entered("repaired_sf6_capacity", "cb7", 50000, "kgSF6");
        assertEquals(Judgement.SUSPICIOUS, v.judgement());
        assertTrue(v.reasons().contains("entered in g instead of kg"), v.reasons());
        assertEquals(Judgement.INVALID, rules.entered("repaired_sf6_recovered", "cb7", -3, "kgSF6").judgement());
    }

    @Test
    void aNegativeLossIsSuspiciousAndNegativeMeterAmountsInvalid() {
        Verdict loss = rules.hourly("transmission_loss", "north", 0, -20, "MWh");
        assertEquals(Judgement.SUSPICIOUS, loss.judgement());
        assertTrue(loss.reasons().contains("more electricity was sold and exported than came in"), loss.reasons());
        assertEquals(Judgement.INVALID, rules.hourly("power_sold", "north", 0, -20, "MWh").judgement());
    }
}
