package io.tanhe.server.terminal.lifecycle;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 at every step of a package's lifecycle: a real terminal process ({@link LifecycleCrashChild}) is killed
 * with SIGKILL right after the step's state was stored; the next start resumes what was interrupted — the checks of
 * an upload go on to the review, an activation is finished and self-tested — and yesterday's figure is the old one
 * (108.9 tCO2) or the revised one (107.8) accordingly.
 */
@Tag("slow")
@Timeout(300)
class LifecycleCrashTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "killed at {0}: resumes to {1}, yesterday {2}")
    @CsvSource({
            "candidate, reviewed, 108.9",
            "verified, reviewed, 108.9",
            "compiled, reviewed, 108.9",
            "tested, reviewed, 108.9",
            "replayed, reviewed, 108.9",
            "reviewed, reviewed, 108.9",
            "staged, staged, 108.9",
            "activating, active, 107.8",
            "self-test, active, 107.8",
            "active, active, 107.8"})
    void aKillNineAtEveryStepResumesAtTheNextStart(String step, String resumed, double day) throws Exception {
        killAndRecover("factors", step, resumed, day, "2022.1");
    }

    /** The same for a methodology package (coal combustion halved: 54.45 tCO2 once applied), the steps where it differs. */
    @ParameterizedTest(name = "methodology killed at {0}: resumes to {1}, yesterday {2}, running {3}")
    @CsvSource({
            "compiled, reviewed, 108.9, 2022.1",
            "staged, staged, 108.9, 2022.1",
            "activating, active, 54.45, 2022.2",
            "self-test, active, 54.45, 2022.2"})
    void aKillNineDuringAMethodologyActivationResumesAtTheNextStart(String step, String resumed, double day, String version)
            throws Exception {
        killAndRecover("methodology", step, resumed, day, version);
    }

    private void killAndRecover(String kind, String step, String resumed, double day, String version) throws Exception {
        Process crash = child("crash", step, kind);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(crash.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("at " + step)) {
                // the child's own output before the step
            }
            assertEquals("at " + step, line, "the child did not reach " + step + "; see " + dir.resolve("child.err"));
        }
        crash.destroyForcibly(); // SIGKILL
        assertTrue(crash.waitFor(30, TimeUnit.SECONDS));
        Process recover = child("recover", resumed, kind);
        String last = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(recover.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                last = line;
            }
        }
        assertTrue(recover.waitFor(120, TimeUnit.SECONDS));
        assertEquals("state " + resumed + " day " + String.format(java.util.Locale.ROOT, "%.4f", day) + " version " + version, last,
                "see " + dir.resolve("child.err"));
    }

    private Process child(String mode, String state, String kind) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder b = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Dtanhe.config.selfTestSeconds=1",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
                LifecycleCrashChild.class.getName(), mode, dir.toString(), state, kind);
        b.redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("child.err").toFile()));
        return b.start();
    }
}
