package io.tanhe.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tanhe.server.report.document.PdfPages;
import io.tanhe.server.security.access.Role;
import io.tanhe.server.terminal.DemoRuns;
import io.tanhe.server.terminal.Terminal;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Verification findings end to end on a running demo terminal (power generation 2022): a coal lab report entered 45 days
 * after sampling (CETS-VG-01.01 表8/表9 allow 40) and the demo's gas meter, past its calibration since 2026-04-20
 * (3.4.1.1), are findings in {@code GET /api/findings} and in the periodic and annual reports, and not alerts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(240)
@Tag("slow") // opening the demo terminal: 38–58 s on the shared machine
class FindingsRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The demo's lab also enters the days from sampling to the coal lab report's issue, bound to coal_lab_report_days. */
    private static final String LAB_DAYS_SOURCE = "        - {id: unit1.coal.c_ar, unit: tC/t}\n        - {id: unit1.coal.lab_days, unit: d}\n";
    private static final String LAB_DAYS_POINT = "points:\n  - point: unit1.coal.lab_days\n    input: coal_lab_report_days\n    key: unit1\n"
            + "    period: month\n  - point: unit1.coal.total\n";

    @TempDir
    static Path dir;

    private Terminal terminal;
    private String base;
    private String viewer;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void runTheDemoAndEnterALateLabReport() throws Exception {
        Path data = dir.resolve("data");
        terminal = DemoRuns.open(dir.resolve("site"), data, s -> s
                .replace("        - {id: unit1.coal.c_ar, unit: tC/t}\n", LAB_DAYS_SOURCE)
                .replace("points:\n  - point: unit1.coal.total\n", LAB_DAYS_POINT), DemoRuns.settings(data));
        DemoRuns.simulate(terminal, DemoRuns.START, Duration.ofMinutes(10));
        TestSecurity security = new TestSecurity(terminal.store());
        String admin = "Bearer " + security.token(Role.SYSTEM_ADMINISTRATOR);
        viewer = "Bearer " + security.token(Role.VIEWER);
        base = TerminalApi.start(terminal, ApiBinding.plain("127.0.0.1", 0), security.access);
        HttpResponse<String> entered = send("POST", "/api/manual-entries", admin,
                "{\"point\":\"unit1.coal.lab_days\",\"period\":\"2026-06\",\"value\":45,\"unit\":\"d\",\"comment\":\"lab report No. 18\"}");
        assertEquals(201, entered.statusCode(), entered.body());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!findings().toString().contains("VG-01.01/V9") && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }

    @AfterAll
    void stop() {
        terminal.close();
    }

    private HttpResponse<String> send(String method, String path, String auth, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", auth)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode findings() throws Exception {
        HttpResponse<String> r = send("GET", "/api/findings?from=2026-06-01&to=2026-07-01", viewer, null);
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body()).path("findings");
    }

    private JsonNode only(JsonNode findings, String check) {
        JsonNode found = null;
        for (JsonNode f : findings) {
            if (f.path("check").asText().equals(check)) {
                assertTrue(found == null || !found.path("subject").asText().equals(f.path("subject").asText())
                        || !found.path("from").asText().equals(f.path("from").asText()), "one finding per subject and period: " + findings);
                found = found == null ? f : found;
            }
        }
        assertTrue(found != null, "a finding of " + check + " in " + findings);
        return found;
    }

    @Test
    void aLateLabReportAndAnOverdueMeterAreFindingsInTheApi() throws Exception {
        JsonNode all = findings();
        JsonNode lab = only(all, "VG-01.01/V9");
        assertEquals("coal_lab_report_days[unit1]", lab.path("subject").asText());
        assertEquals("CETS-VG-01.01 表8, 表9", lab.path("clause").asText());
        assertEquals(45, lab.path("measured").asDouble(), 1e-9);
        assertEquals("≤ 40 d", lab.path("bound").asText());
        assertFalse(lab.path("template").asBoolean(), "power generation's own guideline");
        JsonNode meter = only(all, "VG-01.01/V2");
        assertEquals("gas-meter-gt1", meter.path("subject").asText());
        assertEquals(42, meter.path("measured").asDouble(), 1e-9, "2026-04-20 to 2026-06-01: 42 days past due");
        assertTrue(meter.path("message").asText().contains("× 1.005"), "±0.5 % class: activity data × 1.005: " + meter);
        JsonNode byNode = JSON.readTree(send("GET", "/api/findings?node=coal_lab_report_days", viewer, null).body()).path("findings");
        assertEquals(1, byNode.size(), byNode.toString());
        HttpResponse<String> bad = send("GET", "/api/findings?limit=0", viewer, null);
        assertEquals(400, bad.statusCode(), bad.body());
        assertEquals(400, send("GET", "/api/findings?node=x&severity=major", viewer, null).statusCode(), "an unknown parameter is refused");
    }

    @Test
    void findingsAreNotAlerts() throws Exception {
        JsonNode alerts = JSON.readTree(send("GET", "/api/alerts?state=all", viewer, null).body()).path("alerts");
        for (JsonNode a : alerts) {
            assertFalse(a.path("message").asText().contains("核查发现"), "no alert carries a finding: " + a);
            assertFalse(a.path("rule").asText().contains("lab report"), "no alert from a verification rule: " + a);
        }
        assertTrue(alerts.toString().contains("calibration-overdue"), "the overdue meter's alert is the generic rule's, as before: " + alerts);
    }

    @Test
    void thePeriodicReportListsTheFindingsInItsTablePdfAndWorkbook() throws Exception {
        String range = "/api/report?grain=day&from=2026-06-01&to=2026-06-02";
        String table = send("GET", range + "&format=table", viewer, null).body();
        assertTrue(table.contains("verification findings") && table.contains("VG-01.01/V9") && table.contains("gas-meter-gt1"), table);
        HttpResponse<byte[]> pdf = http.send(HttpRequest.newBuilder(URI.create(base + range + "&format=pdf"))
                .header("Authorization", viewer).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, pdf.statusCode());
        String text = PdfPages.text(pdf.body()).replaceAll("\\s", ""); // table cells wrap
        assertTrue(text.contains("核查发现") && text.contains("VG-01.01/V9") && text.contains("CETS-VG-01.01"), text);
        HttpResponse<byte[]> xlsx = http.send(HttpRequest.newBuilder(URI.create(base + range + "&format=xlsx"))
                .header("Authorization", viewer).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, xlsx.statusCode());
        assertTrue(sheetHas(xlsx.body(), "VG-01.01/V9"));
    }

    @Test
    void theAnnualReportListsTheYearsFindings() throws Exception {
        HttpResponse<byte[]> xlsx = http.send(HttpRequest.newBuilder(URI.create(base + "/api/report/annual?year=2026&format=xlsx"))
                .header("Authorization", viewer).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, xlsx.statusCode());
        assertTrue(sheetHas(xlsx.body(), "VG-01.01/V2"));
    }

    private static boolean sheetHas(byte[] workbook, String text) throws Exception {
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(workbook))) {
            Sheet sheet = book.getSheet("核查发现");
            assertTrue(sheet != null, "a sheet 核查发现");
            for (Row row : sheet) {
                if (row.getCell(0) != null && row.getCell(0).toString().startsWith(text)) {
                    return true;
                }
            }
            return false;
        }
    }
}
