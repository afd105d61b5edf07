package io.tanhe.server.terminal;

import io.tanhe.server.security.audit.AuditActor;
import io.tanhe.server.security.audit.AuditQuery;
import io.tanhe.server.site.SiteFiles;
import io.tanhe.server.store.jdbc.JdbcStore;
import io.tanhe.server.store.jdbc.StoreSettings;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A restore order applied at start survives a start that dies while applying it: the order stays until the restored
 * store holds its audit entry, and the next start applies it again from the backup, so the store is never left half
 * restored and the restore is audited once.
 */
class RestoreOrderCrashTest {
    @TempDir
    Path dir;

    /** A store with a backup of its first ten minutes, ten more minutes stored since, and a restore ordered. */
    private long prepare(Path data) throws Exception {
        DemoRuns.run(dir.resolve("site"), data, DemoRuns.START, Duration.ofMinutes(10));
        long atBackup;
        Path backup = dir.resolve("backup");
        try (JdbcStore store = JdbcStore.open(StoreSettings.at(data))) {
            atBackup = store.readings().count();
            store.backup(backup);
        }
        try (Terminal t = DemoRuns.open(dir.resolve("site"), data, UnaryOperator.identity(), DemoRuns.settings(data))) {
            DemoRuns.simulate(t, DemoRuns.START.plus(Duration.ofMinutes(10)), Duration.ofMinutes(10));
            Thread.sleep(1_000);
            assertTrue(t.store().readings().count() > atBackup, "more readings after the backup");
        }
        new RestoreOrder(backup, Files.createDirectories(dir.resolve("archive")),
                "42:abc", 7, "admin", "sysadmin", "127.0.0.1", Instant.parse("2026-06-01T08:00:00Z")).write(data);
        return atBackup;
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aStoreLeftHalfCopiedByACrashIsRestoredWholeByTheNextStart() throws Exception {
        Path data = dir.resolve("data");
        long atBackup = prepare(data);
        // what a kill in the middle of the copy leaves: the first part of a store file
        try (RandomAccessFile f = new RandomAccessFile(data.resolve("tanhe.sqlite").toFile(), "rw")) {
            f.setLength(f.length() / 3);
        }
        assertTrue(RestoreOrder.pendingIn(data));
        try (Terminal t = DemoRuns.open(dir.resolve("site"), data, UnaryOperator.identity(), DemoRuns.settings(data))) {
            assertEquals(atBackup, t.store().readings().count(), "the backup's readings, whole");
            assertEquals(1, t.audit().query(AuditQuery.all().type("store.restore"), AuditActor.local("auditor")).entries().size());
            assertTrue(t.audit().verifyQuietly().intact());
        }
        assertFalse(RestoreOrder.pendingIn(data), "applied and removed");
    }

    @Test
    @Tag("slow")
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void startsKilledWithSigkillWhileApplyingTheOrderLeaveItInPlaceAndTheNextStartAppliesItOnce() throws Exception {
        Path data = dir.resolve("data");
        long atBackup = prepare(data);
        Path siteFile = SiteFiles.demo(dir.resolve("site"), UnaryOperator.identity());
        Random random = new Random(11);
        int pendingAfterKill = 0;
        for (int kill = 1; kill <= 6; kill++) {
            Process child = start(siteFile, data);
            Thread.sleep(300 + random.nextInt(2500));
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            if (RestoreOrder.pendingIn(data)) {
                pendingAfterKill++;
            } else {
                try (JdbcStore store = JdbcStore.open(StoreSettings.at(data))) {
                    assertEquals(atBackup, store.readings().count(), "kill " + kill + ": the order is gone only once the store is the backup");
                }
                break;
            }
        }
        Process last = start(siteFile, data);
        assertTrue(last.waitFor(120, TimeUnit.SECONDS), "the last start did not finish");
        assertEquals(0, last.exitValue(), "the last start failed; see " + dir.resolve("child.err"));
        assertFalse(RestoreOrder.pendingIn(data));
        try (Terminal t = Terminal.open(SiteFiles.load(siteFile), TerminalSettings.defaults(data), Clock.systemUTC())) {
            assertEquals(atBackup, t.store().readings().count(), "the backup's readings");
            assertEquals(1, t.audit().query(AuditQuery.all().type("store.restore"), AuditActor.local("auditor")).entries().size(),
                    "audited once, however often the start was killed");
        }
        assertTrue(pendingAfterKill >= 1, "at least one kill landed before the order was done");
    }

    private Process start(Path siteFile, Path data) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder b = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                RestoreChild.class.getName(), siteFile.toString(), data.toString());
        b.redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("child.err").toFile()));
        b.redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("child.out").toFile()));
        return b.start();
    }
}
