package io.tanhe.methodologies;

import io.tanhe.engine.compile.Compilation;
import io.tanhe.engine.compile.Compiler;
import io.tanhe.engine.testing.TestOutcome;
import io.tanhe.engine.testing.TestRunner;
import io.tanhe.grammar.diagnostics.Diagnostic;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The library's own promises: every methodology and shared library compiles without errors (so
 * every import and factor table resolves and every default has a source), and every in-file test
 * passes. Each in-file test is one JUnit test, so `mvn test` reports them by name.
 */
class MethodologyLibraryTest {
    private static final Path LIBRARY = Path.of("").toAbsolutePath();

    static List<Path> methodologyFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(LIBRARY)) {
            return walk.filter(p -> p.toString().endsWith(".tanhe"))
                    .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/src/"))
                    .sorted().toList();
        }
    }

    @Test
    void theLibraryIsNotEmpty() throws IOException {
        assertFalse(methodologyFiles().isEmpty(), "no .tanhe files under " + LIBRARY);
    }

    @TestFactory
    Stream<DynamicNode> everyFileCompilesAndEveryInFileTestPasses() throws IOException {
        return methodologyFiles().stream().map(file -> {
            Compilation c = Compiler.compile(file);
            String errors = c.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::headline)
                    .collect(Collectors.joining("\n"));
            DynamicTest compiles = DynamicTest.dynamicTest("compiles", () -> assertTrue(c.ok(), errors));
            if (!c.ok()) {
                return DynamicContainer.dynamicContainer(LIBRARY.relativize(file).toString(), Stream.of(compiles));
            }
            Stream<DynamicTest> tests = new TestRunner(c).runAll().stream().map(t -> DynamicTest.dynamicTest(t.title(),
                    () -> assertTrue(t.passed(), String.join("\n", t.failures()))));
            return DynamicContainer.dynamicContainer(LIBRARY.relativize(file).toString(), Stream.concat(Stream.of(compiles), tests));
        });
    }

    @Test
    void everyMethodologyShipsAtLeastOneTest() throws IOException {
        for (Path file : methodologyFiles()) {
            Compilation c = Compiler.compile(file);
            if (c.ok() && !c.graph().orElseThrow().info().library()) {
                List<TestOutcome> outcomes = new TestRunner(c).runAll();
                assertFalse(outcomes.isEmpty(), file + " has no test block");
            }
        }
    }
}
