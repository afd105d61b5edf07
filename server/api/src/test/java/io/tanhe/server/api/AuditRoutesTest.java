package io.tanhe.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tanhe.server.security.access.Role;
import io.tanhe.server.security.audit.AuditEvent;
import io.tanhe.server.security.audit.AuditOutcome;
import io.tanhe.server.terminal.DemoRuns;
import io.tanhe.server.terminal.Terminal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The auditor's routes over real HTTP, on the terminal's own audit log: query, export, verify and wipe
 * (last: it empties the log the others read).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class AuditRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private Terminal terminal;
    private ApiServer api;
    private String auditor;
    private String viewer;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void start() {
        Path data = dir.resolve("data");
        terminal = DemoRuns.open(dir.resolve("site"), data, s -> s, DemoRuns.settings(data));
        TestSecurity security = new TestSecurity(terminal.store());
        auditor = security.token(Role.SECURITY_AUDITOR);
        viewer = security.token(Role.VIEWER);
        for (int i = 0; i < 3; i++) {
            terminal.audit().record(new AuditEvent(Instant.parse("2026-06-01T00:00:00Z").plusSeconds(i), "alice", "sysadmin",
                    "10.0.0." + i, "config.change", "site.yaml", i == 2 ? AuditOutcome.FAILURE : AuditOutcome.SUCCESS, "test " + i));
        }
        api = ApiServer.start(ApiBinding.plain("127.0.0.1", 0),
                new ApiServer.Sources(terminal.site(), terminal.store(), TerminalApi.status(terminal), terminal.audit()), security.access);
    }

    @AfterAll
    void stop() {
        api.stop();
        terminal.close();
    }

    private HttpResponse<String> send(String method, String path, String token, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.address() + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theAuditorQueriesWithCombinedConditionsAndSorting() throws Exception {
        HttpResponse<String> r = send("GET", "/api/audit?user=alice&type=config.change&outcome=success&sort=source&order=asc", auditor, null);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode page = JSON.readTree(r.body());
        assertEquals(2, page.path("total").asInt());
        assertEquals("10.0.0.0", page.path("entries").get(0).path("source").asText());
        assertEquals("10.0.0.1", page.path("entries").get(1).path("source").asText());
        assertEquals(64, page.path("entries").get(0).path("hash").asText().length(), "each entry carries its SM3 hash");
    }

    @Test
    void badConditionsAreNamed() throws Exception {
        HttpResponse<String> r = send("GET", "/api/audit?outcome=maybe", auditor, null);
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("outcome") && r.body().contains("SUCCESS, FAILURE or DENIED"), r.body());
        assertEquals(400, send("GET", "/api/audit?limit=0", auditor, null).statusCode());
        assertEquals(400, send("GET", "/api/audit?from=yesterday", auditor, null).statusCode());
        HttpResponse<String> unknown = send("GET", "/api/audit?usr=alice", auditor, null);
        assertEquals(400, unknown.statusCode());
        assertTrue(unknown.body().contains("usr"), unknown.body());
    }

    @Test
    void theExportIsCsvWithAHeaderAndTheReadsAreThemselvesAudited() throws Exception {
        HttpResponse<String> r = send("GET", "/api/audit/export?format=csv&user=alice", auditor, null);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        assertEquals(4, r.body().lines().count(), "a header and alice's three entries: " + r.body());
        JsonNode exports = JSON.readTree(send("GET", "/api/audit?type=audit.export", auditor, null).body());
        assertTrue(exports.path("total").asInt() >= 1, "the export was audited: " + exports);
        assertTrue(exports.path("entries").get(0).path("user").asText().startsWith("token:auditor"), exports.toString());
    }

    @Test
    void verifySaysTheChainIsIntact() throws Exception {
        JsonNode v = JSON.readTree(send("GET", "/api/audit/verify", auditor, null).body());
        assertTrue(v.path("intact").asBoolean(), v.toString());
        assertTrue(v.path("entries").asLong() >= 3);
    }

    @Test
    void aViewerMayNotReadTheAuditAndAWipeNeedsItsConfirmation() throws Exception {
        assertEquals(403, send("GET", "/api/audit", viewer, null).statusCode());
        HttpResponse<String> unconfirmed = send("POST", "/api/audit/wipe", auditor, "{}");
        assertEquals(400, unconfirmed.statusCode());
        assertTrue(unconfirmed.body().contains(AuditRoutes.WIPE_CONFIRMATION), unconfirmed.body());
        JsonNode alice = JSON.readTree(send("GET", "/api/audit?user=alice", auditor, null).body());
        assertEquals(3, alice.path("total").asInt(), "nothing was wiped");
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void aConfirmedWipeStartsANewChainThatRecordsIt() throws Exception {
        HttpResponse<String> r = send("POST", "/api/audit/wipe", auditor, "{\"confirm\":\"" + AuditRoutes.WIPE_CONFIRMATION + "\"}");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode first = JSON.readTree(r.body()).path("newChain");
        assertEquals("audit.wipe", first.path("type").asText());
        JsonNode after = JSON.readTree(send("GET", "/api/audit?user=alice", auditor, null).body());
        assertEquals(0, after.path("total").asInt());
        assertFalse(JSON.readTree(send("GET", "/api/audit/verify", auditor, null).body()).path("problem").isTextual());
    }
}
