package io.tanhe.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tanhe.server.security.access.Role;
import io.tanhe.server.site.SiteLoader;
import io.tanhe.server.terminal.DemoRuns;
import io.tanhe.server.terminal.Terminal;
import io.tanhe.sim.demo.SimulatedType;
import org.junit.jupiter.api.Tag;
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
import java.time.Clock;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The site file routes on a running terminal: dry run, refusals with their field, push, the versions, rollback; roles. */
@Tag("slow") // a demo terminal and several site file reads: 30-50 s on the shared machine
@Timeout(120)
class SiteRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void anAdministratorPushesASiteFileOthersMayNot() throws Exception {
        Path data = dir.resolve("data");
        try (Terminal t = DemoRuns.open(dir.resolve("site"), data, UnaryOperator.identity(), DemoRuns.settings(data)
                .withSiteLoader(new SiteLoader(Clock.systemUTC()).with(new SimulatedType())))) {
            t.createAcquisition(new io.tanhe.sim.SimulatedClock(DemoRuns.START, t.site().zone())); // devices to restart
            TestSecurity security = new TestSecurity(t.store());
            ApiServer api = ApiServer.start(ApiBinding.plain("127.0.0.1", 0), new ApiServer.Sources(t.site(), t.store(),
                    TerminalApi.status(t), t.audit(), new LifecycleSource(t.lifecycle(), t.siteVersions())), security.access);
            try {
                String admin = security.token(Role.SYSTEM_ADMINISTRATOR);
                String viewer = security.token(Role.VIEWER);
                String secop = security.token(Role.SECURITY_OPERATOR);
                String file = Files.readString(dir.resolve("site/demo-site/site.yaml"));
                String candidate = file.replace("start: 125000", "start: 500000");

                assertEquals(403, post(api, viewer, "/api/site", candidate).statusCode());
                assertEquals(403, post(api, secop, "/api/site", candidate).statusCode());
                assertEquals(403, get(api, viewer, "/api/site/versions").statusCode());

                HttpResponse<String> dry = post(api, admin, "/api/site?dry_run=true", candidate);
                assertEquals(200, dry.statusCode(), dry.body());
                JsonNode plan = JSON.readTree(dry.body());
                assertEquals("coal-scale-1", plan.path("plan").path("devicesChanged").get(0).asText(), dry.body());
                assertTrue(plan.path("version").isNull(), "a dry run stores nothing: " + dry.body());

                HttpResponse<String> unknown = post(api, admin, "/api/site", file.replace("late_window: 1h", "late_window: 1h\nlate_windw: 2h"));
                assertEquals(400, unknown.statusCode(), unknown.body());
                assertTrue(unknown.body().contains("late_windw"), unknown.body());
                HttpResponse<String> restart = post(api, admin, "/api/site", file.replace("close_after: 2min", "close_after: 3min"));
                assertEquals(400, restart.statusCode(), restart.body());
                assertTrue(restart.body().contains("cannot change close_after on a running terminal"), restart.body());

                HttpResponse<String> pushed = post(api, admin, "/api/site", candidate);
                assertEquals(200, pushed.statusCode(), pushed.body());
                assertEquals(2, JSON.readTree(pushed.body()).path("version").asInt(), pushed.body());
                assertEquals("device coal-scale-1", JSON.readTree(pushed.body()).path("restarted").get(0).asText(), pushed.body());

                HttpResponse<String> back = http.send(HttpRequest.newBuilder(URI.create(api.address() + "/api/site/rollback"))
                        .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"to\": 1}")).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, back.statusCode(), back.body());
                assertEquals(3, JSON.readTree(back.body()).path("version").asInt(), back.body());

                JsonNode versions = JSON.readTree(get(api, admin, "/api/site/versions").body());
                assertEquals(3, versions.path("running").asInt(), versions.toString());
                assertEquals(3, versions.path("versions").size());
                assertTrue(versions.path("versions").get(2).path("note").asText().contains("rollback to version 1"), versions.toString());
                assertEquals(file, t.site().text(), "version 1's text runs again");
            } finally {
                api.stop();
            }
        }
    }

    private HttpResponse<String> get(ApiServer api, String token, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(api.address() + path)).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(ApiServer api, String token, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(api.address() + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/yaml").POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
