package io.tanhe.methodologies;

import io.tanhe.engine.compile.Compiler;
import io.tanhe.engine.rules.RuleSet;
import io.tanhe.engine.rules.RulesEngine;
import io.tanhe.engine.rules.RulesSettings;
import io.tanhe.engine.rules.alert.AlertEvent;
import io.tanhe.engine.rules.check.RulesChecker;
import io.tanhe.engine.rules.check.TargetCatalog;
import io.tanhe.engine.rules.diagnostic.RuleProblem;
import io.tanhe.engine.rules.fact.BucketResultFact;
import io.tanhe.engine.rules.fact.FactorFact;
import io.tanhe.engine.rules.fact.ObservationFact;
import io.tanhe.engine.rules.threshold.ThresholdLoader;
import io.tanhe.engine.rules.validation.Judgement;
import io.tanhe.engine.rules.validation.Verdict;
import io.tanhe.engine.time.Grain;
import io.tanhe.engine.time.Quality;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The power-generation 2022 validation ruleset and thresholds, run on good and bad values. */
class PowerGenerationValidationTest {
    private static final Path DIR = Path.of("power-generation-2022");
    private static final Path DRL = DIR.resolve("power-generation-2022.validation.drl");
    private static final Path THRESHOLDS = DIR.resolve("power-generation-2022.thresholds.yaml");
    private static final Instant JUNE = Instant.parse("2022-06-30T16:00:00Z");

    private RulesEngine rules;
    private final List<AlertEvent> alerts = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        rules = RulesEngine.start(RuleSet.of("pg-2022", DRL), new RulesSettings(Duration.ofSeconds(10), Map.of(), null));
        rules.addListener(alerts::add);
        rules.setThresholds(new ThresholdLoader().load(THRESHOLDS).values());
    }

    @AfterEach
    void stop() {
        rules.close();
    }

    private Verdict lab(String input, double value, String unit) {
        return rules.observe(new ObservationFact(input, "unit1", JUNE, value, unit, Quality.MANUAL, "lab"));
    }

    @Test
    void rulesetAndThresholdsPassTheStaticChecksAgainstTheMethodology() {
        TargetCatalog catalog = TargetCatalog.of(Compiler.compile(DIR.resolve("power-generation.tanhe")).graph().orElseThrow());
        List<RuleProblem> problems = new RulesChecker().check(List.of(DRL, THRESHOLDS), catalog);
        assertEquals(List.of(), problems);
    }

    @Test
    void carbonContentEnteredAsAPercentageIsInvalidWithTheCorrectValueInTheMessage() {
        Verdict v = lab("coal_c_ar", 52.31, "tC/t");
        assertEquals(Judgement.INVALID, v.judgement());
        assertEquals(Quality.MISSING, v.qualityFor(Quality.MANUAL));
        assertEquals("coal_c_ar of coal_c_ar[unit1] = 52.31 tC/t is more carbon than coal; a lab result of 52.31 %"
                + " must be entered as 0.5231 tC/t", v.reasons());
    }

    @Test
    void plausibleLabValuesPassAndUnusualOnesAreSuspicious() {
        assertEquals(Verdict.VALID, lab("coal_c_ar", 0.5231, "tC/t"));
        assertEquals(Verdict.VALID, lab("coal_ncv", 21.5, "GJ/t"));
        Verdict low = lab("coal_c_ar", 0.12, "tC/t");
        assertEquals(Judgement.SUSPICIOUS, low.judgement());
        assertEquals(Quality.MANUAL, low.qualityFor(Quality.MANUAL), "a suspicious value is kept");
        assertTrue(low.reasons().contains("outside the usual 0.20..0.85 tC/t"), low.reasons());
    }

    @Test
    void calorificValueInKcalPerKgIsCaught() {
        Verdict v = lab("coal_ncv", 5000, "GJ/t");
        assertEquals(Judgement.INVALID, v.judgement());
        assertTrue(v.reasons().contains("was it entered in kcal/kg"), v.reasons());
        assertEquals(Judgement.INVALID, lab("gas_ncv_measured", 38.9, "GJ/10^4 Nm3").judgement());
        assertEquals(Verdict.VALID, lab("gas_ncv_measured", 0.389, "TJ/10^4 Nm3"), "389 GJ in another unit is fine");
    }

    @Test
    void oxidationRatesAboveHundredPercentAreInvalid() {
        Verdict bad = rules.factor(new FactorFact("ox_coal", "", 120, "%", LocalDate.of(2022, 1, 1), "plant"));
        assertEquals(Judgement.INVALID, bad.judgement());
        assertEquals("ox_coal = 120.0 % is not an oxidation rate (0..100 %); 99 % is entered as 99 %, or 0.99 without a unit",
                bad.reasons());
        assertEquals(Verdict.VALID, rules.factor(new FactorFact("ox_coal", "", 99, "%", null, "")));
        assertEquals(Verdict.VALID, rules.factor(new FactorFact("ox_gas", "natural_gas", 0.99, "1", null, "")));
        assertEquals(Judgement.SUSPICIOUS, rules.factor(new FactorFact("ox_liquid", "diesel", 60, "%", null, "")).judgement());
        assertEquals(Judgement.INVALID, rules.factor(new FactorFact("ncv_liquid", "diesel", 42652, "GJ/t", null, "")).judgement());
    }

    @Test
    void negativeOrImplausibleFuelAmountsAreCaught() {
        Verdict counter = rules.observe(ObservationFact.measured("coal_burned", "unit1", JUNE, -12, "t"));
        assertEquals(Judgement.INVALID, counter.judgement());
        assertTrue(counter.reasons().contains("a fuel counter cannot be negative"), counter.reasons());
        Instant h = JUNE;
        Verdict negative = rules.result(new BucketResultFact("coal_burned", "unit1", Grain.HOUR, h, h.plusSeconds(3600),
                -3, "t", Quality.MEASURED, 1));
        assertEquals(Judgement.INVALID, negative.judgement());
        assertTrue(alerts.isEmpty(), "an invalid amount raises no threshold alert");
        rules.result(new BucketResultFact("coal_burned", "unit1", Grain.HOUR, h.plusSeconds(3600), h.plusSeconds(7200),
                1_500_000, "kg", Quality.MEASURED, 1));
        assertEquals(1, alerts.size());
        assertEquals("coal_burned[unit1] burned 1500 t in one hour (more than 1000 t is implausible for one unit); check the coal scale",
                alerts.get(0).alert().message());
    }
}
