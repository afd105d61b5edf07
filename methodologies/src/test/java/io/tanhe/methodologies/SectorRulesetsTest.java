package io.tanhe.methodologies;

import io.tanhe.engine.compile.Compiler;
import io.tanhe.engine.rules.MethodologyRulesets;
import io.tanhe.engine.rules.RuleSet;
import io.tanhe.engine.rules.RulesEngine;
import io.tanhe.engine.rules.RulesRejectedException;
import io.tanhe.engine.rules.RulesSettings;
import io.tanhe.engine.rules.check.RulesChecker;
import io.tanhe.engine.rules.check.TargetCatalog;
import io.tanhe.engine.rules.diagnostic.RuleProblem;
import io.tanhe.engine.rules.fact.BucketResultFact;
import io.tanhe.engine.rules.fact.FactorFact;
import io.tanhe.engine.rules.fact.ObservationFact;
import io.tanhe.engine.rules.validation.Judgement;
import io.tanhe.engine.rules.validation.Verdict;
import io.tanhe.engine.time.Grain;
import io.tanhe.engine.time.Quality;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The validation rulesets of the sector guidelines (flat glass, cement, ceramics, civil aviation,
 * coal mining, public buildings and the 2015 third-batch industries): each passes the static checks
 * against its methodology, lets a plausible value through and catches each kind of bad value with a
 * message that says what is wrong and how to fix it.
 */
class SectorRulesetsTest {
    private static final Instant JUNE = Instant.parse("2022-06-30T16:00:00Z");

    /** One value fed to a ruleset and what the ruleset must say about it. */
    private record Probe(String name, Function<RulesEngine, Verdict> feed, Judgement expected, String messagePart) {
    }

    /**
     * A guideline folder, its methodology file, the files of its effective ruleset (relative to the
     * folder: the shared ones its manifest includes, then its own) and its probes.
     */
    private record Ruleset(String folder, String methodology, List<String> files, List<Probe> probes) {
    }

    /** The shared rulesets (methodologies/shared/rules) as a folder's manifest names them. */
    private static final String SHARED_COMBUSTION = "../shared/rules/combustion.validation.drl";
    private static final String SHARED_CARBONATES = "../shared/rules/carbonates.validation.drl";
    private static final String SHARED_WASTEWATER = "../shared/rules/wastewater.validation.drl";
    /** The power verification guideline's calibration check, shipped as a template (docs/verification.md). */
    private static final String SHARED_CALIBRATION = "../shared/rules/calibration.verification.drl";

    private static Probe reading(String point, String key, double value, String unit, Judgement expected, String part) {
        return new Probe(point + (key.isEmpty() ? "" : "[" + key + "]") + " = " + value + " " + unit + " is " + expected,
                r -> r.observe(new ObservationFact(point, key, JUNE, value, unit, Quality.MANUAL, "lab")), expected, part);
    }

    private static Probe factor(String name, String key, double value, String unit, Judgement expected, String part) {
        return new Probe("factor " + name + (key.isEmpty() ? "" : "[" + key + "]") + " = " + value + " " + unit + " is " + expected,
                r -> r.factor(new FactorFact(name, key, value, unit, null, "plant")), expected, part);
    }

    /** Feeds {@code first}, then the reading the probe is about, so that a rule can compare the two. */
    private static Probe readingAfter(String firstPoint, double firstValue, String point, double value, String unit,
                                      Judgement expected, String part) {
        return new Probe(point + " = " + value + " " + unit + " after " + firstPoint + " = " + firstValue + " " + unit
                + " is " + expected, r -> {
                    r.observe(new ObservationFact(firstPoint, "line1", JUNE, firstValue, unit, Quality.MANUAL, "lab"));
                    return r.observe(new ObservationFact(point, "line1", JUNE, value, unit, Quality.MANUAL, "lab"));
                }, expected, part);
    }

    private static Probe bucket(String node, String key, double value, String unit, Judgement expected, String part) {
        return new Probe("hourly " + node + (key.isEmpty() ? "" : "[" + key + "]") + " = " + value + " " + unit + " is " + expected,
                r -> r.result(new BucketResultFact(node, key, Grain.HOUR, JUNE, JUNE.plusSeconds(3600), value, unit,
                        Quality.MEASURED, 1)), expected, part);
    }

    private static final Judgement VALID = Judgement.VALID;
    private static final Judgement INVALID = Judgement.INVALID;
    private static final Judgement SUSPICIOUS = Judgement.SUSPICIOUS;

