package io.tanhe.server.packages.release;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A power cut at each step of the upgrade state machine: a separate JVM runs the upgrade (or the rollback) and is
 * killed with SIGKILL when it reaches the step; the next start ({@link Upgrader#started()}) must finish the upgrade
 * or leave the old release in use, never a half state.
 */
@Tag("slow")
class UpgradeCrashTest {
    @TempDir
    Path work;

    @ParameterizedTest(name = "killed at {0} during an {1}: the next start leaves {2} in use, state {3}")
    @CsvSource({
            "VERIFIED,         upgrade,  0.2.0, GOOD",
            "UNPACKING,        upgrade,  0.2.0, FAILED",
            "UNPACKED,         upgrade,  0.2.0, FAILED",
            "STAGED,           upgrade,  0.3.0, PROBATION",
            "SWITCHING,        upgrade,  0.3.0, PROBATION",
            "SWITCHED,         upgrade,  0.3.0, PROBATION",
            "PROBATION,        upgrade,  0.3.0, PROBATION",
            "ROLLING_BACK,     rollback, 0.2.0, ROLLED_BACK",
            "ROLLED_BACK_LINK, rollback, 0.2.0, ROLLED_BACK"})
    void aKillAtEachStepResumesOrRollsBack(Upgrader.Step step, String scenario, String inUse, Phase phase) throws Exception {
        InstallRoot root = new InstallRoot(work.resolve("opt-tanhe"));
        Upgrader upgrader = new Upgrader(root, Clock.systemUTC(), Duration.ofMinutes(3), 3);
        upgrader.upgrade(Releases.app(work, "0.2.0"), Releases.policy(), "test");
        upgrader.markGood();
        Path next = Releases.app(work, "0.3.0");
        if (scenario.equals("rollback")) {
            upgrader.upgrade(next, Releases.policy(), "test");
            upgrader.started();
        }
        Path key = work.resolve("vendor.key");
        Releases.VENDOR.save(key);

        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), UpgradeCrashChild.class.getName(),
                root.root().toString(), next.toString(), key.toString(), step.name(), scenario)
                .redirectErrorStream(true).start();
        String reached = awaitStep(child, step);
        child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally, as a power cut
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertEquals("AT " + step, reached);
        assertEquals(137, child.exitValue(), "killed by SIGKILL");

        UpgradeState after = upgrader.started();
        assertEquals(phase, after.phase(), after.toString());
        assertEquals(Optional.of(inUse), root.currentVersion());
        assertEquals("the program, version " + inUse, Files.readString(root.current().resolve("lib/tanhe.jar")));
        try (var left = Files.list(root.releases())) {
            List<String> names = left.map(p -> p.getFileName().toString()).toList();
            assertFalse(names.stream().anyMatch(n -> n.endsWith(".partial")), "a partial release was left: " + names);
            if (phase == Phase.FAILED) {
                assertFalse(names.contains("0.3.0"), "an abandoned release was left: " + names);
            }
        }
        if (phase == Phase.PROBATION) {
            assertEquals(1, after.starts());
            assertEquals(Optional.of("0.2.0"), InstallRoot.linked(root.previous()));
        }
        assertEquals(after, upgrader.status());
    }

    private static String awaitStep(Process child, Upgrader.Step step) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("AT ")) {
                return line;
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("the child never reached " + step + ":\n" + seen);
    }
}
