package io.tanhe.engine.factors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FactorTableLoaderTest {

    private static final String GOOD = """
            table: test.fuels
            version: "2013.1"
            description: two fuels
            factors:
              - factor: ncv
                key: bituminous
                value: 19.570
                unit: GJ/t
                source: "common table (second-hand)"
                clause: "表1"
                confidence: A
              - factor: ncv
                key: coke
                value: 28.447
                unit: GJ/t
                valid_from: 2013-01-01
                valid_until: null
                source: "common table (second-hand)"
                confidence: B
                note: checked twice
            """;

    /** The table above with one value's field lines replaced, for malformed variants. */
    private static String entry(String fields) {
        return "table: test.bad\nversion: 1\nfactors:\n  - " + fields.strip().replace("\n", "\n    ") + "\n";
    }

    private static final String VALID_FIELDS = """
            factor: ncv
            key: coke
            value: 28.447
            unit: GJ/t
            source: s
            confidence: A
            """;

    private static FactorTableProblem onlyProblem(String fileName, String content) {
        FactorTableLoad load = FactorTableLoader.load(fileName, content);
        assertFalse(load.succeeded());
        assertTrue(load.library().isEmpty());
        assertEquals(1, load.problems().size(), () -> load.problems().toString());
        return load.problems().get(0);
    }

    private static FactorTableProblem onlyProblem(String content) {
        return onlyProblem("bad.factors.yaml", content);
    }

    private static void assertProblem(FactorTableProblem problem, String path, int line, int column, String message) {
        assertEquals(path, problem.path(), problem::toString);
        assertEquals(line, problem.line(), problem::toString);
        assertEquals(column, problem.column(), problem::toString);
        assertEquals(message, problem.message(), problem::toString);
    }

    @Test
    void loadsAYamlTableKeepingDigitsAndProvenance() {
        FactorTableLoad load = FactorTableLoader.load("fuels.factors.yaml", GOOD);
        assertEquals(List.of(), load.problems());
        FactorLibrary library = load.library().orElseThrow();
        assertEquals("test.fuels", library.id());
        assertEquals("2013.1", library.version());
        FactorValue coal = library.lookup("ncv", "bituminous", LocalDate.parse("2020-01-01")).orElseThrow();
        assertEquals("19.570", coal.value().toPlainString());
        assertEquals("GJ/t", coal.unit());
        assertEquals("common table (second-hand)", coal.source());
        assertEquals("表1", coal.clause());
        assertEquals(Confidence.A, coal.confidence());
        assertEquals("2013.1", coal.version());
        FactorValue coke = library.lookup("ncv", "coke", LocalDate.parse("2013-01-01")).orElseThrow();
        assertEquals(Confidence.B, coke.confidence());
        assertEquals("checked twice", coke.note());
        assertTrue(library.lookup("ncv", "coke", LocalDate.parse("2012-12-31")).isEmpty());
    }

    @Test
    void loadsTheSameTableFromJson() {
        String json = """
                {"table": "test.grid", "version": "1",
                 "factors": [{"factor": "ef_grid", "value": 0.5810, "unit": "tCO2/MWh",
                              "valid_from": "2021-01-01", "valid_until": "2023-01-01",
                              "source": "notice 2022", "confidence": "A"}]}
                """;
        FactorTableLoad load = FactorTableLoader.load("grid.factors.json", json);
        assertEquals(List.of(), load.problems());
        FactorValue grid = load.library().orElseThrow().lookup("ef_grid", "", LocalDate.parse("2022-06-30")).orElseThrow();
        assertEquals("0.5810", grid.value().toPlainString());
    }

    @Test
    void missingSourceIsAProblemAtTheEntry() {
        FactorTableProblem p = onlyProblem(entry(VALID_FIELDS.replace("source: s\n", "")));
        assertProblem(p, "factors[0].source", 4, 5, "missing `source`");
        assertEquals("bad.factors.yaml:4:5: error: factors[0].source: missing `source`", p.toString());
    }

    @Test
    void unparseableUnitIsAProblemAtTheUnit() {
        FactorTableProblem p = onlyProblem(entry(VALID_FIELDS.replace("unit: GJ/t", "unit: GJ/tonne")));
        assertProblem(p, "factors[0].unit", 7, 11, "unknown unit `tonne` (column 4 of `GJ/tonne`)");
    }

    @Test
    void misspeltUnitGetsADidYouMean() {
        FactorTableProblem p = onlyProblem(entry(VALID_FIELDS.replace("unit: GJ/t", "unit: tCo2/GJ")));
        assertEquals("unknown unit `tCo2` — did you mean `tCO2`? (column 1 of `tCo2/GJ`)", p.message());
    }

    @Test
    void badDateIsAProblemAtTheDate() {
        FactorTableProblem p = onlyProblem(entry(VALID_FIELDS + "valid_from: 2021-13-01\n"));
        assertProblem(p, "factors[0].valid_from", 10, 17, "bad date `2021-13-01`: expected YYYY-MM-DD, e.g. 2021-01-01");
    }

    @Test
    void emptyValidityPeriodIsAProblem() {
        FactorTableProblem p = onlyProblem(entry(VALID_FIELDS + "valid_from: 2021-01-01\nvalid_until: 2021-01-01\n"));
        assertEquals("factors[0].valid_until", p.path());
        assertTrue(p.message().startsWith("valid_until 2021-01-01 must be after valid_from 2021-01-01"), p.message());
    }

    @Test
    void overlappingValidityNamesTheOtherEntry() {
        String content = GOOD + """
                  - factor: ncv
                    key: coke
                    value: 28.435
                    unit: GJ/t
                    valid_from: 2024-01-01
                    source: "GB/T 32151.22-2024"
                    confidence: B
                """;
        FactorTableProblem p = onlyProblem(content);
        assertProblem(p, "factors[2]", 21, 5, "`ncv[coke]` valid [2024-01-01, …) overlaps factors[1] (line 12) valid "
                + "[2013-01-01, …): a lookup would be ambiguous; end the earlier value with valid_until where the later one starts");
    }

    @Test
    void oneFactorInTwoDimensionsIsAProblem() {
        String content = GOOD + """
                  - factor: ncv
                    key: natural_gas
                    value: 389.31
                    unit: GJ/10^4 Nm3
                    source: s
                    confidence: A
                """;
        FactorTableProblem p = onlyProblem(content);
        assertEquals("factors[2]", p.path());
        assertTrue(p.message().startsWith("`ncv` is in GJ/10^4 Nm3 (energy per volume at standard state) here but in GJ/t "
                + "(energy per mass) at factors[0] (line 5)"), p.message());
    }

    @Test
    void unknownFieldIsNamedWithADidYouMean() {
        FactorTableProblem p = onlyProblem(entry(VALID_FIELDS + "sorce: another\n"));
        assertProblem(p, "factors[0].sorce", 10, 5, "unknown field `sorce` — did you mean `source`?");
    }

    @Test
    void unknownFieldFarFromAnyListsTheAllowedOnes() {
        FactorTableProblem p = onlyProblem("table: t\nversion: 1\nfactors: []\nauthor: me\n");
        assertProblem(p, "author", 4, 1, "unknown field `author` — expected one of `table`, `version`, `description`, `factors`");
    }

    @Test
    void valueThatIsNotANumberIsAWrongType() {
        FactorTableProblem p = onlyProblem(entry(VALID_FIELDS.replace("value: 28.447", "value: high")));
        assertProblem(p, "factors[0].value", 6, 12,
                "`value` must be a number (the value as the source prints it, e.g. 19.570), not a string");
    }

    @Test
    void otherWrongTypesAreNamed() {
        assertEquals("`factors` must be a list of factor values, not a mapping",
                onlyProblem("table: t\nversion: 1\nfactors: {a: 1}\n").message());
        assertEquals("`confidence` must be a string, not a number",
                onlyProblem(entry(VALID_FIELDS.replace("confidence: A", "confidence: 3"))).message());
        assertEquals("`source` must be a string, not a list",
                onlyProblem(entry(VALID_FIELDS.replace("source: s", "source: [a, b]"))).message());
        assertEquals("`source` must be a string, not null",
                onlyProblem(entry(VALID_FIELDS.replace("source: s", "source: null"))).message());
        assertEquals("a factor value must be a mapping with `factor`, `value`, `unit`, `source` and `confidence`, not a string",
                onlyProblem("table: t\nversion: 1\nfactors:\n  - ncv\n").message());
    }

    @Test
    void unknownConfidenceSuggestsTheLabel() {
        FactorTableProblem p = onlyProblem(entry(VALID_FIELDS.replace("confidence: A", "confidence: a")));
        assertEquals("unknown confidence `a`: did you mean `A`? expected one of A, B, C, U, SITE", p.message());
    }

    @Test
    void notANumberIsRejected() {
        FactorTableProblem p = onlyProblem(entry(VALID_FIELDS.replace("value: 28.447", "value: .nan")));
        assertEquals("factors[0].value", p.path());
        assertTrue(p.message().startsWith("`.nan` is not a decimal number"), p.message());
    }

    @Test
    void factorNameMustBeAnIdentifier() {
        FactorTableProblem p = onlyProblem(entry(VALID_FIELDS.replace("factor: ncv", "factor: ef grid")));
        assertEquals("factor name `ef grid` must be an identifier: letters, digits and `_`, not starting with a digit",
                p.message());
    }

    @Test
    void keyMembersMustNotBeEmpty() {
        FactorTableProblem p = onlyProblem(entry(VALID_FIELDS.replace("key: coke", "key: \"unit1,,coke\"")));
        assertEquals("factors[0].key", p.path());
    }

    @Test
    void missingHeaderFieldsAreReportedTogether() {
        FactorTableLoad load = FactorTableLoader.load("x.factors.yaml", "description: nothing\n");
        assertEquals(List.of("table", "version", "factors"), load.problems().stream().map(FactorTableProblem::path).toList());
    }

    @Test
    void everyProblemIsCollectedNotJustTheFirst() {
        String content = entry(VALID_FIELDS.replace("source: s\n", "").replace("unit: GJ/t", "unit: GJ/x"))
                + "  - factor: ox\n    value: 1\n    unit: \"%\"\n    source: s\n    confidence: Z\n";
        FactorTableLoad load = FactorTableLoader.load("x.factors.yaml", content);
        assertEquals(List.of("factors[0].unit", "factors[0].source", "factors[1].confidence"),
                load.problems().stream().map(FactorTableProblem::path).toList());
    }

    @Test
    void yamlSyntaxErrorPointsAtTheProblemNotTheContext() {
        FactorTableProblem p = onlyProblem("table: t\nversion: 1\nfactors:\n  - factor: x\n   value: 1\n");
        assertProblem(p, "", 5, 4,
                "syntax error: while parsing a block collection; expected <block end>, but found '<block mapping start>'");
    }

    @Test
    void tabIndentationIsASyntaxErrorOnItsLine() {
        FactorTableProblem p = onlyProblem("table: t\nversion: 1\nfactors:\n\t- factor: x\n");
        assertEquals(4, p.line(), p::toString);
        assertEquals(1, p.column(), p::toString);
        assertTrue(p.message().contains("Do not use \\t(TAB) for indentation"), p.message());
    }

    @Test
    void jsonSyntaxErrorHasAPosition() {
        FactorTableProblem p = onlyProblem("t.factors.json", "{\"table\": \"t\",\n \"version\": }");
        assertEquals(2, p.line(), p::toString);
        assertTrue(p.message().startsWith("syntax error: Unexpected character ('}'"), p.message());
    }

    @Test
    void duplicateFieldIsAProblem() {
        FactorTableProblem p = onlyProblem(entry(VALID_FIELDS + "unit: t\n"));
        assertProblem(p, "factors[0].unit", 10, 5, "duplicate field: each field appears once");
    }

    @Test
    void emptyFileAndSecondDocumentAndUnknownExtensionAreProblems() {
        assertEquals("empty file: expected a mapping with `table`, `version` and `factors`", onlyProblem("").message());
        assertEquals("more than one document: a factor table file holds exactly one table",
                onlyProblem("table: t\nversion: 1\nfactors: []\n---\ntable: u\n").message());
        assertEquals("unsupported file type: a factor table ends in .yaml, .yml or .json",
                onlyProblem("fuels.txt", "table: t").message());
    }

    @Test
    void tablesOfADirectoryLoadIntoOneLibraryAndConflictAcrossFiles(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.factors.yaml"), GOOD);
        Files.writeString(dir.resolve("b.factors.yaml"), entry(VALID_FIELDS).replace("test.bad", "test.other"));
        Files.writeString(dir.resolve("notes.yaml"), "not a table");
        FactorTableLoad load = FactorTableLoader.loadDirectory(dir);
        FactorTableProblem p = load.problems().get(0);
        assertEquals(1, load.problems().size(), load.problems()::toString);
        assertEquals(dir.resolve("b.factors.yaml").toString(), p.file());
        assertTrue(p.message().contains("overlaps factors[1] of " + dir.resolve("a.factors.yaml") + " (line 12)"), p.message());

        Files.writeString(dir.resolve("b.factors.yaml"), entry(VALID_FIELDS.replace("key: coke", "key: lignite"))
                .replace("test.bad", "test.other"));
        FactorLibrary library = FactorTableLoader.loadDirectory(dir).library().orElseThrow();
        assertEquals("test.fuels+test.other", library.id());
        assertEquals("2013.1+1", library.version());
        assertEquals(3, library.values("ncv").size());
    }

    @Test
    void unreadableFileIsAProblem(@TempDir Path dir) {
        FactorTableLoad load = FactorTableLoader.load(dir.resolve("missing.factors.yaml"));
        assertEquals(1, load.problems().size());
        assertTrue(load.problems().get(0).message().startsWith("cannot read the file"));
    }
}
