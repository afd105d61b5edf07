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
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void runTheDemo() throws Exception {
        Path data = dir.resolve("data");
        TerminalSettings settings = DemoRuns.settings(data).withApi("127.0.0.1", 0);
        terminal = DemoRuns.open(dir.resolve("site"), data, UnaryOperator.identity(), settings);
        DemoRuns.simulate(terminal, DemoRuns.START, Duration.ofMinutes(20));
        Thread.sleep(500);
        base = terminal.apiAddress().orElseThrow();
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
    void badParametersGet400NamingTheParameter() throws Exception {
        assertBad("/api/results?grain=hour", "node", "required");
        assertBad("/api/results?node=EE&grain=hour", "node", "did you mean `E`?");
        assertBad("/api/results?node=E&grain=fortnight", "grain", "unknown grain `fortnight`");
        assertBad("/api/results?node=E&grain=hour&from=yesterday", "from", "is not a time");
        assertBad("/api/results?node=E&grain=hour&from=2026-06-02&to=2026-06-01", "to", "must be after");
        assertBad("/api/results?node=coal_carbon&grain=month", "grain", "not the sum of days");
        assertBad("/api/readings?point=unit1.coal.totl", "point", "did you mean `unit1.coal.total`?");
        assertBad("/api/alerts?state=burning", "state", "not an alert state");
        assertEquals(404, http.send(HttpRequest.newBuilder(URI.create(base + "/api/nothing")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    private void assertBad(String path, String parameter, String says) throws Exception {
        JsonNode body = get(path, 400);
        assertEquals(parameter, body.path("parameter").asText(), path + " -> " + body);
        assertTrue(body.path("error").asText().contains(says), path + " -> " + body);
    }

    private JsonNode get(String path, int status) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(status, r.statusCode(), path + " -> " + r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        return JSON.readTree(r.body());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
