package io.tanhe.methodologies;

import io.tanhe.engine.rules.CompiledRules;
import io.tanhe.engine.rules.MethodologyRulesets;
import io.tanhe.engine.rules.RuleCompiler;
import io.tanhe.engine.rules.RuleSet;
import io.tanhe.engine.rules.RuleSource;
import io.tanhe.engine.rules.RulesEngine;
import io.tanhe.engine.rules.RulesSettings;
import io.tanhe.engine.rules.fact.BucketResultFact;
import io.tanhe.engine.rules.fact.CalibrationFact;
import io.tanhe.engine.rules.fact.FactorFact;
import io.tanhe.engine.rules.fact.GapFact;
import io.tanhe.engine.rules.fact.ObservationFact;
import io.tanhe.engine.rules.fact.PeriodChangeFact;
import io.tanhe.engine.rules.threshold.ThresholdLoader;
import io.tanhe.engine.time.Grain;
import io.tanhe.engine.time.Quality;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped rules run from the executable models precompiled at build time exactly as from their DRL: the same
 * verdicts, alerts and findings in the same order; any DRL text that was not shipped is compiled from DRL.
 */
class PrecompiledRulesTest {
    private static final Path DEMO = Path.of("power-generation-2022");
    private static final ZoneOffset CST = ZoneOffset.ofHours(8);
    private static final Instant JUNE = Instant.parse("2022-06-30T16:00:00Z");

    private static RuleSet demoRules() {
        return RuleSet.of("demo", MethodologyRulesets.of(DEMO).files().toArray(Path[]::new));
    }

    @Test
    void theDemoMethodologysRulesAreBuiltFromThePrecompiledModelsWithTheSameRules() throws Exception {
        CompiledRules precompiled = new RuleCompiler().compile(demoRules());
        CompiledRules drl = new RuleCompiler().compileDrl(demoRules());
        assertTrue(precompiled.precompiled());
        assertFalse(drl.precompiled());
        assertEquals(drl.ruleNames(), precompiled.ruleNames());
    }

    @Test
    void anEditedCopyOfAShippedFileIsCompiledFromDrl() throws Exception {
        List<RuleSource> sources = new ArrayList<>(demoRules().sources());
        RuleSource first = sources.getFirst();
        sources.set(0, new RuleSource(first.path(), first.drl() + "\n// edited on site\n"));
        CompiledRules edited = new RuleCompiler().compile(new RuleSet("edited", sources));
        assertFalse(edited.precompiled(), "one edited file makes the whole set compile from DRL");
    }

    @Test
    void everyShippedDrlFileHasAPrecompiledModel() throws Exception {
        List<Path> files;
        try (Stream<Path> all = Files.walk(Path.of("."))) {
            files = all.filter(p -> p.toString().endsWith(".drl") && !p.startsWith("./target") && !p.startsWith("./src")).sorted().toList();
        }
        assertFalse(files.isEmpty());
        for (Path f : files) {
            assertTrue(new RuleCompiler().compile(RuleSet.of(f.toString(), f)).precompiled(), f + " has no precompiled model");
        }
    }

    @Test
    void precompiledAndDrlCompiledRulesGiveTheSameVerdictsAlertsAndFindingsInTheSameOrder() throws Exception {
        List<String> fromDrl = run(new RuleCompiler().compileDrl(demoRules()));
        List<String> precompiled = run(new RuleCompiler().compile(demoRules()));
        assertTrue(fromDrl.size() > 60, "the scenario exercises the rules: " + fromDrl);
        assertEquals(fromDrl, precompiled);
    }

