package io.tanhe.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

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
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private String base;
    private String admin;
    private String viewer;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

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
            TestSecurity security = new TestSecurity(terminal.store());
            admin = "Bearer " + security.token(Role.SYSTEM_ADMINISTRATOR);
            viewer = "Bearer " + security.token(Role.VIEWER);
            String auditor = "Bearer " + security.token(Role.SECURITY_AUDITOR);
            base = TerminalApi.start(terminal, ApiBinding.plain("127.0.0.1", 0), security.access);

            backupReadings = terminal.store().readings().count();
            backupResults = terminal.store().results().count();
            JsonNode backup = awaitEnd(ok(send("POST", "/api/jobs", admin, "{\"kind\":\"backup\"}"), 202).path("id").asLong());
            assertEquals("DONE", backup.path("state").asText(), backup.toString());
            Path written = Path.of(backup.path("outcome").asText().substring("backup in ".length()));
            backupName = data.resolve("backups").toAbsolutePath().relativize(written).getName(0).toString();

            DemoRuns.simulate(terminal, DemoRuns.START.plus(Duration.ofMinutes(10)), Duration.ofMinutes(10));
            Thread.sleep(1_000);
            laterReadings = terminal.store().readings().count();
            assertTrue(laterReadings > backupReadings, "the second run stored more: " + laterReadings + " > " + backupReadings);

            // the wrong roles, and bad backups: refused, or a failed job; nothing ordered
            String body = "{\"kind\":\"restore\",\"backup\":\"" + backupName + "\"}";
            assertEquals(403, send("POST", "/api/jobs", viewer, body).statusCode());
            assertEquals(403, send("POST", "/api/jobs", auditor, body).statusCode());
            refused(send("POST", "/api/jobs", admin, "{\"kind\":\"restore\"}"), 400, "backup", "");
            refused(send("POST", "/api/jobs", admin, "{\"kind\":\"restore\",\"backup\":\"../data\"}"), 400, "backup", "no directories");
            refused(send("POST", "/api/jobs", admin, "{\"kind\":\"restore\",\"backup\":\"nope\"}"), 400, "backup", backupName);
            Files.createDirectories(data.resolve("backups/empty"));
            refused(send("POST", "/api/jobs", admin, "{\"kind\":\"restore\",\"backup\":\"empty\"}"), 400, "backup", "holds no tanhe.sqlite");
            Path broken = Files.createDirectories(data.resolve("backups/broken"));
            Files.writeString(broken.resolve("tanhe.sqlite"), "not a database at all, just text", StandardCharsets.UTF_8);
            JsonNode failed = awaitEnd(ok(send("POST", "/api/jobs", admin, "{\"kind\":\"restore\",\"backup\":\"broken\"}"), 202)
                    .path("id").asLong());
            assertEquals("FAILED", failed.path("state").asText(), failed.toString());
            assertTrue(failed.path("outcome").asText().contains("nothing was changed"), failed.toString());
            assertFalse(RestoreOrder.pendingIn(data), "a bad backup orders nothing");
            assertEquals(List.of(), restarts, "a bad backup restarts nothing");
            assertEquals(laterReadings, terminal.store().readings().count(), "a bad backup changes nothing");

            JsonNode restore = awaitEnd(ok(send("POST", "/api/jobs", admin, body), 202).path("id").asLong());
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
            refused(send("POST", "/api/jobs", admin, "{\"kind\":\"backup\"}"), 409, "kind", "restarting");
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

    private HttpResponse<String> send(String method, String path, String auth, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", auth)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode ok(HttpResponse<String> r, int status) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private void refused(HttpResponse<String> r, int status, String parameter, String saying) throws Exception {
        JsonNode body = ok(r, status);
        assertEquals(parameter, body.path("parameter").asText(), r.body());
        assertTrue(body.path("error").asText().contains(saying), r.body());
    }

    private JsonNode awaitEnd(long id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode job = ok(send("GET", "/api/jobs/" + id, viewer, null), 200);
        while (List.of("QUEUED", "RUNNING").contains(job.path("state").asText()) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            job = ok(send("GET", "/api/jobs/" + id, viewer, null), 200);
        }
        return job;
    }
}
