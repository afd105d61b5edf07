package io.tanhe.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tanhe.server.security.access.Cidr;
import io.tanhe.server.security.access.Role;
import io.tanhe.server.security.audit.AuditActor;
import io.tanhe.server.security.audit.AuditEntry;
import io.tanhe.server.security.audit.AuditEvent;
import io.tanhe.server.security.audit.AuditQuery;
import io.tanhe.server.terminal.CutOff;
import io.tanhe.server.terminal.DemoRuns;
import io.tanhe.server.terminal.Terminal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operations routes over real HTTP on a demo terminal that has taken readings: the Prometheus scrape (with a
 * token, from an allow-listed scraper address without one, refused otherwise), the system state with its log lines
 * filtered by level, bad parameters, and the remote cut-off with its audit.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class OperationsRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private Terminal terminal;
    private TestSecurity security;
    private String base;
    private String viewer;
    private String sysadmin;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void start() throws Exception {
        Path data = dir.resolve("data");
        terminal = DemoRuns.open(dir.resolve("site"), data, s -> s, DemoRuns.settings(data));
        DemoRuns.simulate(terminal, DemoRuns.START, Duration.ofMinutes(20));
        security = new TestSecurity(terminal.store());
        viewer = security.token(Role.VIEWER);
        sysadmin = security.token(Role.SYSTEM_ADMINISTRATOR);
        LogTail log = (n, min) -> List.of(new LogTail.Line("2026-12-06T00:00:00Z", "WARN", "x", "t", "a warning"),
                new LogTail.Line("2026-12-06T00:00:01Z", "ERROR", "x", "t", "an error")).stream()
                .filter(l -> min == LogTail.Level.WARN || l.level().equals("ERROR")).limit(n).toList();
        base = TerminalApi.start(terminal, ApiBinding.plain("127.0.0.1", 0), security.access, List.of(Cidr.parse("127.0.0.2")), log);
    }

    @AfterAll
    void stop() {
        terminal.close();
    }

    private HttpResponse<String> send(HttpClient client, String method, String path, String token, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path, String token, String json) throws Exception {
        return send(http, method, path, token, json);
    }

    @Test
    void theScrapeHasTheTerminalsReadingsStoreAndJvmMetrics() throws Exception {
        HttpResponse<String> r = send("GET", "/metrics", viewer, null);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), r.headers().toString());
        String text = r.body();
        long received = terminal.stats().received();
        assertTrue(received > 0, "the demo fed readings");
        double perDevice = text.lines().filter(l -> l.startsWith("tanhe_device_readings_total{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        assertEquals(received, perDevice, 0.0, "the devices' counts add up to the readings received");
        for (String name : List.of("tanhe_device_failures_total{", "tanhe_readings_by_quality_total{quality=\"measured\"",
                "tanhe_evaluation_lag_seconds_count", "tanhe_store_commit_seconds_sum", "tanhe_store_queue", "tanhe_alerts_open",
                "jvm_memory_used_bytes", "jvm_gc_", "system_cpu_count", "disk_free_bytes{path=\"" + terminal.dataDir().toFile().getAbsolutePath())) {
            assertTrue(text.contains(name), name + " missing from the scrape");
        }
        assertTrue(text.lines().anyMatch(l -> l.startsWith("tanhe_store_commit_seconds_count") && !l.endsWith(" 0")),
                "the store committed and timed it");
    }

    @Test
    void anAllowListedScraperNeedsNoTokenButAnyOtherAddressDoes() throws Exception {
        assertEquals(401, send("GET", "/metrics", null, null).statusCode(), "127.0.0.1 is not on the list");
        HttpClient scraper = HttpClient.newBuilder().localAddress(InetAddress.getByName("127.0.0.2"))
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> r = send(scraper, "GET", "/metrics", null, null);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(401, send(scraper, "GET", "/api/status", null, null).statusCode(), "the list opens /metrics only");
        assertEquals(403, send("GET", "/metrics", security.token(Role.SECURITY_AUDITOR), null).statusCode(),
                "a role without read_data may not read it");
    }

    @Test
    void theSystemStateNamesHardwareSoftwareWorkersAndTheLatestErrors() throws Exception {
        HttpResponse<String> r = send("GET", "/api/system?lines=10", viewer, null);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode s = JSON.readTree(r.body());
        assertTrue(s.path("cpu").path("processors").asInt() > 0, r.body());
        assertTrue(s.path("memory").path("heapUsedBytes").asLong() > 0, r.body());
        assertTrue(s.path("disk").path("usableBytes").asLong() > 0, r.body());
        assertEquals(System.getProperty("os.name"), s.path("os").path("name").asText());
        assertEquals(Runtime.version().toString(), s.path("jvm").path("version").asText());
        assertEquals("demo-plant", s.path("application").path("site").asText());
        assertTrue(s.path("workers").path("tanhe-eval").asText().startsWith("ok"), s.path("workers").toString());
        assertEquals("OK", s.path("store").path("state").asText());
        assertEquals(2, s.path("log").path("lines").size());
        JsonNode errors = JSON.readTree(send("GET", "/api/system?level=error&lines=5", viewer, null).body()).path("log");
        assertEquals(1, errors.path("lines").size(), errors.toString());
        assertEquals("an error", errors.path("lines").get(0).path("message").asText());
    }

    @Test
    void badLineCountsAndLevelsAreRefusedByName() throws Exception {
        for (String q : List.of("lines=-1", "lines=501", "lines=many", "level=debug", "verbose=1")) {
            HttpResponse<String> r = send("GET", "/api/system?" + q, viewer, null);
            assertEquals(400, r.statusCode(), q + ": " + r.body());
            assertEquals(q.substring(0, q.indexOf('=')), JSON.readTree(r.body()).path("parameter").asText(), r.body());
        }
        assertEquals(405, send("POST", "/api/system", sysadmin, "{}").statusCode());
    }

    @Test
    void aCutOffIsAuditedPersistedAndLiftedOnlyFromTheMachine() throws Exception {
        assertEquals(403, send("POST", "/api/cutoff", viewer, "{\"reason\":\"x\"}").statusCode(), "a viewer may not cut off");
        HttpResponse<String> noReason = send("POST", "/api/cutoff", sysadmin, "{}");
        assertEquals(400, noReason.statusCode(), noReason.body());
        assertEquals("reason", JSON.readTree(noReason.body()).path("parameter").asText());

        HttpResponse<String> cut = send("POST", "/api/cutoff", sysadmin, "{\"reason\":\"suspected intrusion\"}");
        assertEquals(200, cut.statusCode(), cut.body());
        assertTrue(JSON.readTree(cut.body()).path("cutOff").asBoolean(), cut.body());
        assertTrue(Files.exists(terminal.dataDir().resolve(CutOff.NAME)), "the cut-off survives a restart");
        assertEquals("suspected intrusion", CutOff.read(terminal.dataDir()).orElseThrow().reason());
        assertTrue(terminal.uplinkStatus().isEmpty(), "nothing uploads");
        assertTrue(send("GET", "/metrics", viewer, null).body().contains("tanhe_cutoff{site=\"demo-plant\"} 1.0"));
        assertEquals(200, send("GET", "/api/status", viewer, null).statusCode(), "the machine itself still reads");
        AuditEvent e = events("remote.cutoff").getLast();
        assertEquals("127.0.0.1", e.source());
        assertTrue(e.detail().contains("suspected intrusion"), e.detail());

        HttpResponse<String> lift = send("POST", "/api/cutoff/lift", sysadmin, "{}");
        assertEquals(200, lift.statusCode(), lift.body());
        assertTrue(JSON.readTree(lift.body()).path("lifted").asBoolean(), lift.body());
        assertFalse(Files.exists(terminal.dataDir().resolve(CutOff.NAME)));
        assertFalse(JSON.readTree(send("GET", "/api/cutoff", viewer, null).body()).path("cutOff").asBoolean());
        assertEquals(1, events("remote.restore").size());
    }

    private List<AuditEvent> events(String type) {
        return terminal.audit().query(AuditQuery.all().type(type), AuditActor.local("auditor")).entries().stream()
                .map(AuditEntry::event).toList();
    }
}
