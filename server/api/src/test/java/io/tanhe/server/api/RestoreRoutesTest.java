package io.tanhe.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.tanhe.server.security.access.Role;
import io.tanhe.server.security.audit.AuditActor;
import io.tanhe.server.security.audit.AuditEntry;
import io.tanhe.server.security.audit.AuditQuery;
import io.tanhe.server.terminal.DemoRuns;
import io.tanhe.server.terminal.RestoreOrder;
import io.tanhe.server.terminal.Terminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

import static io.tanhe.server.api.ServedTerminal.ok;
import static io.tanhe.server.api.ServedTerminal.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The restore of a running terminal over HTTP: a backup taken, more data stored, then the restore job checks the
 * backup, archives the store and its audit, orders the restore and asks for a restart; the terminal started again
 * holds the backup's figures and its audit names the restore. Bad backups and the wrong roles change nothing.
 */
@Timeout(240)
class RestoreRoutesTest {
    @TempDir
    Path dir;

    private ServedTerminal api;
    private String admin;
    private String viewer;

    @Test
    void aRestoreOnTheRunningTerminalArchivesTheStoreRestartsAndLeavesTheBackupsFiguresAndAnAuditOfIt() throws Exception {
        Path data = dir.resolve("data");
        List<String> restarts = new java.util.concurrent.CopyOnWriteArrayList<>();
        long backupReadings;
        long backupResults;
        String backupName;
        Path archive;
        String head;
        long laterReadings;
        DemoRuns.run(dir.resolve("site"), data, DemoRuns.START, Duration.ofMinutes(10)); // what the backup holds
        try (Terminal terminal = DemoRuns.open(dir.resolve("site"), data, UnaryOperator.identity(), DemoRuns.settings(data))) {
            terminal.onRestart(restarts::add);
            api = new ServedTerminal(terminal);
            admin = api.bearer(Role.SYSTEM_ADMINISTRATOR);
            viewer = api.bearer(Role.VIEWER);
            String auditor = api.bearer(Role.SECURITY_AUDITOR);

            backupReadings = terminal.store().readings().count();
            backupResults = terminal.store().results().count();
            JsonNode backup = api.awaitEnd(ok(api.send("POST", "/api/jobs", admin, "{\"kind\":\"backup\"}"), 202).path("id").asLong());
            assertEquals("DONE", backup.path("state").asText(), backup.toString());
            Path written = Path.of(backup.path("outcome").asText().substring("backup in ".length()));
            backupName = data.resolve("backups").toAbsolutePath().relativize(written).getName(0).toString();

            DemoRuns.simulate(terminal, DemoRuns.START.plus(Duration.ofMinutes(10)), Duration.ofMinutes(10));
            Thread.sleep(1_000);
            laterReadings = terminal.store().readings().count();
            assertTrue(laterReadings > backupReadings, "the second run stored more: " + laterReadings + " > " + backupReadings);

            // the wrong roles, and bad backups: refused, or a failed job; nothing ordered
            String body = "{\"kind\":\"restore\",\"backup\":\"" + backupName + "\"}";
            assertEquals(403, api.send("POST", "/api/jobs", viewer, body).statusCode());
            assertEquals(403, api.send("POST", "/api/jobs", auditor, body).statusCode());
            refused(api.send("POST", "/api/jobs", admin, "{\"kind\":\"restore\"}"), 400, "backup", "");
            refused(api.send("POST", "/api/jobs", admin, "{\"kind\":\"restore\",\"backup\":\"../data\"}"), 400, "backup", "no directories");
            refused(api.send("POST", "/api/jobs", admin, "{\"kind\":\"restore\",\"backup\":\"nope\"}"), 400, "backup", backupName);
            Files.createDirectories(data.resolve("backups/empty"));
            refused(api.send("POST", "/api/jobs", admin, "{\"kind\":\"restore\",\"backup\":\"empty\"}"), 400, "backup", "holds no tanhe.sqlite");
            Path broken = Files.createDirectories(data.resolve("backups/broken"));
            Files.writeString(broken.resolve("tanhe.sqlite"), "not a database at all, just text", StandardCharsets.UTF_8);
            JsonNode failed = api.awaitEnd(ok(api.send("POST", "/api/jobs", admin, "{\"kind\":\"restore\",\"backup\":\"broken\"}"), 202)
                    .path("id").asLong());
            assertEquals("FAILED", failed.path("state").asText(), failed.toString());
            assertTrue(failed.path("outcome").asText().contains("nothing was changed"), failed.toString());
            assertFalse(RestoreOrder.pendingIn(data), "a bad backup orders nothing");
            assertEquals(List.of(), restarts, "a bad backup restarts nothing");
            assertEquals(laterReadings, terminal.store().readings().count(), "a bad backup changes nothing");

            JsonNode restore = api.awaitEnd(ok(api.send("POST", "/api/jobs", admin, body), 202).path("id").asLong());
            assertEquals("DONE", restore.path("state").asText(), restore.toString());
            assertTrue(restore.path("outcome").asText().contains(backupReadings + " readings"), restore.toString());
            assertTrue(restore.path("outcome").asText().contains("start it again"), restore.toString());
            assertEquals(1, restarts.size(), "the job asks for a restart: " + restarts);
            RestoreOrder order = RestoreOrder.pending(data).orElseThrow();
            archive = order.archive();
            head = order.auditHead();
            assertEquals(data.resolve("backups").resolve(backupName).toAbsolutePath().normalize(), order.backup());
            assertTrue(Files.isRegularFile(archive.resolve("store/tanhe.sqlite")), "the replaced store is archived");
            assertTrue(Files.readString(archive.resolve("AUDIT-HEAD")).startsWith(head), "the archived chain's head");
            String exported = Files.readString(archive.resolve("audit-since-backup.json"));
            assertTrue(exported.contains("store.restore.order"), "the archived audit holds the request");
            assertTrue(exported.contains("restore from broken"), "the archived audit holds what happened since the backup");
            refused(api.send("POST", "/api/jobs", admin, "{\"kind\":\"backup\"}"), 409, "kind", "restarting");
        }

        // the restart: the order is applied before the store opens
        try (Terminal again = DemoRuns.open(dir.resolve("site"), data, UnaryOperator.identity(), DemoRuns.settings(data))) {
            assertEquals(backupReadings, again.store().readings().count(), "the backup's readings");
            assertTrue(again.store().results().count() >= backupResults, "the backup's results (the start may close buckets)");
            assertFalse(RestoreOrder.pendingIn(data), "the order is done");
            List<AuditEntry> restored = again.audit().query(AuditQuery.all().type("store.restore"), AuditActor.local("auditor")).entries();
            assertEquals(1, restored.size(), restored.toString());
            String detail = restored.getFirst().event().detail();
            assertTrue(detail.contains(backupName) && detail.contains(archive.toString()) && detail.contains(head), detail);
            assertEquals("sysadmin", restored.getFirst().event().role(), "recorded as the person who asked");
            assertTrue(again.audit().verifyQuietly().intact(), "the restored chain verifies");
        }
        try (io.tanhe.server.store.jdbc.JdbcStore stopped = io.tanhe.server.store.jdbc.JdbcStore.open(
                io.tanhe.server.store.jdbc.StoreSettings.at(archive.resolve("store-at-restart")))) {
            assertEquals(laterReadings, stopped.readings().count(), "the store as the terminal stopped is archived too");
        }
    }

}
