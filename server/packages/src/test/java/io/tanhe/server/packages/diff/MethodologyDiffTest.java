package io.tanhe.server.packages.diff;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MethodologyDiffTest {
    static final String TINY = """
            methodology demo.tiny
              version 1.0
              title "tiny"
              source "test"
              industry "test"
            factors "tiny.factors.yaml"

            set fuel "燃料" { coal "燃煤", gas "天然气" }
            factor ox_coal : % "碳氧化率"
            input burned : t counter "燃煤"
            const k : tCO2/t = 2
            emission comb : tCO2 "燃烧" class combustion = burned * k * ox_coal
            total E : tCO2 = comb

            test "ox" {
              input burned = 100 t
              expect E = 198 tCO2 ± 0.001
            }
            """;
    static final String FACTORS = """
            table: demo.tiny
            version: "1"
            factors:
              - factor: ox_coal
                value: %s
                unit: "%%"
                source: "test"
                confidence: A
            """;
    static final String THRESHOLDS = """
            thresholds:
              - id: comb-negative
                target: comb
                grain: hour
                operator: "<"
                limit: %s
                unit: tCO2
                severity: major
            """;

    @TempDir
    Path tmp;

    private Path version(String name, String tanhe, String ox, String limit) throws IOException {
        Path dir = tmp.resolve(name).resolve("tiny");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("tiny.tanhe"), tanhe);
        Files.writeString(dir.resolve("tiny.factors.yaml"), FACTORS.formatted(ox));
        Files.writeString(dir.resolve("tiny.thresholds.yaml"), THRESHOLDS.formatted(limit));
        return dir;
    }

    private DiffReport diff(Path a, Path b) {
        return MethodologyDiff.between(Snapshot.of("old", a, List.of(), tmp), Snapshot.of("new", b, List.of(), tmp));
    }

    @Test
    void identicalVersionsSayNoDifferences() throws Exception {
        DiffReport r = diff(version("a", TINY, "99", "0"), version("b", TINY, "99", "0"));
        assertTrue(r.identical(), r.text());
        assertTrue(r.text().endsWith("no differences\n"), r.text());
        assertTrue(r.json().contains("\"identical\" : true"), r.json());
    }

    @Test
    void layoutAndCommentChangesAreReportedAsSuchAndNothingElse() throws Exception {
        String relaid = TINY.replace("emission comb : tCO2 \"燃烧\" class combustion = burned * k * ox_coal",
                "// the combustion emission\nemission comb : tCO2 \"燃烧\" class combustion =\n    burned   *  k * ox_coal")
                .replace("set fuel \"燃料\" { coal \"燃煤\", gas \"天然气\" }", "set fuel \"燃料\" {\n  coal \"燃煤\",\n  gas \"天然气\"\n}");
        Path b = version("b", relaid, "99", "0");
        Files.writeString(b.resolve("tiny.factors.yaml"), "# checked again in 2026\n" + FACTORS.formatted("99").replace("unit: \"%\"", "unit: '%'"));
        DiffReport r = diff(version("a", TINY, "99", "0"), b);
        assertEquals(List.of(), r.changes(), r.text());
        assertEquals(List.of("tiny.factors.yaml", "tiny.tanhe"), r.layoutOnly());
        assertTrue(r.text().contains("no semantic differences\n"), r.text());
        assertTrue(r.text().contains("layout or comments only:\n  tiny.factors.yaml\n  tiny.tanhe\n"), r.text());
    }

    @Test
    void aFactorValueChangeIsReportedWithBothValues() throws Exception {
        DiffReport r = diff(version("a", TINY, "99", "0"), version("b", TINY, "98", "0"));
        assertEquals(1, r.changes().size(), r.text());
        Change c = r.changes().getFirst();
        assertEquals(Area.FACTORS, c.area());
        assertEquals("factor value ox_coal", c.subject());
        assertEquals("value", c.field());
        assertEquals("99 %", c.before());
        assertEquals("98 %", c.after());
        assertTrue(r.text().contains("~ factor value ox_coal value: 99 % → 98 %"), r.text());
    }

    @Test
    void aFormulaChangeIsReportedWithItsPositionInBothFiles() throws Exception {
        String changed = TINY.replace("const k : tCO2/t = 2\n", "const k : tCO2/t = 2\n\n")
                .replace("= burned * k * ox_coal", "= burned * k * ox_coal * 0.5");
        DiffReport r = diff(version("a", TINY, "99", "0"), version("b", changed, "99", "0"));
        List<Change> formulas = r.in(Area.FORMULAS);
        assertEquals(1, formulas.size(), r.text());
        Change c = formulas.getFirst();
        assertEquals("emission comb", c.subject());
        assertEquals("burned * k * ox_coal", c.before());
        assertEquals("burned * k * ox_coal * 0.5", c.after());
        assertEquals("a/tiny/tiny.tanhe:12:46", c.oldAt());
        assertEquals("b/tiny/tiny.tanhe:13:46", c.newAt());
        assertTrue(r.text().contains("old a/tiny/tiny.tanhe:12:46: burned * k * ox_coal\n"), r.text());
        assertTrue(r.json().contains("\"new_at\" : \"b/tiny/tiny.tanhe:13:46\""), r.json());
    }

    @Test
    void headerSetsClassesTestsAndThresholdsAreCompared() throws Exception {
        String changed = TINY.replace("version 1.0", "version 1.1")
                .replace("gas \"天然气\" }", "gas \"天然气\", oil \"油\" }")
                .replace("class combustion", "class process")
                .replace("expect E = 198", "expect E = 198.0");
        DiffReport r = diff(version("a", TINY, "99", "0"), version("b", changed, "99", "-1"));
        assertTrue(r.text().contains("~ methodology version: 1.0 → 1.1"), r.text());
        assertEquals("set fuel member oil", r.in(Area.SETS).getFirst().subject());
        assertEquals(Change.Kind.ADDED, r.in(Area.SETS).getFirst().kind());
        assertEquals("combustion", r.in(Area.EMISSION_CLASSES).getFirst().before());
        assertEquals("process", r.in(Area.EMISSION_CLASSES).getFirst().after());
        assertEquals("test \"ox\"", r.in(Area.TESTS).getFirst().subject());
        assertEquals("limit", r.in(Area.THRESHOLDS).getFirst().field());
        assertFalse(r.identical());
    }
}
