package io.tanhe.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tanhe.server.security.access.Role;
import io.tanhe.server.security.audit.AuditActor;
import io.tanhe.server.security.audit.AuditEntry;
import io.tanhe.server.security.audit.AuditOutcome;
import io.tanhe.server.security.audit.AuditQuery;
import io.tanhe.server.terminal.DemoRuns;
import io.tanhe.server.terminal.Terminal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * QA records entered by hand over real HTTP on the demo terminal (its stack CEMS, limits RA 10 %, drift 2.5 %):
 * a span calibration judged against the site's drift limit, three RA runs and the audit computed from them, the
 * list, and the refusals naming the field; the viewer may read but not record; every entry is audited.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
@Tag("slow") // opening the demo terminal: 38–58 s on the shared machine
class QaRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private Terminal terminal;
    private String base;
    private String admin;
    private String viewer;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void runTheDemo() throws Exception {
        Path data = dir.resolve("data");
        terminal = DemoRuns.open(dir.resolve("site"), data, s -> s, DemoRuns.settings(data));
        TestSecurity security = new TestSecurity(terminal.store());
        admin = "Bearer " + security.token(Role.SYSTEM_ADMINISTRATOR);
        viewer = "Bearer " + security.token(Role.VIEWER);
        base = TerminalApi.start(terminal, ApiBinding.plain("127.0.0.1", 0), security.access);
    }

    @AfterAll
    void stop() {
        terminal.close();
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

    @Test
    void aSpanCalibrationIsJudgedAgainstTheSitesDriftLimit() throws Exception {
        JsonNode added = ok(send("POST", "/api/qa", admin, """
                {"kind": "span_calibration", "point": "stack1.co2", "from": "2026-05-02T09:00", "to": "2026-05-02T09:20",
                 "reference": 15.0, "measured": 15.6, "range": 20, "note": "span gas cylinder 4411"}"""), 201);
        JsonNode r = added.path("record");
        assertEquals("span_calibration", r.path("kind").asText());
        assertEquals(3.0, r.path("result").asDouble(), 1e-9, "(15.6 − 15.0)/20 = 3 % of the range");
        assertEquals(2.5, r.path("limit").asDouble(), 1e-9, "the site's measurement.qa.drift_limit");
        assertEquals(false, r.path("passed").asBoolean(true));
        assertTrue(r.path("source").asText().startsWith("manual:token:sysadmin-"), r.toString());
        JsonNode again = ok(send("POST", "/api/qa", admin, """
                {"kind": "span_calibration", "point": "stack1.co2", "from": "2026-05-02T09:00", "to": "2026-05-02T09:20",
                 "reference": 15.0, "measured": 15.6, "range": 20, "note": "span gas cylinder 4411"}"""), 200);
        assertTrue(again.path("already").asBoolean(), again.toString());
        assertEquals(r.path("id").asLong(), again.path("record").path("id").asLong(), "a repeated request answers the stored record");
        JsonNode listed = ok(send("GET", "/api/qa?from=2026-05-02&to=2026-05-03", viewer, null), 200);
        assertEquals(1, listed.path("records").size(), listed.toString());
        List<AuditEntry> audited = terminal.audit().query(AuditQuery.all().type("qa.add").outcome(AuditOutcome.SUCCESS).page(0, 10),
                new AuditActor("test", "auditor", "local")).entries();
        assertTrue(audited.stream().anyMatch(a -> a.event().detail().contains("FAILED")), audited.toString());
    }

    @Test
    void anAuditIsComputedFromTheRunsStoredBeforeIt() throws Exception {
        double[][] runs = {{10.0, 9.8}, {10.2, 10.1}, {10.1, 9.9}};
        for (int i = 0; i < runs.length; i++) {
            ok(send("POST", "/api/qa", admin, String.format(java.util.Locale.ROOT, """
                    {"kind": "ra_run", "point": "stack1.co2", "from": "2026-05-03T10:%02d", "to": "2026-05-03T10:%02d",
                     "reference": %s, "measured": %s}""", 10 * i, 10 * i + 10, runs[i][0], runs[i][1])), 201);
        }
        JsonNode audit = ok(send("POST", "/api/qa", admin, """
                {"kind": "ra_audit", "point": "stack1.co2", "from": "2026-05-03T10:00", "to": "2026-05-03T11:00"}"""), 201)
                .path("record");
        // d = 0.2, 0.1, 0.2: d̄ = 0.166 667, S_d = 0.057 735, t(2) = 4.303, cc = 4.303 × 0.057 735/√3 = 0.143 433; RM̄ = 10.1;
        // RA = (0.166 667 + 0.143 433)/10.1 = 3.0703 %
        assertEquals(3.0703, audit.path("result").asDouble(), 1e-4, audit.toString());
        assertEquals(10.0, audit.path("limit").asDouble(), 1e-9);
        assertTrue(audit.path("passed").asBoolean(), audit.toString());
        assertTrue(audit.path("note").asText().startsWith("n = 3 runs"), audit.toString());
        refused(send("POST", "/api/qa", admin, """
                {"kind": "ra_audit", "point": "stack1.flow", "from": "2026-05-03T10:00", "to": "2026-05-03T11:00"}"""), 400, "from",
                "has 0 stored ra_run record(s)");
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndTheViewerMayNotRecord() throws Exception {
        refused(send("POST", "/api/qa", admin, """
                {"kind": "zero_check", "from": "2026-05-02T09:00", "to": "2026-05-02T09:20"}"""), 400, "kind", "ra_audit");
        refused(send("POST", "/api/qa", admin, """
                {"kind": "maintenance", "point": "unit1.coal.total", "from": "2026-05-02T09:00", "to": "2026-05-02T09:20"}"""), 400,
                "point", "is not a point of the measurement method");
        refused(send("POST", "/api/qa", admin, """
                {"kind": "maintenance", "from": "2026-05-02T09:20", "to": "2026-05-02T09:00"}"""), 400, "to", "must be after `from`");
        refused(send("POST", "/api/qa", admin, """
                {"kind": "zero_calibration", "from": "2026-05-02T09:00", "to": "2026-05-02T09:20", "reference": 0}"""), 400,
                "measured", "is required");
        refused(send("POST", "/api/qa", admin, """
                {"kind": "maintenance", "from": "2099-05-02T09:00", "to": "2099-05-02T09:20"}"""), 400, "to", "is in the future");
        refused(send("POST", "/api/qa", admin, """
                {"kind": "maintenance", "from": "2026-05-02T09:00", "to": "2026-05-02T09:20", "reason": "x"}"""), 400, "reason",
                "unknown field");
        refused(send("GET", "/api/qa?from=2026-05-02", viewer, null), 400, "to", "is required");
        assertEquals(403, send("POST", "/api/qa", viewer, """
                {"kind": "maintenance", "from": "2026-05-02T09:00", "to": "2026-05-02T09:20"}""").statusCode());
        List<AuditEntry> refusals = terminal.audit().query(AuditQuery.all().type("qa.add").outcome(AuditOutcome.FAILURE).page(0, 20),
                new AuditActor("test", "auditor", "local")).entries();
        assertTrue(refusals.size() >= 5, refusals.toString());
    }

    @Test
    void theMeasuredFiguresAndTheirRevisionsAreReadLikeTheAccountingOnes() throws Exception {
        JsonNode results = ok(send("GET", "/api/results?node=co2_measured&key=stack1&grain=hour&from=2026-06-01&to=2026-06-02", viewer, null), 200);
        assertEquals("co2_measured", results.path("subject").asText(), results.toString());
        JsonNode revisions = ok(send("GET", "/api/results/revisions?node=co2_measured&key=stack1&grain=hour&start=2026-06-01T09:00", viewer,
                null), 200);
        assertEquals(0, revisions.path("revisions").size(), revisions.toString());
        refused(send("GET", "/api/results/revisions?node=co2_mesured&grain=hour&start=2026-06-01T09:00", viewer, null), 400, "node",
                "no node `co2_mesured`");
    }
}