    /** The checks every ruleset built on the shared fuel, steam and electricity library must make. */
    private static final List<Probe> COMBUSTION = List.of(
            reading("fuel_ncv_measured", "bituminous", 20.9, "GJ/t", VALID, ""),
            reading("fuel_ncv_measured", "bituminous", 5000, "GJ/t", INVALID, "5000 kcal/kg = 20.93 GJ/t"),
            reading("gas_ncv_measured", "natural_gas", 38931, "GJ/10^4 Nm3", INVALID, "is 389.31 GJ/10^4 Nm3"),
            reading("steam_enthalpy", "s1", 640, "kJ/kg", SUSPICIOUS, "640 kcal/kg = 2680 kJ/kg"),
            reading("steam_enthalpy", "s1", 50, "kJ/kg", INVALID, "carries no heat"),
            reading("power_purchased", "main", -1, "MWh", INVALID, "cannot be negative"),
            bucket("fuel_burned", "bituminous", -2, "t", INVALID, "cannot be negative"));

    /** Of rulesets with carbonate use (the shared carbonates library). */
    private static final List<Probe> CARBONATES = List.of(
            reading("carbonate_purity", "caco3", 920, "%", INVALID, "is not a mass fraction"),
            reading("carbonate_purity", "caco3", 0.92, "1", VALID, ""));

    /** Of rulesets with wastewater CH4 (paper, food, other industries). */
    private static final List<Probe> WASTEWATER = List.of(
            reading("cod_in", "ww1", 3000, "kg/m3", INVALID, "3000 mg/L = 3 kg/m3"),
            readingAfter("cod_in", 3.0, "cod_out", 3.5, "kg/m3", INVALID, "are inlet and outlet swapped?"),
            factor("mcf", "", 5, "1", INVALID, "50 % is entered as 0.5"),
            factor("b0", "", 0.6, "kgCH4/kg", SUSPICIOUS, "maximum CH4 producing capacity"),
            bucket("wastewater_ch4", "ww1", -3, "tCO2e", SUSPICIOUS, "more CH4 was recorded as recovered"));

    @SafeVarargs
    private static List<Probe> probes(List<Probe>... groups) {
        return Stream.of(groups).flatMap(List::stream).toList();
    }

