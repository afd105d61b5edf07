package io.tanhe.engine.rules.check;

import io.tanhe.engine.compile.Compiler;
import io.tanhe.engine.rules.diagnostic.RuleProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RulesCheckerTest {
    private static final Path METHODOLOGY = Path.of("../methodologies/power-generation-2022/power-generation.tanhe");

    @TempDir
    Path dir;

    private List<String> check(String yaml, TargetCatalog targets) throws Exception {
        Path f = dir.resolve("t.yaml");
        Files.writeString(f, yaml);
        return new RulesChecker().check(List.of(f), targets).stream().map(RuleProblem::headline)
                .map(h -> h.replace(dir + "/", "")).toList();
    }

    @Test
    void shippedExamplesPass() {
        List<RuleProblem> problems = new RulesChecker().check(List.of(Path.of("../docs/examples/rules/site-rules.drl"),
                Path.of("../docs/examples/rules/site-thresholds.yaml")), TargetCatalog.ANY);
        assertTrue(problems.stream().noneMatch(RuleProblem::isError), problems.toString());
    }

    @Test
    void contradictoryAndDuplicateThresholdsAreFound() throws Exception {
        List<String> got = check("""
                thresholds:
                  - {id: warn, target: E, operator: ">", limit: 100, severity: warning}
                  - {id: major, target: E, operator: ">", limit: 120, severity: major}
                  - {id: swapped, target: F, operator: ">", limit: 100, severity: major}
                  - {id: swapped2, target: F, operator: ">", limit: 120, severity: warning}
                  - {id: same, target: G, operator: ">", limit: 5, severity: major}
                  - {id: same2, target: G, operator: ">", limit: 5, severity: critical}
                  - {id: dup, target: H, operator: ">", limit: 5}
                  - {id: dup2, target: H, operator: ">", limit: 5}
                  - {id: high, target: I, operator: ">", limit: 50}
                  - {id: low, target: I, operator: "<", limit: 80}
                  - {id: ladder, target: J, operator: ">", limit: 5, severity: major, for: 10m}
                  - {id: ladder2, target: J, operator: ">", limit: 5, severity: warning}
                  - {id: other-key, target: E, key: unit2, operator: ">", limit: 90, severity: critical}
                """, TargetCatalog.ANY);
        assertEquals(List.of(
                "t.yaml:5: error[R202]: contradictory thresholds `swapped` (t.yaml:4) and `swapped2`: every value > 120.0 also breaches `swapped` (> 100.0), yet the stricter `swapped2` is WARNING and the looser one MAJOR",
                "t.yaml:7: error[R202]: contradictory thresholds `same` (t.yaml:6) and `same2`: both alert > 5.0 but one is MAJOR and the other CRITICAL",
                "t.yaml:9: warning[R201]: duplicate thresholds `dup` (t.yaml:8) and `dup2`: both alert > 5.0 with severity WARNING",
                "t.yaml:11: error[R202]: contradictory thresholds `high` (t.yaml:10) and `low`: a value > 50.0 and < 80.0 breaches both"),
                got.subList(0, 4));
        assertEquals(6, got.size(), "other-key (critical > 90 on unit2) overlaps warn and major, which cover every key: " + got);
    }

    @Test
    void thresholdsOnUnknownNodesOrKeysAreErrorsGivenAMethodology() throws Exception {
        TargetCatalog catalog = TargetCatalog.of(Compiler.compile(METHODOLOGY).graph().orElseThrow());
        List<String> got = check("""
                thresholds:
                  - {id: a, target: coal_burned, grain: hour, operator: ">", limit: 1000}
                  - {id: b, target: coal_burnt, grain: hour, operator: ">", limit: 1000}
                  - {id: c, target: liquid_burned, key: "unit1,petrol", grain: hour, operator: ">", limit: 10}
                  - {id: d, target: E, key: unit1, grain: hour, operator: ">", limit: 10}
                """, catalog);
        assertEquals(3, got.size(), got.toString());
        assertTrue(got.get(0).startsWith("t.yaml:3: error[R301]: threshold `b`: unknown node or point `coal_burnt` in methodology cn.power-generation — did you mean `coal_burned`?"), got.get(0));
        assertTrue(got.get(1).contains("`petrol` is not a member of set liquid_fuel"), got.get(1));
        assertTrue(got.get(2).contains("key `unit1` has 1 member(s) but `E` is indexed by nothing"), got.get(2));
    }

    @Test
    void aThresholdInKwhOnTheTco2NodeIsAnErrorAtItsLine() throws Exception {
        TargetCatalog catalog = TargetCatalog.of(Compiler.compile(METHODOLOGY).graph().orElseThrow());
        List<String> got = check("""
                thresholds:
                  - {id: ok, target: E, grain: hour, operator: ">", limit: 950, unit: tCO2}
                  - {id: kg, target: E, grain: hour, operator: ">", limit: 950000, unit: kgCO2}
                  - {id: energy, target: E, grain: hour, operator: ">", limit: 950, unit: kWh}
                  - {id: typo, target: E, grain: hour, operator: ">", limit: 950, unit: tCO3}
                """, catalog);
        assertEquals(2, got.size(), got.toString());
        assertTrue(got.get(0).startsWith("t.yaml:4: error[R302]: threshold `energy`: unit `kWh`"), got.get(0));
        assertTrue(got.get(0).contains("does not fit `E`, which is in tCO2"), got.get(0));
        assertTrue(got.get(1).startsWith("t.yaml:5: error[R302]: threshold `typo`: `tCO3` is not a unit"), got.get(1));
    }

    @Test
    void drlErrorsCarryFileAndLine() throws Exception {
        Path drl = dir.resolve("bad.drl");
        Files.writeString(drl, "package x;\nimport io.tanhe.engine.rules.fact.ObservationFact;\nrule \"r\"\nwhen\n  ObservationFact(pont == \"a\")\nthen\nend\n");
        List<RuleProblem> problems = new RulesChecker().check(List.of(drl), TargetCatalog.ANY);
        assertEquals(drl.toString(), problems.get(0).file());
        assertEquals(5, problems.get(0).line(), problems.get(0).headline());
    }
}
