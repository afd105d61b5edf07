package io.tanhe.engine.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tanhe.engine.testing.TestOutcome;
import io.tanhe.engine.testing.TestRunner;
import io.tanhe.grammar.diagnostics.Diagnostic;
import io.tanhe.grammar.diagnostics.DiagnosticPrinter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The golden cases under {@code src/test/resources/golden} and {@code golden-test}: each
 * {@code NAME.tanhe} at the top of the folder is a case, {@code NAME.expected} beside it holds what
 * the CLI prints for it when run from {@code engine/src/test/resources} (files the cases import or
 * name, in {@code lib/} and {@code tables/}, are not cases themselves).
 *
 * <p>The output is rendered exactly as {@code tanhe check} and {@code tanhe test} render it; paths
 * are relative to the resources folder so that the expected files do not depend on the checkout.
 */
final class GoldenFiles {
    /** Maven runs tests in the module directory. */
    static final Path RESOURCES = Path.of("src", "test", "resources");
    static final String UPDATE_PROPERTY = "golden.update";

    private GoldenFiles() {
    }

    /** The case files of one folder ({@code golden} or {@code golden-test}), sorted. */
    static List<Path> cases(String folder) {
        try (Stream<Path> files = Files.list(RESOURCES.resolve(folder))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tanhe")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path expectedFile(Path source) {
        String name = source.getFileName().toString();
        return source.resolveSibling(name.substring(0, name.length() - ".tanhe".length()) + ".expected");
    }

    /** What {@code tanhe check FILE} prints: every diagnostic with its excerpt, then the summary line. */
    static String check(Path source) {
        Compilation c = Compiler.compile(source);
        StringBuilder out = new StringBuilder();
        diagnostics(c, out);
        out.append(c.errors()).append(" errors, ").append(c.warnings()).append(" warnings\n");
        return relative(out.toString());
    }

    /** What {@code tanhe test FILE} prints: a line per test with its failures, the warnings, the summary line. */
    static String test(Path source) {
        Compilation c = Compiler.compile(source);
        StringBuilder out = new StringBuilder();
        int passed = 0;
        int failed = 0;
        if (!c.ok()) {
            diagnostics(c, out);
            out.append("FAIL ").append(source).append(": does not compile (").append(c.errors()).append(" errors)\n");
            failed++;
        } else {
            Set<String> warnings = new LinkedHashSet<>();
            for (TestOutcome t : new TestRunner(c).runAll()) {
                out.append(t.passed() ? "PASS " : "FAIL ").append(t.file()).append(": ").append(t.title()).append('\n');
                t.failures().forEach(f -> out.append("    ").append(f).append('\n'));
                t.warnings().forEach(w -> warnings.add(t.file() + ": " + w));
                if (t.passed()) {
                    passed++;
                } else {
                    failed++;
                }
            }
            warnings.forEach(w -> out.append(w).append('\n'));
        }
        out.append(passed).append(" passed, ").append(failed).append(" failed\n");
        return relative(out.toString());
    }

    /**
     * Asserts that {@code actual} is the content of the case's expected file; with
     * {@code -Dgolden.update=true} rewrites that file instead.
     */
    static void compare(Path source, String actual) throws IOException {
        Path expected = expectedFile(source);
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            Files.writeString(expected, actual, StandardCharsets.UTF_8);
            return;
        }
        String want = Files.exists(expected) ? Files.readString(expected, StandardCharsets.UTF_8) : "<no " + expected + ">";
        assertEquals(want, actual, source + " printed other diagnostics than " + expected.getFileName()
                + " holds; if the change is intended, run mvn test -Dgolden.update=true and review the diff");
    }

    private static void diagnostics(Compilation c, StringBuilder out) {
        DiagnosticPrinter printer = new DiagnosticPrinter(path -> c.loaded().sources().getOrDefault(path, List.of()));
        for (Diagnostic d : c.diagnostics()) {
            out.append(printer.render(d));
        }
    }

    /** Paths as the CLI prints them when run from the resources folder. */
    private static String relative(String output) {
        String prefix = Path.of("").toAbsolutePath().relativize(RESOURCES.toAbsolutePath()).toString().replace('\\', '/') + "/";
        return output.replace(RESOURCES.toAbsolutePath().toString().replace('\\', '/') + "/", "").replace(prefix, "");
    }
}
