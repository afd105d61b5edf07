package io.tanhe.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tanhe.server.recompute.LatePlant;
import io.tanhe.server.security.access.Role;
import io.tanhe.server.terminal.Terminal;
import io.tanhe.server.terminal.lifecycle.SignedPackages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The configuration routes on a running terminal: push a signed package, read the review, stage, activate, the log. */
@Timeout(180)
class ConfigRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void anAdministratorPushesReviewsStagesAndActivatesAViewerMayNot() throws Exception {
        SignedPackages.trust(dir.resolve("data"), false);
        try (Terminal t = LatePlant.open(dir.resolve("site"), dir.resolve("data"), Duration.ofMillis(50))) {
            LatePlant.deliver(t, LatePlant.yesterdayEvening());
            TestSecurity security = new TestSecurity(t.store());
            ApiServer api = ApiServer.start(ApiBinding.plain("127.0.0.1", 0), new ApiServer.Sources(t.site(), t.store(),
                    TerminalApi.status(t), t.audit(), new LifecycleSource(t.lifecycle())), security.access);
            try {
                String admin = security.token(Role.SYSTEM_ADMINISTRATOR);
                String viewer = security.token(Role.VIEWER);
                byte[] pkg = SignedPackages.oxidation(dir.resolve("work"), "2026.1", "98", SignedPackages.AUTHOR).toBytes();

                assertEquals(403, post(api, viewer, "/api/config/packages", pkg, "application/octet-stream").statusCode());
                HttpResponse<String> pushed = post(api, admin, "/api/config/packages", pkg, "application/octet-stream");
                assertEquals(200, pushed.statusCode(), pushed.body());
                JsonNode p = JSON.readTree(pushed.body());
                assertEquals("reviewed", p.path("state").asText(), pushed.body());
                assertTrue(p.path("signatures").asText().contains("Li Wei (accountant)"), pushed.body());
                assertTrue(p.path("review").path("totals").isArray(), pushed.body());
                long id = p.path("id").asLong();

                HttpResponse<String> early = post(api, admin, "/api/config/versions/" + id + "/activate", new byte[0], "application/json");
                assertEquals(409, early.statusCode(), "a reviewed package is staged first: " + early.body());
                HttpResponse<String> badTime = post(api, admin, "/api/config/versions/" + id + "/stage",
                        "{\"effective_from\":\"yesterday\"}".getBytes(), "application/json");
                assertEquals(400, badTime.statusCode(), badTime.body());
                HttpResponse<String> staged = post(api, admin, "/api/config/versions/" + id + "/stage",
                        "{\"effective_from\":\"2025-10-02\"}".getBytes(), "application/json");
                assertEquals("staged", JSON.readTree(staged.body()).path("state").asText(), staged.body());
                HttpResponse<String> activated = post(api, admin, "/api/config/versions/" + id + "/activate", new byte[0], "application/json");
                assertEquals("self-test", JSON.readTree(activated.body()).path("state").asText(), activated.body());

                HttpResponse<String> log = http.send(HttpRequest.newBuilder(URI.create(api.address() + "/api/config/versions"))
                        .header("Authorization", "Bearer " + admin).GET().build(), HttpResponse.BodyHandlers.ofString());
                JsonNode versions = JSON.readTree(log.body());
                assertEquals(id, versions.path("packages").get(0).path("id").asLong());
                assertTrue(versions.path("log").size() >= 9, log.body());
                assertTrue(versions.path("log").get(0).path("actor").asText().startsWith("token:sysadmin-"), log.body());
                assertTrue(security.events("access.refused").size() >= 1, "the viewer's refusal is audited");
            } finally {
                api.stop();
            }
        }
    }

    private HttpResponse<String> post(ApiServer api, String token, String path, byte[] body, String type) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(api.address() + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