    private static List<Ruleset> rulesets() {
        List<Ruleset> all = new ArrayList<>();
        all.add(new Ruleset("flat-glass-2013", "flat-glass.tanhe", List.of("flat-glass-2013.validation.drl"), List.of(
                reading("fuel_ncv_measured", "fuel_oil", 40.5, "GJ/t", VALID, ""),
                reading("fuel_ncv_measured", "fuel_oil", 9800, "GJ/t", INVALID, "was it entered in kcal/kg or kJ/kg?"),
                reading("gas_ncv_measured", "natural_gas", 38931, "GJ/10^4 Nm3", INVALID, "38931 kJ/Nm3 or 38.931 MJ/Nm3 is 389.31 GJ/10^4 Nm3"),
                reading("carbon_powder_c_measured", "", 85, "tC/t", INVALID, "must be entered as 0.85 tC/t"),
                reading("carbon_powder_c_measured", "", 0.85, "tC/t", VALID, ""),
                factor("purity", "caco3", 120, "%", INVALID, "is not a fraction (0..100 %)"),
                factor("purity", "caco3", 30, "%", SUSPICIOUS, "unusually impure"),
                factor("calcined_fraction", "dolomite", 0.95, "1", VALID, ""),
                factor("ef_carbonate", "ankerite", 45, "tCO2/t", INVALID, "outside 0.1..0.7 tCO2/t"),
                reading("carbonate_used", "caco3", -3, "t", INVALID, "cannot be negative"),
                bucket("power_purchased", "", -2, "MWh", INVALID, "cannot be negative"))));
        all.add(new Ruleset("cement-2013", "cement.tanhe", List.of(SHARED_CALIBRATION, "cement-2013.validation.drl"), List.of(
                reading("cao_clinker", "line1", 65.5, "%", VALID, ""),
                reading("cao_clinker", "line1", 6550, "%", INVALID, "is not a content (0..100 %)"),
                reading("cao_clinker", "line1", 0.655, "%", SUSPICIOUS, "outside the 50..75 % of cement clinker"),
                reading("mgo_clinker", "line1", 12, "%", SUSPICIOUS, "clinker limit of GB 175"),
                readingAfter("cao_clinker", 65.5, "cao_noncarbonate", 70, "%", INVALID, "cannot be more than the whole"),
                readingAfter("cao_clinker", 65.5, "cao_noncarbonate", 0.8, "%", VALID, ""),
                reading("raw_meal_toc_measured", "line1", 0.15, "%", VALID, ""),
                reading("raw_meal_toc_measured", "line1", 15, "%", SUSPICIOUS, "the guideline's defaults are 0.1–0.3 %"),
                reading("raw_meal_toc_measured", "line1", 150, "%", INVALID, "is not a carbon content of raw meal"),
                factor("alt_fuel_fossil_share", "waste_tyre", 120, "%", INVALID, "is not a share"),
                reading("alt_fuel_ncv_measured", "waste_tyre", 7500, "GJ/t", INVALID, "kcal/kg"),
                reading("clinker", "line1", -5, "t", INVALID, "cannot be negative"),
                bucket("clinker", "line1", -5, "t", INVALID, "cannot be negative"))));
        all.add(new Ruleset("cement-2024", "cement-clinker.tanhe", List.of("cement-2024.validation.drl"), List.of(
                reading("fuel_c_ar", "line1,coal", 0.62, "tC/t", VALID, ""),
                reading("fuel_c_ar", "line1,coal", 62, "tC/t", INVALID, "is entered as 0.62 tC/t"),
                reading("fuel_ncv", "line1,coal", 5200, "GJ/t", INVALID, "kcal/kg"),
                factor("cc", "coal", 26.18, "tC/GJ", INVALID, "26.18 tC/TJ = 0.02618 tC/GJ"),
                factor("cc", "coal", 26.18, "tC/TJ", VALID, ""),
                factor("cc_gas", "natural_gas", 0.005, "tC/GJ", SUSPICIOUS, "0.010..0.035 tC/GJ"),
                factor("ox", "coal", 0.98, "1", VALID, ""),
                factor("ox", "coal", 980, "%", INVALID, "is not an oxidation rate"),
                factor("ef_clinker_baseline", "portland", 535, "tCO2/t", INVALID, "kgCO2/t"),
                factor("ef_clinker_baseline", "portland", 535, "kgCO2/t", VALID, ""),
                reading("substitute_used", "line1,carbide_slag", -8, "t", INVALID, "cannot be negative"),
                bucket("clinker", "line1,portland", -1, "t", INVALID, "cannot be negative"))));
        all.add(new Ruleset("civil-aviation-2013", "civil-aviation.tanhe", List.of("civil-aviation-2013.validation.drl"), List.of(
                reading("aviation_c_ar", "jet_kerosene", 0.86, "tC/t", VALID, ""),
                reading("aviation_c_ar", "jet_kerosene", 86, "tC/t", INVALID, "is entered as 0.86 tC/t"),
                reading("aviation_c_ar", "jet_kerosene", 0.5, "tC/t", SUSPICIOUS, "0.75..0.92 tC/t"),
                reading("aviation_ncv_measured", "jet_kerosene", 43500, "GJ/t", INVALID, "43.5 MJ/kg = 43.5 GJ/t"),
                factor("ncv_aviation", "jet_kerosene", 43.5, "MJ/kg", VALID, ""),
                factor("cc_aviation", "jet_kerosene", 19.5, "tC/GJ", INVALID, "19.5 tC/TJ = 0.0195 tC/GJ"),
                factor("ox_aviation", "jet_kerosene", 101, "%", INVALID, "is not an oxidation rate"),
                reading("aviation_fuel_burned", "domestic,jet_kerosene", -1, "t", INVALID, "cannot be negative"),
                bucket("aviation_fuel_burned", "domestic,jet_kerosene", -1, "t", INVALID, "cannot be negative"))));
        all.add(new Ruleset("coal-mining-2015", "coal-mining.tanhe", List.of("coal-mining-2015.validation.drl"), List.of(
                reading("ch4_ventilation", "s1", 20, "Nm3/min", VALID, ""),
                reading("ch4_ventilation", "s1", 8000, "Nm3/min", SUSPICIOUS, "8000 m3/min × 0.25 % = 20 m3/min"),
                reading("ch4_ventilation", "s1", -3, "Nm3/min", INVALID, "cannot be negative"),
                reading("flare_gas_fraction", "ch4", 0.8, "1", VALID, ""),
                reading("flare_gas_fraction", "ch4", 800, "%", INVALID, "is not a volume fraction"),
                factor("ox_flare", "", 0, "%", INVALID, "is not an oxidation rate"),
                bucket("ch4_escaped", "", -2, "10^4 Nm3", SUSPICIOUS, "more CH4 was flared and utilised"),
                reading("ch4_drained", "", -2, "10^4 Nm3", INVALID, "cannot be negative"))));
        all.add(new Ruleset("ceramics-2013", "ceramics.tanhe", List.of(SHARED_COMBUSTION, SHARED_CARBONATES), probes(COMBUSTION, CARBONATES)));
        all.add(new Ruleset("public-buildings-2015", "public-buildings.tanhe", List.of(SHARED_COMBUSTION), probes(COMBUSTION)));
        all.add(new Ruleset("oil-gas-2014", "oil-gas.tanhe", List.of(SHARED_COMBUSTION), probes(COMBUSTION)));
        all.add(new Ruleset("petrochemical-2014", "petrochemical.tanhe", List.of(SHARED_COMBUSTION), probes(COMBUSTION)));
        all.add(new Ruleset("coking-2014", "coking.tanhe", List.of(SHARED_COMBUSTION), probes(COMBUSTION)));
        all.add(new Ruleset("paper-2015", "paper.tanhe", List.of(SHARED_COMBUSTION, SHARED_CARBONATES, SHARED_WASTEWATER), probes(COMBUSTION, CARBONATES, WASTEWATER)));
        all.add(new Ruleset("non-ferrous-2015", "non-ferrous.tanhe", List.of(SHARED_COMBUSTION, SHARED_CARBONATES), probes(COMBUSTION, CARBONATES)));
        all.add(new Ruleset("electronics-2015", "electronics.tanhe", List.of(SHARED_COMBUSTION), probes(COMBUSTION)));
        all.add(new Ruleset("machinery-2015", "machinery.tanhe", List.of(SHARED_COMBUSTION), probes(COMBUSTION)));
        all.add(new Ruleset("mining-2015", "mining.tanhe", List.of(SHARED_COMBUSTION, SHARED_CARBONATES), probes(COMBUSTION, CARBONATES)));
        all.add(new Ruleset("food-2015", "food.tanhe", List.of(SHARED_COMBUSTION, SHARED_CARBONATES, SHARED_WASTEWATER), probes(COMBUSTION, CARBONATES, WASTEWATER)));
        all.add(new Ruleset("land-transport-2015", "land-transport.tanhe", List.of(SHARED_COMBUSTION), probes(COMBUSTION)));
        all.add(new Ruleset("fluorochemicals-2015", "fluorochemicals.tanhe", List.of(SHARED_COMBUSTION), probes(COMBUSTION)));
        all.add(new Ruleset("other-industries-2015", "other-industries.tanhe", List.of(SHARED_COMBUSTION, SHARED_CARBONATES, SHARED_WASTEWATER, "other-industries-2015.validation.drl"), probes(COMBUSTION, CARBONATES, WASTEWATER)));
        return all;
    }

