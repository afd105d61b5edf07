package io.tanhe.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ListCommandTest {
    private static final String SMALL = """
            library lib.small
              version 1

            factor ox : % {
              value 98 source "a table" confidence A
            }
            factor unused_doubtful : % {
              value 50 source "a forum post" confidence C
            }
            factor share : % {
              value 90 source "one repository" confidence B
            }
            """;
    private static final String BOILER = """
            methodology site.boiler
              version 2.1
              title "一台锅炉"
              source "test"
              industry "供热"

            import "lib.tanhe"

            factor ef : tCO2/t {
              value 2.5 valid from 2000-01-01 until 2030-01-01 source "a doubtful table" confidence C
              value 2.6 valid from 2030-01-01 source "a recalled value" confidence U
            }
            input coal : t counter
            factor slip : % "no default on purpose"
            set grade "煤种" { a "甲", b "乙" }
            factor ash[grade] : % {
              value [a] 10 source "a table" confidence A
            }
            input burned[grade] : t counter
            emission graded[g in grade] : tCO2 class combustion = burned[g] * ash[g] * 1 [tCO2/t]
            value oxidised : t = coal * ox * share * (1 - slip)
            emission e : tCO2 class combustion = oxidised * ef
            total E : tCO2 = e

            test "one" {
              on 2024-01-01
              input coal = 10 t
              factor slip = 0 %
              expect E = 22.05 tCO2
            }
            test "two" {
              on 2024-01-01
              input coal = 0 t
              factor slip = 0 %
              expect E = 0 tCO2
            }
            """;

    @TempDir
    Path dir;

    @Test
    void countsFormulasTestsTheDefaultsItReadsByConfidenceAndTheFactorsWithoutDefault() throws Exception {
        Files.writeString(dir.resolve("lib.tanhe"), SMALL);
        Files.writeString(dir.resolve("boiler.tanhe"), BOILER);
        CliRun r = CliRun.of("list", dir.toString());
        assertEquals("site.boiler 2.1  一台锅炉  [供热]  4 formulas, 2 tests, "
                + "2 confirmed, 1 second-hand, 2 unverified defaults; no default: slip; keys without default: ash (1 of 2)\n"
                + "1 methodologies in " + dir + ": 4 formulas, 2 tests, 2 confirmed, 1 second-hand, 2 unverified defaults "
                + "(each methodology counts the values it reads; shared tables count once per reader), "
                + "1 with factors that ship no default\n", r.out());
        assertEquals(0, r.exit());
    }

    @Test
    void theShippedLibraryListsEveryMethodologyStartingWithIdAndVersion() {
        CliRun r = CliRun.of("list", "../../methodologies");
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("\ncn.power-generation 2022.1  企业温室气体排放核算方法与报告指南 发电设施（2022年修订版）  "
                + "[发电设施 power generation]  "), r.out());
        assertTrue(r.out().contains("\ncn.power-generation 2013.1  "), r.out());
        String[] lines = r.out().split("\n");
        assertTrue(lines[lines.length - 1].matches("\\d+ methodologies in \\.\\./\\.\\./methodologies: \\d+ formulas, \\d+ tests, "
                + "\\d+ confirmed, \\d+ second-hand, \\d+ unverified defaults .*, \\d+ with factors that ship no default"),
                lines[lines.length - 1]);
    }

    @Test
    void aFileThatDoesNotCompileIsNamedAndFailsTheExitCode() throws Exception {
        Files.writeString(dir.resolve("broken.tanhe"), "methodology x.y\n  version 1\nemission e : tCO2 = nope\n");
        CliRun r = CliRun.of("list", dir.toString());
        assertEquals(1, r.exit());
        assertTrue(r.out().contains("error: broken.tanhe does not compile (")
                || r.out().contains("broken.tanhe does not compile ("), r.out());
        assertTrue(r.out().contains("run `tanhe check` on it"), r.out());
    }

    @Test
    void aMissingDirectoryIsAnErrorThatSaysWhatToGive() {
        CliRun r = CliRun.of("list", dir.resolve("nowhere").toString());
        assertEquals(2, r.exit());
        assertTrue(r.out().endsWith("is not a directory; give the folder that holds the methodologies\n"), r.out());
    }
}
