package io.tanhe.server.api;

import com.fasterxml.jackson.databind.JsonNode;
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

import java.nio.file.Path;
import java.util.List;

import static io.tanhe.server.api.ServedTerminal.ok;
import static io.tanhe.server.api.ServedTerminal.refused;
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
    @TempDir
    static Path dir;

    private Terminal terminal;
    private ServedTerminal api;
    private String admin;
    private String viewer;

    @BeforeAll
    void runTheDemo() throws Exception {
        Path data = dir.resolve("data");
        terminal = DemoRuns.open(dir.resolve("site"), data, s -> s, DemoRuns.settings(data));
        api = new ServedTerminal(terminal);
        admin = api.bearer(Role.SYSTEM_ADMINISTRATOR);
        viewer = api.bearer(Role.VIEWER);
    }

    @AfterAll
    void stop() {
        terminal.close();
    }

    @Test
    void aSpanCalibrationIsJudgedAgainstTheSitesDriftLimit() throws Exception {
        JsonNode added = ok(api.send("POST", "/api/qa", admin, """
                {"kind": "span_calibration", "point": "stack1.co2", "from": "2026-05-02T09:00", "to": "2026-05-02T09:20",
                 "reference": 15.0, "measured": 15.6, "range": 20, "note": "span gas cylinder 4411"}"""), 201);
        JsonNode r = added.path("record");
        assertEquals("span_calibration", r.path("kind").asText());
        assertEquals(3.0, r.path("result").asDouble(), 1e-9, "(15.6 − 15.0)/20 = 3 % of the range");
        assertEquals(2.5, r.path("limit").asDouble(), 1e-9, "the site's measurement.qa.drift_limit");
        assertEquals(false, r.path("passed").asBoolean(true));
        assertTrue(r.path("source").asText().startsWith("manual:token:sysadmin-"), r.toString());
        JsonNode again = ok(api.send("POST", "/api/qa", admin, """
                {"kind": "span_calibration", "point": "stack1.co2", "from": "2026-05-02T09:00", "to": "2026-05-02T09:20",
                 "reference": 15.0, "measured": 15.6, "range": 20, "note": "span gas cylinder 4411"}"""), 200);
        assertTrue(again.path("already").asBoolean(), again.toString());
        assertEquals(r.path("id").asLong(), again.path("record").path("id").asLong(), "a repeated request answers the stored record");
        JsonNode listed = ok(api.send("GET", "/api/qa?from=2026-05-02&to=2026-05-03", viewer, null), 200);
        assertEquals(1, listed.path("records").size(), listed.toString());
        List<AuditEntry> audited = terminal.audit().query(AuditQuery.all().type("qa.add").outcome(AuditOutcome.SUCCESS).page(0, 10),
                new AuditActor("test", "auditor", "local")).entries();
        assertTrue(audited.stream().anyMatch(a -> a.event().detail().contains("FAILED")), audited.toString());
    }

    @Test
    void anAuditIsComputedFromTheRunsStoredBeforeIt() throws Exception {
        double[][] runs = {{10.0, 9.8}, {10.2, 10.1}, {10.1, 9.9}};
        for (int i = 0; i < runs.length; i++) {
            ok(api.send("POST", "/api/qa", admin, String.format(java.util.Locale.ROOT, """
                    {"kind": "ra_run", "point": "stack1.co2", "from": "2026-05-03T10:%02d", "to": "2026-05-03T10:%02d",
                     "reference": %s, "measured": %s}""", 10 * i, 10 * i + 10, runs[i][0], runs[i][1])), 201);
        }
        JsonNode audit = ok(api.send("POST", "/api/qa", admin, """
                {"kind": "ra_audit", "point": "stack1.co2", "from": "2026-05-03T10:00", "to": "2026-05-03T11:00"}"""), 201)
                .path("record");
        // d = 0.2, 0.1, 0.2: d̄ = 0.166 667, S_d = 0.057 735, t(2) = 4.303, cc = 4.303 × 0.057 735/√3 = 0.143 433; RM̄ = 10.1;
        // RA = (0.166 667 + 0.143 433)/10.1 = 3.0703 %
        assertEquals(3.0703, audit.path("result").asDouble(), 1e-4, audit.toString());
        assertEquals(10.0, audit.path("limit").asDouble(), 1e-9);
        assertTrue(audit.path("passed").asBoolean(), audit.toString());
        assertTrue(audit.path("note").asText().startsWith("n = 3 runs"), audit.toString());
        refused(api.send("POST", "/api/qa", admin, """
                {"kind": "ra_audit", "point": "stack1.flow", "from": "2026-05-03T10:00", "to": "2026-05-03T11:00"}"""), 400, "from",
                "has 0 stored ra_run record(s)");
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndTheViewerMayNotRecord() throws Exception {
        refused(api.send("POST", "/api/qa", admin, """
                {"kind": "zero_check", "from": "2026-05-02T09:00", "to": "2026-05-02T09:20"}"""), 400, "kind", "ra_audit");
        refused(api.send("POST", "/api/qa", admin, """
                {"kind": "maintenance", "point": "unit1.coal.total", "from": "2026-05-02T09:00", "to": "2026-05-02T09:20"}"""), 400,
                "point", "is not a point of the measurement method");
        refused(api.send("POST", "/api/qa", admin, """
                {"kind": "maintenance", "from": "2026-05-02T09:20", "to": "2026-05-02T09:00"}"""), 400, "to", "must be after `from`");
        refused(api.send("POST", "/api/qa", admin, """
                {"kind": "zero_calibration", "from": "2026-05-02T09:00", "to": "2026-05-02T09:20", "reference": 0}"""), 400,
                "measured", "is required");
        refused(api.send("POST", "/api/qa", admin, """
                {"kind": "maintenance", "from": "2099-05-02T09:00", "to": "2099-05-02T09:20"}"""), 400, "to", "is in the future");
        refused(api.send("POST", "/api/qa", admin, """
                {"kind": "maintenance", "from": "2026-05-02T09:00", "to": "2026-05-02T09:20", "reason": "x"}"""), 400, "reason",
                "unknown field");
        refused(api.send("GET", "/api/qa?from=2026-05-02", viewer, null), 400, "to", "is required");
        assertEquals(403, api.send("POST", "/api/qa", viewer, """
                {"kind": "maintenance", "from": "2026-05-02T09:00", "to": "2026-05-02T09:20"}""").statusCode());
        List<AuditEntry> refusals = terminal.audit().query(AuditQuery.all().type("qa.add").outcome(AuditOutcome.FAILURE).page(0, 20),
                new AuditActor("test", "auditor", "local")).entries();
        assertTrue(refusals.size() >= 5, refusals.toString());
    }

    @Test
    void theMeasuredFiguresAndTheirRevisionsAreReadLikeTheAccountingOnes() throws Exception {
        JsonNode results = ok(api.send("GET", "/api/results?node=co2_measured&key=stack1&grain=hour&from=2026-06-01&to=2026-06-02", viewer, null), 200);
        assertEquals("co2_measured", results.path("subject").asText(), results.toString());
        JsonNode revisions = ok(api.send("GET", "/api/results/revisions?node=co2_measured&key=stack1&grain=hour&start=2026-06-01T09:00", viewer,
                null), 200);
        assertEquals(0, revisions.path("revisions").size(), revisions.toString());
        refused(api.send("GET", "/api/results/revisions?node=co2_mesured&grain=hour&start=2026-06-01T09:00", viewer, null), 400, "node",
                "no node `co2_mesured`");
    }
}