    // One engine per ruleset, shared by its probes (compiling a ruleset takes about a second); the
    // probes use their own keys where a rule compares two facts, so they do not depend on each other.
    private static final Map<String, RulesEngine> ENGINES = new HashMap<>();

    private static RulesEngine engineFor(String folder, Path[] files) throws RulesRejectedException {
        RulesEngine engine = ENGINES.get(folder);
        if (engine == null) {
            engine = RulesEngine.start(RuleSet.of(folder, files), new RulesSettings(Duration.ofSeconds(10), Map.of(), null));
            ENGINES.put(folder, engine);
        }
        return engine;
    }

    @AfterAll
    static void closeEngines() {
        ENGINES.values().forEach(RulesEngine::close);
        ENGINES.clear();
    }

    @TestFactory
    Stream<DynamicNode> everySectorRulesetChecksCleanAndCatchesBadValues() {
        return rulesets().stream().map(set -> {
            Path dir = Path.of(set.folder());
            MethodologyRulesets effective = MethodologyRulesets.of(dir);
            Path[] files = effective.files().toArray(Path[]::new);
            DynamicTest composition = DynamicTest.dynamicTest("its effective ruleset is " + set.files(), () -> {
                assertEquals(List.of(), effective.problems());
                assertEquals(set.files().stream().map(f -> dir.resolve(f).normalize()).toList(), effective.files());
            });
            DynamicTest checks = DynamicTest.dynamicTest("passes the static checks against " + set.methodology(), () -> {
                TargetCatalog catalog = TargetCatalog.of(Compiler.compile(dir.resolve(set.methodology())).graph().orElseThrow());
                List<RuleProblem> problems = new RulesChecker().check(List.of(files), catalog);
                assertEquals(List.of(), problems);
            });
            Stream<DynamicTest> probes = set.probes().stream().map(p -> DynamicTest.dynamicTest(p.name(), () -> {
                Verdict v = p.feed().apply(engineFor(set.folder(), files));
                assertEquals(p.expected(), v.judgement(), v.reasons());
                assertTrue(v.reasons().contains(p.messagePart()), v.reasons());
            }));
            return DynamicContainer.dynamicContainer(set.folder(), Stream.concat(Stream.of(composition, checks), probes));
        });
    }
}
