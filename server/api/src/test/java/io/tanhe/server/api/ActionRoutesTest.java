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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.tanhe.server.api.ServedTerminal.ok;
import static io.tanhe.server.api.ServedTerminal.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operator actions over real HTTP against a demo terminal that ran 20 simulated minutes with a gas-flow
 * alert: acknowledging with a comment, manual entry with its versions, and for each the bad input and the
 * wrong role.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class ActionRoutesTest {
    /** A data centre nobody listens at: backfilled uploads stay in its backlog. */
    private static final String UNREACHABLE_CENTRE = """

            uplink:
              centres:
                - id: province
                  protocol: https
                  address: https://127.0.0.1:9/uplink
                  terminal_id: T-0001
                  indicators:
                    - {node: E, code: e_total}
            """;

    @TempDir
    static Path dir;

    private Terminal terminal;
    private ServedTerminal api;
    private String admin;
    private String viewer;

    @BeforeAll
    void runTheDemo() throws Exception {
        Path data = dir.resolve("data");
        terminal = DemoRuns.open(dir.resolve("site"), data, s -> s.replace("limit: 46000", "limit: 30000")
                .replace("clear: 45000", "clear: 29000") + UNREACHABLE_CENTRE, DemoRuns.settings(data));
        terminal.startUplink(java.time.Clock.systemUTC());
        DemoRuns.simulate(terminal, DemoRuns.START, Duration.ofMinutes(20));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        java.time.Instant end = DemoRuns.START.plus(Duration.ofMinutes(20)).minusSeconds(5);
        while ((terminal.stats().watermark() == null || terminal.stats().watermark().isBefore(end)) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(1_000); // a few flushes (every 200 ms) after the last reading was evaluated
        api = new ServedTerminal(terminal);
        admin = api.bearer(Role.SYSTEM_ADMINISTRATOR);
        viewer = api.bearer(Role.VIEWER);
    }

    @AfterAll
    void stop() {
        terminal.close();
    }

    private long gasAlert() throws Exception {
        JsonNode list = ok(api.send("GET", "/api/alerts?state=all&rule=gas-flow&severity=warning&limit=5", viewer, null), 200);
        assertTrue(list.path("count").asInt() >= 1, list.toString());
        for (JsonNode a : list.path("alerts")) {
            assertTrue(a.path("rule").asText().contains("gas-flow"), a.toString());
        }
        return list.path("alerts").get(0).path("id").asLong();
    }

    @Test
    void anAdministratorExportsTheEvidenceBundleOfADayAndAViewerMayNot() throws Exception {
        String day = DemoRuns.START.atZone(terminal.site().zone()).toLocalDate().toString();
        HttpResponse<byte[]> r = api.http.send(HttpRequest.newBuilder(URI.create(api.base + "/api/evidence?from=" + day)).timeout(Duration.ofSeconds(60))
                .header("Authorization", admin).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode(), new String(r.body(), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("application/zip", r.headers().firstValue("Content-Type").orElse(""));
        Path file = java.nio.file.Files.write(dir.resolve("day.evidence"), r.body());
        try (io.tanhe.server.evidence.Bundle b = io.tanhe.server.evidence.Bundle.open(file)) {
            assertEquals(day, b.manifest().path("from").asText());
            assertTrue(b.listed().get("readings/" + day + ".jsonl").rows() > 0, b.listed().toString());
            assertTrue(b.listed().get("results.jsonl").rows() > 0, b.listed().toString());
        }
        assertEquals(403, api.send("GET", "/api/evidence?from=" + day, viewer, null).statusCode());
        refused(api.send("GET", "/api/evidence?from=yesterday", admin, null), 400, "from", "is not a day");
        refused(api.send("GET", "/api/evidence?from=" + day + "&nodes=EE", admin, null), 400, "nodes", "`EE` is not a node");
        assertTrue(terminal.audit().query(io.tanhe.server.security.audit.AuditQuery.all(),
                        new io.tanhe.server.security.audit.AuditActor("test", "auditor", "local")).entries().stream()
                .anyMatch(e -> e.event().type().equals("evidence.export") && e.event().detail().contains("manifest SM3")), "the export is audited");
    }

    @Test
    void anAdministratorAcknowledgesAnAlertWithACommentOnceAndTheRepeatChangesNothing() throws Exception {
        long id = gasAlert();
        JsonNode acked = ok(api.send("POST", "/api/alerts/" + id + "/ack", admin, "{\"comment\":\"flow meter checked on site\"}"), 200);
        assertEquals("ACKNOWLEDGED", acked.path("state").asText(), acked.toString());
        assertEquals("flow meter checked on site", acked.path("acknowledgeComment").asText());
        assertTrue(acked.path("acknowledgedBy").asText().startsWith("token:sysadmin-"), acked.toString());
        assertFalse(acked.path("already").asBoolean());
        JsonNode again = ok(api.send("POST", "/api/alerts/" + id + "/ack", admin, "{\"comment\":\"second try\"}"), 200);
        assertTrue(again.path("already").asBoolean(), again.toString());
        assertEquals("flow meter checked on site", again.path("acknowledgeComment").asText(), "the first acknowledgement stands");
        JsonNode listed = ok(api.send("GET", "/api/alerts?state=acknowledged&rule=gas-flow", viewer, null), 200);
        assertEquals("flow meter checked on site", listed.path("alerts").get(0).path("acknowledgeComment").asText(), listed.toString());
        List<AuditEntry> audited = terminal.audit().query(AuditQuery.all().type("alert.acknowledge").outcome(AuditOutcome.SUCCESS).page(0, 10),
                new AuditActor("test", "auditor", "local")).entries();
        assertEquals(1, audited.size(), "the repeat is not a second acknowledgement: " + audited);
        assertEquals(AuditOutcome.SUCCESS, audited.getFirst().event().outcome());
        assertEquals("sysadmin", audited.getFirst().event().role());
        assertTrue(audited.getFirst().event().detail().contains("flow meter checked on site"), audited.toString());
    }

    @Test
    void acknowledgingRefusesTheViewerAnUnknownAlertAndBadInputNamingTheField() throws Exception {
        long id = gasAlert();
        assertEquals(403, api.send("POST", "/api/alerts/" + id + "/ack", viewer, "{}").statusCode());
        refused(api.send("POST", "/api/alerts/987654/ack", admin, "{}"), 404, "id", "no alert 987654");
        refused(api.send("POST", "/api/alerts/abc/ack", admin, "{}"), 400, "id", "not an alert id");
        refused(api.send("POST", "/api/alerts/" + id + "/ack", admin, "{\"comment\":\"" + "x".repeat(1001) + "\"}"), 400, "comment",
                "at most 1000");
        refused(api.send("POST", "/api/alerts/" + id + "/ack", admin, "{\"coment\":\"typo\"}"), 400, "coment", "unknown field");
        refused(api.send("POST", "/api/alerts/" + id + "/ack", admin, "[1]"), 400, "body", "JSON object");
        refused(api.send("GET", "/api/alerts?severity=loud", viewer, null), 400, "severity", "info, warning, major or critical");
        refused(api.send("GET", "/api/alerts?limit=0", viewer, null), 400, "limit", "whole number");
    }

    @Test
    void aManualValueIsEnteredAsANewVersionKeepingTheOldAndARepeatIsHarmless() throws Exception {
        JsonNode points = ok(api.send("GET", "/api/manual-points", viewer, null), 200);
        assertEquals("unit1.coal.c_ar", points.path("points").get(0).path("point").asText(), points.toString());
        assertEquals("tC/t", points.path("points").get(0).path("unit").asText());
        assertEquals("month", points.path("points").get(0).path("period").asText());
        String entry = "{\"point\":\"unit1.coal.c_ar\",\"period\":\"2026-06\",\"value\":0.5310,\"unit\":\"tC/t\","
                + "\"comment\":\"lab report 2026-06 No. 17\"}";
        JsonNode entered = ok(api.send("POST", "/api/manual-entries", admin, entry), 201);
        assertEquals(2, entered.path("version").asInt(), "the demo's lab entered version 1: " + entered);
        assertEquals("0.5310", entered.path("current").path("value").asText(), "the digits entered are kept");
        assertEquals("MANUAL", entered.path("current").path("quality").asText());
        assertTrue(entered.path("current").path("detail").asText().startsWith("operator=token:sysadmin-"), entered.toString());
        assertTrue(entered.path("current").path("detail").asText().contains("lab report 2026-06 No. 17"), entered.toString());
        assertEquals(2, entered.path("versions").size());
        String old = entered.path("versions").get(0).path("value").asText();
        assertTrue(entered.path("current").path("detail").asText().contains("replaces " + old), entered.toString());
        JsonNode repeated = ok(api.send("POST", "/api/manual-entries", admin, entry), 200);
        assertTrue(repeated.path("unchanged").asBoolean(), repeated.toString());
        assertEquals(2, repeated.path("version").asInt());
        JsonNode versions = ok(api.send("GET", "/api/manual-entries?point=unit1.coal.c_ar&period=" + enc("2026-06-15"), viewer, null), 200);
        assertEquals(2, versions.path("versions").size(), versions.toString());
        assertEquals(old, versions.path("versions").get(0).path("value").asText(), "the old value stays stored");
        List<AuditEntry> audited = terminal.audit().query(AuditQuery.all().type("manual.entry").outcome(AuditOutcome.SUCCESS)
                .page(0, 10), new AuditActor("test", "auditor", "local")).entries();
        assertEquals(1, audited.size(), audited.toString());
        assertTrue(audited.getFirst().event().detail().contains("0.5310 tC/t"), audited.toString());
    }

    @Test
    void manualEntryRefusesTheViewerAndBadInputNamingTheField() throws Exception {
        String good = "\"point\":\"unit1.coal.c_ar\",\"period\":\"2026-06\"";
        assertEquals(403, api.send("POST", "/api/manual-entries", viewer, "{" + good + ",\"value\":0.52}").statusCode());
        refused(api.send("POST", "/api/manual-entries", admin, "{" + good + ",\"value\":520,\"unit\":\"kgC/t\"}"), 400, "unit",
                "convert the value to tC/t");
        refused(api.send("POST", "/api/manual-entries", admin, "{\"point\":\"unit1.coal.total\",\"period\":\"2026-06\",\"value\":1}"), 400,
                "point", "unit1.coal.c_ar");
        refused(api.send("POST", "/api/manual-entries", admin, "{" + good + ",\"value\":\"half\"}"), 400, "value", "not a number");
        refused(api.send("POST", "/api/manual-entries", admin, "{" + good + "}"), 400, "value", "required");
        refused(api.send("POST", "/api/manual-entries", admin, "{" + good + ",\"at\":\"2026-06-01\",\"value\":0.5}"), 400, "period",
                "not both");
        refused(api.send("POST", "/api/manual-entries", admin, "{\"point\":\"unit1.coal.c_ar\",\"period\":\"June\",\"value\":0.5}"), 400,
                "period", "");
        refused(api.send("POST", "/api/manual-entries", admin, "{" + good + ",\"value\":0.5,\"operator\":\"me\"}"), 400, "operator",
                "unknown field");
        refused(api.send("GET", "/api/manual-entries?point=unit1.coal.c_ar", viewer, null), 400, "period", "required");
    }

    @Test
    void aStoredFigureIsExplainedFromItsReadingsWithItsRevisions() throws Exception {
        JsonNode e = ok(api.send("GET", "/api/explain?node=E&grain=minute&bucket=" + enc("2026-06-01T08:05"), viewer, null), 200);
        assertEquals("2026-06-01T00:05:00Z", e.path("start").asText(), e.toString());
        assertTrue(e.path("matchesStored").asBoolean(), "the replay gives the stored figure: " + e);
        assertTrue(e.path("revisions").size() >= 1, e.toString());
        assertEquals(1, e.path("revisions").get(0).path("revision").asInt());
        assertEquals("E", e.path("explanation").path("result").path("name").asText(), e.toString());
        assertEquals("cn.power-generation", e.path("explanation").path("methodology").path("id").asText());
        assertTrue(e.path("text").asText().contains("E"), e.toString());
        JsonNode gas = ok(api.send("GET", "/api/explain?node=gas_combustion&grain=hour&bucket=" + enc("2026-06-01T08:00")
                + "&key=" + enc("gt1,natural_gas"), viewer, null), 200);
        assertEquals("gt1,natural_gas", gas.path("explanation").path("result").path("key").asText(), gas.toString());
        refused(api.send("GET", "/api/explain?node=F&bucket=2026-06-01", viewer, null), 400, "node", "no stored node `F`");
        refused(api.send("GET", "/api/explain?node=E&grain=month&bucket=2026-06-01", viewer, null), 400, "grain", "rolled up from stored days");
        refused(api.send("GET", "/api/explain?node=E&grain=fortnight&bucket=2026-06-01", viewer, null), 400, "grain", "");
        refused(api.send("GET", "/api/explain?node=E", viewer, null), 400, "bucket", "required");
        refused(api.send("GET", "/api/explain?node=E&bucket=soon", viewer, null), 400, "bucket", "not a time");
        refused(api.send("GET", "/api/explain?node=E&bucket=2026-06-01&key=coal", viewer, null), 400, "key", "not indexed");
        refused(api.send("GET", "/api/explain?node=E&bucket=2026-06-01&when=now", viewer, null), 400, "when", "unknown parameter");
    }

    @Test
    void devicesShowTheirPointsLatestValuesAndWhoFeedsThem() throws Exception {
        JsonNode d = ok(api.send("GET", "/api/devices", viewer, null), 200);
        JsonNode grid = null;
        JsonNode lab = null;
        for (JsonNode device : d.path("devices")) {
            grid = device.path("id").asText().equals("grid-meter-a") ? device : grid;
            lab = device.path("id").asText().equals("lab") ? device : lab;
        }
        assertTrue(grid != null && lab != null, d.toString());
        assertEquals("polled", grid.path("delivery").asText());
        assertEquals("grid-meter-b", grid.path("backup").asText());
        assertEquals(5.0, grid.path("periodSeconds").asDouble());
        JsonNode point = grid.path("points").get(0);
        assertEquals("grid.import.total", point.path("point").asText());
        assertEquals("grid_purchased", point.path("feeds").asText());
        assertTrue(point.path("latest").path("value").asDouble() > 0, point.toString());
        assertTrue(point.path("latest").path("measuredAt").asText().startsWith("2026-06-01T00:"), point.toString());
        assertEquals("pushed", lab.path("delivery").asText());
        assertEquals("MANUAL", lab.path("points").get(0).path("latest").path("quality").asText(), lab.toString());
        refused(api.send("GET", "/api/devices?all=1", viewer, null), 400, "all", "unknown parameter");
        JsonNode centres = ok(api.send("GET", "/api/uplink/centres", viewer, null), 200);
        assertTrue(centres.path("configured").asBoolean());
        assertEquals("province", centres.path("centres").get(0).path("id").asText(), centres.toString());
        assertEquals(401, api.send("GET", "/api/devices", "Bearer nonsense", null).statusCode(), "a wrong token is not let in");
    }

    @Test
    void pollNowReadsADeviceAPointOrAllAndRefusesBadTargetsAndTheViewer() throws Exception {
        JsonNode one = ok(api.send("POST", "/api/poll", admin, "{\"device\":\"coal-scale-1\"}"), 200);
        assertEquals("[\"coal-scale-1\"]", one.path("devices").toString());
        assertEquals("unit1.coal.total", one.path("readings").get(0).path("point").asText(), one.toString());
        assertEquals("MEASURED", one.path("readings").get(0).path("quality").asText());
        JsonNode point = ok(api.send("POST", "/api/poll", admin, "{\"point\":\"grid.import.total\"}"), 200);
        assertEquals(2, point.path("devices").size(), "the point's device and its backup: " + point);
        for (JsonNode r : point.path("readings")) {
            assertEquals("grid.import.total", r.path("point").asText());
        }
        JsonNode all = ok(api.send("POST", "/api/poll", admin, "{\"all\":true}"), 200);
        assertEquals(5, all.path("devices").size(), all.toString());
        assertEquals(403, api.send("POST", "/api/poll", viewer, "{\"all\":true}").statusCode());
        refused(api.send("POST", "/api/poll", admin, "{\"device\":\"lab\"}"), 400, "device", "pushes its readings");
        refused(api.send("POST", "/api/poll", admin, "{\"device\":\"nope\"}"), 400, "device", "polled devices: coal-scale-1");
        refused(api.send("POST", "/api/poll", admin, "{\"point\":\"unit1.coal.c_ar\"}"), 400, "point", "no polled device");
        refused(api.send("POST", "/api/poll", admin, "{}"), 400, "device", "exactly one");
        refused(api.send("POST", "/api/poll", admin, "{\"device\":\"coal-scale-1\",\"all\":true}"), 400, "device", "exactly one");
        List<AuditEntry> audited = terminal.audit().query(AuditQuery.all().type("poll.now").page(0, 10),
                new AuditActor("test", "auditor", "local")).entries();
        assertEquals(3, audited.size(), audited.toString());
    }

    @Test
    void aManualBackfillIsQueuedOnceAndRefusesBadInputAndTheViewer() throws Exception {
        String request = "{\"centres\":[\"province\"],\"grain\":\"15min\",\"from\":\"2026-06-01T08:00\",\"to\":\"2026-06-01T08:15\","
                + "\"reason\":\"meter M3 replaced, readings corrected\"}";
        JsonNode queued = ok(api.send("POST", "/api/backfill", admin, request), 202);
        assertTrue(queued.path("queued").path("province").asInt() >= 1, queued.toString());
        assertFalse(queued.path("repeated").asBoolean());
        JsonNode again = ok(api.send("POST", "/api/backfill", admin, request), 200);
        assertTrue(again.path("repeated").asBoolean(), again.toString());
        assertEquals(queued.path("queued"), again.path("queued"));
        JsonNode centres = ok(api.send("GET", "/api/uplink/centres", viewer, null), 200);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (centres.path("centres").get(0).path("backlog").asLong() < 1 && System.nanoTime() < deadline) {
            Thread.sleep(200); // the centre's thread updates its status when it next looks at its outbox
            centres = ok(api.send("GET", "/api/uplink/centres", viewer, null), 200);
        }
        assertTrue(centres.path("centres").get(0).path("backlog").asLong() >= 1, "the progress: " + centres);
        assertEquals(403, api.send("POST", "/api/backfill", viewer, request).statusCode());
        refused(api.send("POST", "/api/backfill", admin, request.replace("province", "capital")), 400, "centres", "the site's centres: province");
        refused(api.send("POST", "/api/backfill", admin, request.replace("\"15min\"", "\"minute\"")), 400, "grain", "15min, hour, day or month");
        refused(api.send("POST", "/api/backfill", admin, request.replace("meter M3 replaced, readings corrected", " ")), 400, "reason",
                "gives its reason");
        refused(api.send("POST", "/api/backfill", admin, request.replace("T08:15", "T07:00")), 400, "to", "must be after");
        refused(api.send("POST", "/api/backfill", admin, request.replace("\"centres\"", "\"centre\"")), 400, "centre", "unknown field");
    }

    @Test
    void aManualBackfillOfChosenIndicatorsTakesCodesOrNodesAndRefusesOnesNoCentreReports() throws Exception {
        String request = "{\"grain\":\"15min\",\"from\":\"2026-06-01T08:00\",\"to\":\"2026-06-01T08:15\","
                + "\"reason\":\"CO2 of the gas turbine corrected\",\"indicators\":INDICATORS}";
        JsonNode byCode = ok(api.send("POST", "/api/backfill", admin, request.replace("INDICATORS", "[\"e_total\"]")), 202);
        assertTrue(byCode.path("queued").path("province").asInt() >= 1, byCode.toString());
        JsonNode byNode = ok(api.send("POST", "/api/backfill", admin, request.replace("INDICATORS", "[\"E\"]")), 202);
        assertFalse(byNode.path("repeated").asBoolean(), "another selection is another request: " + byNode);
        refused(api.send("POST", "/api/backfill", admin, request.replace("INDICATORS", "[\"a99999\",\"e_total\"]")), 400, "indicators",
                "no indicator a99999 is reported to province; give codes or nodes of: e_total (E)");
        refused(api.send("POST", "/api/backfill", admin, request.replace("INDICATORS", "\"e_total\"")), 400, "indicators",
                "a list of indicator codes");
        refused(api.send("POST", "/api/backfill", admin, request.replace("INDICATORS", "[\" \"]")), 400, "indicators",
                "a list of indicator codes");
        assertEquals(403, api.send("POST", "/api/backfill", viewer, request.replace("INDICATORS", "[\"e_total\"]")).statusCode());
        List<AuditEntry> audited = terminal.audit().query(AuditQuery.all().type("uplink.backfill").page(0, 100),
                new AuditActor("test", "auditor", "local")).entries().stream()
                .filter(e -> e.event().type().equals("uplink.backfill") && e.event().target().contains(" of e_total")).toList();
        assertEquals(1, audited.size(), "the backfill of e_total is audited with its indicator: " + audited);
    }

    @Test
    void longWorkRunsAsJobsWithProgressThatCanBeCancelled() throws Exception {
        JsonNode export = ok(api.send("POST", "/api/jobs", admin, "{\"kind\":\"export\",\"data\":\"readings\","
                + "\"from\":\"2026-06-01T08:00\",\"to\":\"2026-06-01T08:05\",\"format\":\"csv\"}"), 202);
        assertEquals("export", export.path("kind").asText());
        JsonNode exported = api.awaitEnd(export.path("id").asLong());
        assertEquals("DONE", exported.path("state").asText(), exported.toString());
        assertEquals(1.0, exported.path("progress").asDouble());
        HttpResponse<String> file = api.send("GET", "/api/jobs/" + export.path("id").asLong() + "/file", viewer, null);
        assertEquals(200, file.statusCode(), file.body());
        assertTrue(file.body().lines().count() > 100 && file.body().contains("unit1.coal.total"), file.body().substring(0, 200));

        JsonNode backup = api.awaitEnd(ok(api.send("POST", "/api/jobs", admin, "{\"kind\":\"backup\"}"), 202).path("id").asLong());
        assertEquals("DONE", backup.path("state").asText(), backup.toString());
        assertTrue(backup.path("outcome").asText().startsWith("backup in "), backup.toString());
        JsonNode second = api.awaitEnd(ok(api.send("POST", "/api/jobs", admin, "{\"kind\":\"backup\"}"), 202).path("id").asLong());
        assertEquals("DONE", second.path("state").asText(), "a second backup goes into a folder of its own: " + second);
        assertFalse(second.path("outcome").asText().equals(backup.path("outcome").asText()), second.toString());

        JsonNode days = api.awaitEnd(ok(api.send("POST", "/api/jobs", admin,
                "{\"kind\":\"recompute\",\"from\":\"2026-05-30\",\"to\":\"2026-05-31\"}"), 202).path("id").asLong());
        assertEquals("DONE", days.path("state").asText(), days.toString());
        assertTrue(days.path("outcome").asText().startsWith("2 day(s) recomputed"), days.toString());

        JsonNode longOne = ok(api.send("POST", "/api/jobs", admin, "{\"kind\":\"recompute\",\"from\":\"2017-01-01\",\"to\":\"2026-05-31\"}"), 202);
        JsonNode same = ok(api.send("POST", "/api/jobs", admin, "{\"kind\":\"recompute\",\"from\":\"2017-01-01\",\"to\":\"2026-05-31\"}"), 200);
        assertTrue(same.path("existing").asBoolean(), "the same job while it runs is that job: " + same);
        assertEquals(longOne.path("id"), same.path("id"));
        assertEquals(403, api.send("POST", "/api/jobs/" + longOne.path("id").asLong() + "/cancel", viewer, "{}").statusCode());
        ok(api.send("POST", "/api/jobs/" + longOne.path("id").asLong() + "/cancel", admin, "{}"), 200);
        JsonNode cancelled = api.awaitEnd(longOne.path("id").asLong());
        assertEquals("CANCELLED", cancelled.path("state").asText(), cancelled.toString());
        assertTrue(cancelled.path("progress").asDouble() < 1, cancelled.toString());

        assertEquals(403, api.send("POST", "/api/jobs", viewer, "{\"kind\":\"backup\"}").statusCode());
        refused(api.send("POST", "/api/jobs", admin, "{\"kind\":\"recompute\",\"from\":\"2026-05-31\",\"to\":\"2026-06-01\"}"), 400, "to",
                "still open");
        refused(api.send("POST", "/api/jobs", admin, "{\"kind\":\"recompute\",\"from\":\"May\",\"to\":\"2026-05-31\"}"), 400, "from",
                "not a day");
        refused(api.send("POST", "/api/jobs", admin, "{\"kind\":\"defrag\"}"), 400, "kind", "recompute, export, import, backup, restore");
        refused(api.send("POST", "/api/jobs", admin, "{\"kind\":\"import\",\"data\":\"readings\",\"file\":\"../site.yaml\"}"), 400,
                "file", "no directories");
        refused(api.send("POST", "/api/jobs", admin, "{\"kind\":\"export\",\"data\":\"alerts\",\"from\":\"2026-06-01\",\"to\":\"2026-06-02\"}"),
                400, "data", "readings or results");
        refused(api.send("GET", "/api/jobs/4242", viewer, null), 404, "id", "no job 4242");
        refused(api.send("GET", "/api/jobs/" + backup.path("id").asLong() + "/file", viewer, null), 409, "id", "only a finished export");
    }

    private HttpResponse<String> upload(String query, String auth, String contentType, String file) throws Exception {
        return api.http.send(HttpRequest.newBuilder(URI.create(api.base + "/api/imports?" + query)).timeout(Duration.ofSeconds(30))
                .header("Authorization", auth).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(file)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anUploadedFileIsCheckedThenImportedAsAJobAndABadOneIsNotKept() throws Exception {
        JsonNode export = api.awaitEnd(ok(api.send("POST", "/api/jobs", admin, "{\"kind\":\"export\",\"data\":\"readings\","
                + "\"from\":\"2026-06-01T08:00\",\"to\":\"2026-06-01T08:01\",\"format\":\"csv\"}"), 202).path("id").asLong());
        String exported = api.send("GET", "/api/jobs/" + export.path("id").asLong() + "/file", viewer, null).body();
        List<String> lines = exported.lines().toList();
        String header = lines.get(0);
        String row = lines.get(1);
        assertTrue(row.contains("2026-06-01T"), row);
        String moved = header + "\n" + row.replace("2026-06-01T", "2026-05-01T") + "\n";
        Path imports = dir.resolve("data").resolve("imports");

        JsonNode again = ok(upload("data=readings&name=again.csv", admin, "text/csv", exported), 202);
        JsonNode againDone = api.awaitEnd(again.path("id").asLong());
        assertEquals("DONE", againDone.path("state").asText(), againDone.toString());
        assertTrue(againDone.path("outcome").asText().matches((lines.size() - 1) + " row\\(s\\): 0 stored, 0 revised, \\d+ unchanged"),
                againDone.toString());

        JsonNode one = api.awaitEnd(ok(upload("data=readings&name=may.csv", admin, "application/octet-stream", moved), 202).path("id").asLong());
        assertEquals("1 row(s): 1 stored, 0 revised, 0 unchanged", one.path("outcome").asText(), one.toString());
        assertTrue(java.nio.file.Files.isRegularFile(imports.resolve("may.csv")));
        JsonNode repeat = ok(upload("data=readings&name=may.csv", admin, "text/csv", moved), 202);
        assertEquals("1 row(s): 0 stored, 0 revised, 1 unchanged", api.awaitEnd(repeat.path("id").asLong()).path("outcome").asText());

        String bad = header + "\n" + row.replace("2026-06-01T", "yesterday ") + "\n";
        refused(upload("data=readings&name=bad.csv", admin, "text/csv", bad), 400, "body", "bad.csv:2:");
        assertFalse(java.nio.file.Files.exists(imports.resolve("bad.csv")), "a bad file is not kept");
        try (var left = java.nio.file.Files.list(imports)) {
            assertEquals(List.of("again.csv", "may.csv"), left.map(f -> f.getFileName().toString()).sorted().toList(),
                    "no upload left behind");
        }
        refused(upload("data=readings&name=may.csv", admin, "text/csv", exported), 409, "name", "another file named may.csv");
        refused(upload("data=readings&name=..%2Fsite.csv", admin, "text/csv", moved), 400, "name", "no directories");
        refused(upload("data=alerts&name=x.csv", admin, "text/csv", moved), 400, "data", "readings or results");
        refused(upload("name=x.csv", admin, "text/csv", moved), 400, "data", "readings or results");
        refused(upload("data=readings", admin, "text/csv", moved), 400, "name", "is required");
        refused(upload("data=readings&name=x.csv", admin, "application/x-www-form-urlencoded", moved), 400, "body", "Content-Type");
        refused(upload("data=readings&name=empty.csv", admin, "text/csv", ""), 400, "body", "empty");
        refused(upload("data=readings&name=x.csv&file=y", admin, "text/csv", moved), 400, "file", "unknown parameter");
        assertEquals(403, upload("data=readings&name=viewer.csv", viewer, "text/csv", moved).statusCode());
        assertFalse(java.nio.file.Files.exists(imports.resolve("viewer.csv")));
        List<AuditEntry> refusedUploads = terminal.audit().query(AuditQuery.all().type("import.upload").outcome(AuditOutcome.FAILURE)
                .page(0, 10), new AuditActor("test", "auditor", "local")).entries();
        assertEquals(1, refusedUploads.size(), refusedUploads.toString());
        assertTrue(refusedUploads.get(0).event().detail().contains("bad.csv:2"), refusedUploads.toString());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
