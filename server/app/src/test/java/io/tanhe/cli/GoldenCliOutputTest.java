package io.tanhe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real {@code tanhe check} and {@code tanhe test} commands print exactly the golden files of
 * the engine's tests ({@code engine/src/test/resources/golden*}), so those files document the CLI
 * and not a copy of it. Paths are made relative to that resources folder, as the expected files are.
 */
class GoldenCliOutputTest {
    /** Maven runs tests in the module directory; the golden files belong to the engine module. */
    private static final Path RESOURCES = Path.of("..", "..", "engine", "src", "test", "resources");

    static List<Path> checkCases() {
        return cases("golden");
    }

    static List<Path> testCases() {
        return cases("golden-test");
    }

    @ParameterizedTest(name = "tanhe check {0}")
    @MethodSource("checkCases")
    void checkCommandPrintsTheGoldenDiagnostics(Path source) throws IOException {
        assertEquals(expected(source), run("check", source));
    }

    @ParameterizedTest(name = "tanhe test {0}")
    @MethodSource("testCases")
    void testCommandPrintsTheGoldenOutcome(Path source) throws IOException {
        assertEquals(expected(source), run("test", source));
    }

    private static String run(String command, Path source) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(out);
            TanheCli.newCommandLine().execute(command, source.toString());
        } finally {
            System.setOut(original);
        }
        String absolute = RESOURCES.toAbsolutePath().normalize().toString().replace('\\', '/') + "/";
        String relative = RESOURCES.toString().replace('\\', '/') + "/";
        return captured.toString(StandardCharsets.UTF_8).replace(absolute, "").replace(relative, "");
    }

    private static String expected(Path source) throws IOException {
        String name = source.getFileName().toString();
        return Files.readString(source.resolveSibling(name.replace(".tanhe", ".expected")), StandardCharsets.UTF_8);
    }

    private static List<Path> cases(String folder) {
        try (Stream<Path> files = Files.list(RESOURCES.resolve(folder))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tanhe")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
