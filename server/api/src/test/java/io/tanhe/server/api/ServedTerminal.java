package io.tanhe.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tanhe.server.security.access.Role;
import io.tanhe.server.terminal.Terminal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A terminal's API served over real HTTP on a free loopback port, for the route tests: tokens of any role, and short
 * ways to call a route and check its answer.
 */
final class ServedTerminal {
    private static final ObjectMapper JSON = new ObjectMapper();

    final TestSecurity security;
    /** The address, e.g. {@code http://127.0.0.1:40123}. */
    final String base;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** A viewer's token, to follow jobs. */
    private final String reader;

    ServedTerminal(Terminal terminal) {
        security = new TestSecurity(terminal.store());
        base = TerminalApi.start(terminal, ApiBinding.plain("127.0.0.1", 0), security.access);
        reader = bearer(Role.VIEWER);
    }

    /** An {@code Authorization} header value with a fresh token of {@code role}. */
    String bearer(Role role) {
        return "Bearer " + security.token(role);
    }

    /** Calls {@code method path} with {@code auth} and, when given, the JSON body {@code json}. */
    HttpResponse<String> send(String method, String path, String auth, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", auth)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Waits up to a minute for job {@code id} to end; its last state. */
    JsonNode awaitEnd(long id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode job = ok(send("GET", "/api/jobs/" + id, reader, null), 200);
        while (List.of("QUEUED", "RUNNING").contains(job.path("state").asText()) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            job = ok(send("GET", "/api/jobs/" + id, reader, null), 200);
        }
        return job;
    }

    /** The answer's JSON body, after checking its status. */
    static JsonNode ok(HttpResponse<String> r, int status) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    /** Checks a refusal: its status, the parameter it names and words of its error. */
    static void refused(HttpResponse<String> r, int status, String parameter, String saying) throws Exception {
        JsonNode body = ok(r, status);
        assertEquals(parameter, body.path("parameter").asText(), r.body());
        assertTrue(body.path("error").asText().contains(saying), r.body());
    }
}
