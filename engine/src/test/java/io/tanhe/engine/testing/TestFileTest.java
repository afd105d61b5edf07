package io.tanhe.engine.testing;

import io.tanhe.engine.compile.Compilation;
import io.tanhe.engine.compile.Compiler;
import io.tanhe.grammar.diagnostics.Diagnostic;
import io.tanhe.grammar.diagnostics.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A verifier's own tests against a methodology they do not copy: a file that starts with {@code tests}. */
class TestFileTest {
    static final String CHECKS = """
            // the verification body's own checks of the boiler methodology
            tests %s

            test "a verifier's month" {
              input burned[coal] = 500 t
              input power = 0 MWh
              factor ef_grid = 0.5703 tCO2/MWh
              expect comb[coal] = 892.738 tCO2 ± 0.001
            }

            test "a wrong expectation" {
              input burned[coal] = 500 t
              input power = 0 MWh
              factor ef_grid = 0.5703 tCO2/MWh
              expect comb[coal] = 1 tCO2
            }
            """;

    @TempDir
    Path tmp;

    private Path methodologyFolder() throws Exception {
        Path m = tmp.resolve("boiler");
        Files.createDirectories(m);
        Files.copy(Path.of("src/test/resources/valid/boiler.tanhe"), m.resolve("boiler.tanhe"));
        return m;
    }

    private List<TestOutcome> run(Path file, List<Path> libraries) {
        Compilation c = Compiler.compile(file, libraries);
        assertTrue(c.ok(), c.diagnostics().stream().map(Diagnostic::headline).toList().toString());
        return new TestRunner(c).runAll();
    }

    @Test
    void aTestFileNamingTheMethodologyByPathRunsOnlyItsOwnTests() throws Exception {
        methodologyFolder();
        Path checks = tmp.resolve("verifier/checks.tanhe");
        Files.createDirectories(checks.getParent());
        Files.writeString(checks, CHECKS.formatted("\"../boiler/boiler.tanhe\""));
        List<TestOutcome> outcomes = run(checks, List.of());
        assertEquals(List.of("a verifier's month", "a wrong expectation"), outcomes.stream().map(TestOutcome::title).toList());
        assertTrue(outcomes.get(0).passed(), outcomes.get(0).failures().toString());
        assertFalse(outcomes.get(1).passed());
        assertTrue(outcomes.get(1).file().endsWith("verifier/checks.tanhe"), outcomes.get(1).file());
    }

    @Test
    void aTestFileNamingTheMethodologyByIdAndVersionFindsItInTheLibrary() throws Exception {
        Path library = methodologyFolder().getParent();
        Path checks = tmp.resolve("elsewhere/checks.tanhe");
        Files.createDirectories(checks.getParent());
        Files.writeString(checks, CHECKS.formatted("demo.boiler version 1.0"));
        assertEquals(2, run(checks, List.of(library)).size());
    }

    @Test
    void aMissingMethodologyIsE309AtTheTarget() throws Exception {
        Path checks = tmp.resolve("checks.tanhe");
        Files.writeString(checks, CHECKS.formatted("demo.boiler version 9.9"));
        Compilation c = Compiler.compile(checks, List.of());
        Diagnostic d = c.diagnostics().stream().filter(Diagnostic::isError).findFirst().orElseThrow();
        assertEquals(ErrorCode.E309, d.code());
        assertEquals(2, d.span().line());
        assertTrue(d.message().contains("`demo.boiler` version 9.9 not found"), d.message());
        assertEquals(1, c.errors(), "only the reason: the tests are not checked against nothing");
    }

    @Test
    void declarationsOtherThanTestsAreE315InTheTestFileAndALibraryIsNoTarget() throws Exception {
        methodologyFolder();
        Path checks = tmp.resolve("checks.tanhe");
        Files.writeString(checks, CHECKS.formatted("\"boiler/boiler.tanhe\"") + "\nconst extra : t = 1\n");
        Compilation c = Compiler.compile(checks, List.of());
        Diagnostic d = c.diagnostics().stream().filter(Diagnostic::isError).findFirst().orElseThrow();
        assertEquals(ErrorCode.E315, d.code());
        assertEquals(18, d.span().line());
        assertTrue(d.span().file().endsWith("checks.tanhe"), d.span().file());

        Files.writeString(tmp.resolve("lib.tanhe"), "library demo.lib\n  version 1\n  title \"l\"\n  source \"s\"\n  industry \"i\"\n");
        Files.writeString(checks, CHECKS.formatted("\"lib.tanhe\""));
        assertEquals(ErrorCode.E315, Compiler.compile(checks, List.of()).diagnostics().stream().filter(Diagnostic::isError)
                .findFirst().orElseThrow().code());
    }
}
