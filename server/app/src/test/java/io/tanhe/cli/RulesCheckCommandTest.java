package io.tanhe.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RulesCheckCommandTest {
    private static final Path PG = Path.of("../../methodologies/power-generation-2022");

    @TempDir
    Path dir;

    @Test
    void shippedPowerGenerationRulesetChecksClean() {
        CliRun r = CliRun.of("rules", "check", "--methodology", PG.resolve("power-generation.tanhe").toString(),
                PG.resolve("power-generation-2022.validation.drl").toString(),
                PG.resolve("power-generation-2022.thresholds.yaml").toString());
        assertEquals("0 errors, 0 warnings\n", r.out());
        assertEquals(0, r.exit());
    }

    @Test
    void aGuidelinesManifestStandsForTheSharedRulesetsItIncludes() {
        Path coking = Path.of("../../methodologies/coking-2014");
        CliRun r = CliRun.of("rules", "check", "--methodology", coking.resolve("coking.tanhe").toString(),
                coking.resolve("coking-2014.rulesets.yaml").toString());
        assertEquals("0 errors, 0 warnings\n", r.out());
        assertEquals(0, r.exit());
    }

    @Test
    void problemsArePrintedWithFileLineAndHintAndFailTheExitCode() throws Exception {
        Path drl = dir.resolve("bad.drl");
        Files.writeString(drl, "package x;\nimport io.tanhe.engine.rules.fact.ObservationFact;\nrule \"r\"\nwhen\n"
                + "  ObservationFact(pont == \"a\")\nthen\nend\n");
        Path yaml = dir.resolve("t.yaml");
        Files.writeString(yaml, """
                thresholds:
                  - {id: a, target: coal_burnt, grain: hour, operator: ">", limit: 1000}
                  - {id: b, target: E, grain: hour, operator: ">", limit: 5, severity: major}
                  - {id: c, target: E, grain: hour, operator: ">", limit: 5, severity: critical}
                """);
        CliRun r = CliRun.of("rules", "check", "--methodology", PG.resolve("power-generation.tanhe").toString(),
                drl.toString(), yaml.toString());
        String out = r.out().replace(dir + "/", "");
        String[] lines = out.split("\n");
        assertEquals(1, r.exit(), out);
        assertEquals(true, lines[0].startsWith("bad.drl:5: error[R101]: "), out);
        assertEquals(true, out.contains("t.yaml:4: error[R202]: contradictory thresholds `b` (t.yaml:3) and `c`"), out);
        assertEquals(true, out.contains("t.yaml:2: error[R301]: threshold `a`: unknown node or point `coal_burnt` in "
                + "methodology cn.power-generation — did you mean `coal_burned`?\n  hint: use a node name"), out);
        assertEquals("3 errors, 0 warnings", lines[lines.length - 1]);
    }
}
