package io.tanhe.engine.compile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden diagnostics: every malformed file under {@code src/test/resources/golden} must make
 * {@code tanhe check} print exactly its {@code .expected} file (positions, codes, messages,
 * excerpts, hints and the {@code N errors, M warnings} line), and every file under
 * {@code golden-test} must make {@code tanhe test} print its {@code .expected} file.
 *
 * <p>The expected files are what the CLI prints when run from {@code engine/src/test/resources},
 * e.g. {@code ../../../../tanhe check golden/e300-unknown-name.tanhe}. After an intended change of
 * a message, regenerate them with
 * {@code mvn -q -B -o -pl engine -am test -Dtest=GoldenDiagnosticsTest -Dsurefire.failIfNoSpecifiedTests=false -Dgolden.update=true}
 * and review the diff before committing it. To add a case, drop {@code NAME.tanhe} into the folder
 * (support files go into {@code lib/} and {@code tables/}) and run the same command.
 */
class GoldenDiagnosticsTest {

    static List<Path> checkCases() {
        return GoldenFiles.cases("golden");
    }

    static List<Path> testCases() {
        return GoldenFiles.cases("golden-test");
    }

    @ParameterizedTest(name = "check {0}")
    @MethodSource("checkCases")
    void checkPrintsTheGoldenDiagnostics(Path source) throws IOException {
        GoldenFiles.compare(source, GoldenFiles.check(source));
    }

    @ParameterizedTest(name = "test {0}")
    @MethodSource("testCases")
    void testPrintsTheGoldenOutcome(Path source) throws IOException {
        GoldenFiles.compare(source, GoldenFiles.test(source));
    }
}