    /**
     * Inputs of the power-generation 2022 validation and verification tests and a day of hourly figures: lab values,
     * factors, readings, hourly, daily and monthly results, calibrations, a year-on-year change and a gap. Returns every
     * verdict, alert transition and finding in the order they came, and the fact counts the fact filter left.
     */
    private static List<String> run(CompiledRules rules) throws Exception {
        List<String> seen = new ArrayList<>();
        try (RulesEngine engine = RulesEngine.start(rules, new RulesSettings(Duration.ofSeconds(10), Map.of(), null,
                Map.of("yoy_change_percent", 10.0)))) {
            engine.addListener(e -> seen.add("alert " + e));
            engine.addFindingListener(f -> seen.add("finding " + f));
            engine.setThresholds(new ThresholdLoader().load(DEMO.resolve("power-generation-2022.thresholds.yaml")).values());
            for (Object[] lab : new Object[][]{{"coal_c_ar", 52.31, "tC/t"}, {"coal_c_ar", 0.5231, "tC/t"}, {"coal_ncv", 21.5, "GJ/t"},
                    {"coal_c_ar", 0.12, "tC/t"}, {"coal_ncv", 5000.0, "GJ/t"}, {"gas_ncv_measured", 38.9, "GJ/10^4 Nm3"},
                    {"gas_ncv_measured", 0.389, "TJ/10^4 Nm3"}, {"coal_lab_report_days", 41.0, "d"}, {"coal_lab_report_days", 12.0, "d"},
                    {"coal_lab_report_days", 1000.0, "h"}}) {
                seen.add("lab " + engine.observe(new ObservationFact((String) lab[0], "unit1", JUNE, (double) lab[1], (String) lab[2],
                        Quality.MANUAL, "lab")));
            }
            for (double ncv : new double[]{280, 389.31, 285.0, 398.3, 398.4, 200}) {
                seen.add("gas " + engine.observe(new ObservationFact("gas_ncv_measured", "gt1,natural_gas", JUNE, ncv, "GJ/10^4 Nm3",
                        Quality.MANUAL, "lab")));
            }
            seen.add("factor " + engine.factor(new FactorFact("ox_coal", "", 120, "%", LocalDate.of(2022, 1, 1), "plant")));
            seen.add("factor " + engine.factor(new FactorFact("ox_coal", "", 99, "%", null, "")));
            seen.add("factor " + engine.factor(new FactorFact("ox_liquid", "diesel", 60, "%", null, "")));
            seen.add("factor " + engine.factor(new FactorFact("ncv_liquid", "diesel", 42652, "GJ/t", null, "")));
            seen.add("reading " + engine.observe(ObservationFact.measured("coal_burned", "unit1", JUNE, -12, "t")));
            for (int hour = 0; hour < 24; hour++) {
                Instant h = JUNE.plusSeconds(3600L * hour);
                engine.advanceTo(h.plusSeconds(3600));
                double coal = hour == 5 ? -3 : hour == 6 || hour == 7 ? 1_500_000 : 40_000 + 500 * hour;
                seen.add("hour " + engine.result(new BucketResultFact("coal_burned", "unit1", Grain.HOUR, h, h.plusSeconds(3600), coal,
                        hour >= 6 ? "kg" : "t", Quality.MEASURED, 1)));
                seen.add("hour " + engine.result(new BucketResultFact("power_generated", "", Grain.HOUR, h, h.plusSeconds(3600),
                        hour == 9 ? -1 : 300, "MWh", Quality.MEASURED, 1)));
                for (int n = 0; n < 5; n++) {
                    seen.add("reading " + engine.observe(ObservationFact.measured("p" + n, "", h.plusSeconds(60), 10 * n - 5, "t")));
                }
            }
            engine.gap(new GapFact("coal_burned", "unit1", JUNE.plusSeconds(3600 * 20), null, "no data", true));
            LocalDate day = LocalDate.of(2026, 4, 26);
            engine.calibration(new CalibrationFact("coal-scale", "流量计 coal-scale", LocalDate.of(2026, 4, 20), true, day,
                    List.of("coal-scale.total"), day.atStartOfDay(CST).toInstant(), "0.5 级", LocalDate.of(2025, 10, 20), "±0.8 %",
                    List.of("coal_burned[unit1]"), CST), JUNE.plusSeconds(86400));
            for (int d = 24; d <= 27; d++) {
                Instant start = LocalDate.of(2026, 4, d).atStartOfDay(CST).toInstant();
                seen.add("day " + engine.result(new BucketResultFact("coal_burned", "unit1", Grain.DAY, start, start.plusSeconds(86400),
                        2000 + d, "t", Quality.MEASURED, 1)));
                seen.add("day " + engine.result(new BucketResultFact("gas_burned", "gt1,natural_gas", Grain.DAY, start,
                        start.plusSeconds(86400), 100, "10^4 Nm3", Quality.MEASURED, 1)));
            }
            String[][] monthly = {{"gas_carbon", "gt1,natural_gas", "6.5", "tC/10^4 Nm3"}, {"gas_carbon", "gt1,natural_gas", "4.36", "tC/10^4 Nm3"},
                    {"coal_report_deviation", "unit1", "2", "%"}, {"coal_report_deviation", "unit1", "-0.51", "%"},
                    {"power_settlement_deviation", "", "-4", "%"}, {"power_settlement_deviation", "", "0.6", "%"},
                    {"supply_settlement_deviation", "", "40", "%"}, {"coal_stock_deviation", "", "40", "%"},
                    {"coal_205_1_deviation", "", "40", "%"}, {"heat_recompute_deviation", "", "40", "%"},
                    {"heat_boiler_ratio", "", "99.9", "%"}, {"heat_supplied", "", "400000", "GJ"}, {"energy_ratio", "", "100", "%"}};
            for (int m = 0; m < monthly.length; m++) {
                String[] row = monthly[m];
                Instant start = Instant.parse("2022-05-31T16:00:00Z").atZone(ZoneOffset.UTC).plusMonths(m).toInstant();
                Instant end = start.atZone(ZoneOffset.UTC).plusMonths(1).toInstant();
                seen.add("month " + engine.result(new BucketResultFact(row[0], row[1], Grain.MONTH, start, end, Double.parseDouble(row[2]),
                        row[3], Quality.MEASURED, 1)));
            }
            engine.change(new PeriodChangeFact("E", "", Grain.YEAR, Instant.parse("2024-12-31T16:00:00Z"),
                    Instant.parse("2025-12-31T16:00:00Z"), 150_000, 100_000, "tCO2"));
            seen.add("facts " + engine.factCount() + " held aside " + engine.readingsHeldAside());
        }
        return seen;
    }
}
