package io.tanhe.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tanhe.server.terminal.DemoRuns;
import io.tanhe.server.terminal.Terminal;
import io.tanhe.server.terminal.TerminalSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real HTTP calls to the API of a terminal that ran the demo for 20 simulated minutes, on a free loopback port. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class ApiServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private Terminal terminal;
    private String base;
    private String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void runTheDemo() throws Exception {
        Path data = dir.resolve("data");
        TerminalSettings settings = DemoRuns.settings(data);
        // a gas-flow limit always exceeded and a short escalation: the alert is raised at about 08:01 and escalates 5 min later
        terminal = DemoRuns.open(dir.resolve("site"), data, s -> s.replace("limit: 46000", "limit: 30000")
                .replace("clear: 45000", "clear: 29000").replace("escalate_after: 1h", "escalate_after: 5min"), settings);
        DemoRuns.simulate(terminal, DemoRuns.START, Duration.ofMinutes(20));
        java.time.Instant end = DemoRuns.START.plus(Duration.ofMinutes(20)).minusSeconds(5);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while ((terminal.stats().watermark() == null || terminal.stats().watermark().isBefore(end)) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(1_000); // a few flushes (every 200 ms) after the last reading was evaluated
        TestSecurity security = new TestSecurity(terminal.store());
        token = security.token(io.tanhe.server.security.access.Role.VIEWER);
        base = TerminalApi.start(terminal, ApiBinding.plain("127.0.0.1", 0), security.access);
        assertTrue(base.startsWith("http://127.0.0.1:"), base);
    }

    @AfterAll
    void stop() {
        terminal.close();
    }

    @Test
    void statusNamesTheSiteMethodologyStoreAndIntake() throws Exception {
        JsonNode status = get("/api/status", 200);
        assertEquals("demo-plant", status.path("site").path("id").asText());
        assertEquals("cn.power-generation", status.path("methodology").path("id").asText());
        assertEquals("OK", status.path("store").path("state").asText());
        assertTrue(status.path("readings").path("acknowledged").asLong() > 900, status.toString());
        assertTrue(status.path("currentHour").path("value").asDouble() > 200, status.toString());
    }

    @Test
    void resultsOfANodeAtAGrainInARange() throws Exception {
        JsonNode page = get("/api/results?node=E&grain=minute&from=" + enc("2026-06-01T08:00") + "&to=" + enc("2026-06-01T08:10"), 200);
        assertEquals(10, page.path("count").asInt(), page.toString());
        JsonNode first = page.path("rows").get(0);
        assertEquals("2026-06-01T00:00:00Z", first.path("start").asText());
        assertEquals("tCO2", first.path("unit").asText());
        assertTrue(first.path("value").asDouble() > 10 && first.path("value").asDouble() < 18, first.toString());
        JsonNode gas = get("/api/results?node=gas_combustion&grain=15min&key=" + enc("gt1,natural_gas") + "&from=2026-06-01", 200);
        assertEquals(1, gas.path("count").asInt(), gas.toString());
    }

    @Test
    void readingsOfAPointAndOpenAlerts() throws Exception {
        JsonNode page = get("/api/readings?point=unit1.coal.total&from=" + enc("2026-06-01T08:00") + "&to=" + enc("2026-06-01T08:01"), 200);
        assertEquals(11, page.path("count").asInt(), "polls at :05 … :55: " + page);
        assertEquals("MEASURED", page.path("rows").get(0).path("quality").asText());
        JsonNode alerts = get("/api/alerts?state=all", 200);
        assertEquals("all", alerts.path("state").asText());
    }

    @Test
    void alertsShowTheirCurrentSeverityAndWhenTheyEscalated() throws Exception {
        JsonNode alerts = get("/api/alerts?state=open", 200);
        JsonNode gas = null;
        for (JsonNode a : alerts.path("alerts")) {
            if (a.path("rule").asText().equals("threshold/gt1-gas-flow-high")) {
                gas = a;
            }
        }
        assertTrue(gas != null, alerts.toString());
        assertEquals("MAJOR", gas.path("severity").asText(), gas.toString());
        assertEquals("WARNING", gas.path("raisedSeverity").asText(), gas.toString());
        assertEquals(java.time.Instant.parse(gas.path("raisedAt").asText()).plus(Duration.ofMinutes(5)),
                java.time.Instant.parse(gas.path("escalatedAt").asText()), gas.toString());
        assertTrue(gas.path("acknowledgedAt").isNull(), gas.toString());
    }

    @Test
    void requestsThatWouldChangeSomethingGet405AndChangeNothing() throws Exception {
        for (String method : new String[] {"POST", "PUT", "DELETE", "PATCH"}) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/alerts"))
                    .header("Authorization", "Bearer " + token).method(method, HttpRequest.BodyPublishers.ofString("{\"state\":\"cleared\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(405, r.statusCode(), method + " -> " + r.body());
            assertEquals("GET, HEAD", r.headers().firstValue("Allow").orElse(""));
            assertTrue(JSON.readTree(r.body()).path("error").asText().contains("read-only"), r.body());
        }
        assertTrue(get("/api/alerts?state=open", 200).path("count").asInt() > 0, "the alerts are still open");
    }

    @Test
    void badParametersGet400NamingTheParameter() throws Exception {
        assertBad("/api/results?grain=hour", "node", "required");
        assertBad("/api/results?node=EE&grain=hour", "node", "did you mean `E`?");
        assertBad("/api/results?node=E&grain=fortnight", "grain", "unknown grain `fortnight`");
        assertBad("/api/results?node=E&grain=hour&from=yesterday", "from", "is not a time");
        assertBad("/api/results?node=E&grain=hour&from=2026-06-02&to=2026-06-01", "to", "must be after");
        get("/api/results?node=coal_carbon&grain=month", 200); // a ratio's month is stored now, rolled up from its operands
        assertBad("/api/readings?point=unit1.coal.totl", "point", "did you mean `unit1.coal.total`?");
        assertBad("/api/alerts?state=burning", "state", "not an alert state");
        assertBad("/api/alerts?state=all&from=" + enc("2026-13-01"), "from", "is not a time");
        assertBad("/api/alerts?state=%00%ff", "state", "not an alert state");
        assertBad("/api/report?grain=hour", "from", "required");
        assertBad("/api/report?grain=hour&from=2026-06-01&format=docx", "format", "unknown report format `docx`");
        assertBad("/api/report?grain=hour&from=2026-06-02&to=2026-06-01", "to", "must be after");
        assertEquals(404, http.send(HttpRequest.newBuilder(URI.create(base + "/api/nothing")).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void outOfRangeTimesAre400NamingTheParameter() throws Exception {
        assertBad("/api/results?node=E&from=%2B999999999-12-31T23:59", "from", "outside the times a terminal holds");
        assertBad("/api/report?grain=year&from=-999999999-01-01&to=%2B999999999-12-31", "from", "outside the times a terminal holds");
        assertBad("/api/report?grain=year&from=2026-01-01&to=%2B999999999-12-31", "to", "outside the times a terminal holds");
        assertBad("/api/readings?point=unit1.coal.total&from=1969-12-31", "from", "outside the times a terminal holds");
    }

    @Test
    void unknownKeyIs400WithTheMembersAndADidYouMean() throws Exception {
        assertBad("/api/results?node=gas_combustion&grain=15min&key=" + enc("gt1,natural_gaz") + "&from=2026-06-01", "key",
                "did you mean `natural_gas`?");
        assertBad("/api/results?node=gas_combustion&grain=15min&key=" + enc("gt9,natural_gas") + "&from=2026-06-01", "key",
                "members: unit1, gt1");
        assertBad("/api/results?node=gas_combustion&key=gt1", "key", "names one member of each of its sets");
        assertBad("/api/results?node=E&key=coal", "key", "`E` is not indexed");
    }

    @Test
    void unknownOrRepeatedParametersAre400WithADidYouMean() throws Exception {
        assertBad("/api/results?node=E&grian=hour", "grian", "did you mean `grain`?");
        assertBad("/api/status?verbose=1", "verbose", "it takes none");
        assertBad("/api/results?node=E&node=P", "node", "given 2 times");
    }

    @Test
    void monthQuarterAndYearAreAcceptedForCoarseReports() throws Exception {
        String[][] same = {{"2026-06", "2026-06-01"}, {"2026-Q2", "2026-04-01"}, {"2026", "2026-01-01"}};
        for (String[] pair : same) {
            String coarse = report("/api/report?grain=month&format=csv&from=" + pair[0]);
            assertTrue(coarse.startsWith("bucket_start,bucket_end,class,scope,source,value,unit,quality,completeness\n"), coarse);
            assertEquals(report("/api/report?grain=month&format=csv&from=" + pair[1]), coarse, pair[0]);
        }
    }

    private String report(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + " -> " + r.body());
        return r.body();
    }

    @Test
    void theReportIsTheTextTheCliPrints() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/report?grain=15min&from="
                + enc("2026-06-01T08:00") + "&to=" + enc("2026-06-01T08:15") + "&format=csv"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        assertTrue(r.body().startsWith("bucket_start,bucket_end,class,scope,source,value,unit,quality,completeness\n"), r.body());
        assertTrue(r.body().contains("2026-06-01T00:00:00Z,2026-06-01T00:15:00Z,total,,E,"), r.body());
    }

    @Test
    void theWorkbookReportHoldsTheFigureTheResultsEndpointGives() throws Exception {
        JsonNode quarter = get("/api/results?node=E&grain=15min&from=" + enc("2026-06-01T08:00") + "&to=" + enc("2026-06-01T08:15"), 200);
        double e = quarter.path("rows").get(0).path("value").asDouble();
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/report?grain=15min&from="
                + enc("2026-06-01T08:00") + "&to=" + enc("2026-06-01T08:15") + "&format=xlsx")).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        assertEquals("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", r.headers().firstValue("Content-Type").orElse(""));
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(r.body()))) {
            double shown = Double.NaN;
            for (var row : book.getSheet("汇总")) {
                if (row.getCell(0) != null && row.getCell(0).getStringCellValue().endsWith("（E）")) {
                    shown = row.getCell(1).getNumericCellValue();
                }
            }
            assertEquals(e, shown, 1e-9, "the workbook's total is the API's figure, as a number");
        }
    }

    @Test
    void theAnnualReportIsADownloadAndItsParametersAreChecked() throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/report/annual?year=2026")).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        assertEquals("application/pdf", r.headers().firstValue("Content-Type").orElse(""));
        assertTrue(r.headers().firstValue("Content-Disposition").orElse("").contains("demo-plant-2026.pdf"));
        assertEquals("%PDF", new String(r.body(), 0, 4, StandardCharsets.US_ASCII));
        assertBad("/api/report/annual?year=twenty", "year", "is not a year");
        assertBad("/api/report/annual", "year", "required");
        assertBad("/api/report/annual?year=2026&format=csv", "format", "use format=pdf or format=xlsx");
        assertBad("/api/report/annual?year=2026&yaer=1", "yaer", "takes year and format");
    }

    @Test
    void aPdfWithoutAChineseFontIsA503SayingWhatToInstall() throws Exception {
        System.setProperty("tanhe.report.font", "/nonexistent/no-such-font.ttc");
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/report/annual?year=2026"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(503, r.statusCode(), r.body());
            assertTrue(r.body().contains("cannot render PDF") && r.body().contains("no-such-font.ttc")
                    && r.body().contains("format=xlsx"), r.body());
            HttpResponse<byte[]> xlsx = http.send(HttpRequest.newBuilder(URI.create(base + "/api/report/annual?year=2026&format=xlsx"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, xlsx.statusCode(), "the workbook needs no font");
        } finally {
            System.clearProperty("tanhe.report.font");
        }
    }

    @Test
    void theAnalysisGivesEveryMonthBothScopesAndNullWhereThereIsNoBase() throws Exception {
        JsonNode a = get("/api/analysis?year=2026", 200);
        assertEquals(2026, a.path("year").asInt());
        assertEquals(12, a.path("months").size());
        JsonNode june = a.path("months").get(5);
        assertEquals(6, june.path("month").asInt());
        // the running terminal has not closed June 1 yet: months are sums of stored days (the annual test covers figures)
        assertTrue(june.path("yearOnYear").isNull(), "2025 has no data: " + june);
        assertEquals(List.of("直接排放", "间接排放"), List.of(a.path("scopes").get(0).path("name").asText(),
                a.path("scopes").get(1).path("name").asText()));
        assertBad("/api/analysis", "year", "required");
        assertBad("/api/analysis?year=2026&format=pdf", "format", "takes year");
    }

    private void assertBad(String path, String parameter, String says) throws Exception {
        JsonNode body = get(path, 400);
        assertEquals(parameter, body.path("parameter").asText(), path + " -> " + body);
        assertTrue(body.path("error").asText().contains(says), path + " -> " + body);
    }

    private JsonNode get(String path, int status) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(status, r.statusCode(), path + " -> " + r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        return JSON.readTree(r.body());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
