package io.tanhe.cli;

import io.tanhe.server.terminal.CutOff;
import io.tanhe.server.terminal.DemoRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code tanhe doctor} and {@code tanhe cutoff} on the data directory of a demo terminal that ran and stopped. */
@Timeout(180)
class DoctorCommandTest {
    @TempDir
    Path dir;

    private Path demo() throws InterruptedException {
        Path data = dir.resolve("data");
        DemoRuns.run(dir.resolve("site"), data, DemoRuns.START, Duration.ofMinutes(10));
        return data;
    }

    @Test
    void aStoppedDemoTerminalIsHealthyAndEveryCheckIsReported() throws Exception {
        Path data = demo();
        CliRun run = CliRun.of("doctor", "--data-dir=" + data);
        assertEquals(0, run.exit(), run.out() + run.err());
        for (String line : new String[]{"ok      data directory", "ok      store", "ok      clock", "ok      device gen-meter-1",
                "centres", "ok      disk", "skipped certificates"}) {
            assertTrue(run.out().contains(line), "`" + line + "` missing from\n" + run.out());
        }
        assertTrue(run.out().strip().endsWith("healthy") || run.out().contains("\nhealthy ("), run.out());
        assertTrue(run.out().contains("skipped device lab            entered by hand (tanhe manual enter)"),
                "the lab's values are typed in, not pushed:\n" + run.out());
    }

    @Test
    void aMissingDataDirectoryIsUnhealthyAndSaysWhatToGive() {
        CliRun run = CliRun.of("doctor", "--data-dir=" + dir.resolve("nowhere"));
        assertEquals(1, run.exit(), run.out());
        assertTrue(run.out().contains("FAIL".toLowerCase() + "    data directory") && run.out().contains("--data-dir"), run.out());
        assertTrue(run.out().contains("NOT healthy: 1 check(s) failed"), run.out());
    }

    @Test
    void anEmptyDirectoryHasNoStoreAndAnOpenOneIsAWarning() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Files.setPosixFilePermissions(empty, PosixFilePermissions.fromString("rwxr-xr-x"));
        CliRun run = CliRun.of("doctor", "--data-dir=" + empty);
        assertEquals(1, run.exit(), run.out());
        assertTrue(run.out().contains("warn    data directory") && run.out().contains("chmod 700"), run.out());
        assertTrue(run.out().contains("fail    store") && run.out().contains("no terminal store"), run.out());
    }

    @Test
    void aStandingCutOffIsShownByDoctorAndLiftedOnTheMachineWithAnAuditEntry() throws Exception {
        Path data = demo();
        new CutOff(Instant.parse("2026-12-06T01:00:00Z"), "sysadmin", "10.0.0.9", "maintenance of the centre link").write(data);
        assertEquals(1, CliRun.of("cutoff", "status", "--data-dir=" + data).exit());
        assertTrue(CliRun.of("doctor", "--data-dir=" + data).out().contains("warn    cut-off"));
        CliRun lift = CliRun.of("cutoff", "lift", "--data-dir=" + data);
        assertEquals(0, lift.exit(), lift.out() + lift.err());
        assertTrue(CutOff.read(data).isEmpty());
        assertEquals(0, CliRun.of("cutoff", "status", "--data-dir=" + data).exit());
        CliRun audit = CliRun.of("audit", "query", "--data-dir=" + data, "--type=remote.restore");
        assertTrue(audit.out().contains("remote.restore"), audit.out() + audit.err());
    }
}
