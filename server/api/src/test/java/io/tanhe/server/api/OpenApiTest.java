package io.tanhe.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.router.ParsedEndpoint;
import io.tanhe.server.security.access.Permission;
import io.tanhe.server.security.access.Role;
import io.tanhe.server.terminal.DemoRuns;
import io.tanhe.server.terminal.Terminal;
import io.tanhe.server.terminal.operations.Operations;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /api/openapi.json} against the routes the API really holds: every route documented, every documented
 * route there, each with its path parameters, its error answers, and the query parameters its route takes (a
 * documented one is not refused as unknown; an undocumented one is).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class OpenApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private Terminal terminal;
    private ApiServer api;
    private final Map<Role, String> tokens = new EnumMap<>(Role.class);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void start() {
        Path data = dir.resolve("data");
        terminal = DemoRuns.open(dir.resolve("site"), data, s -> s, DemoRuns.settings(data));
        TestSecurity security = new TestSecurity(terminal.store());
        for (Role r : Role.values()) {
            tokens.put(r, security.token(r));
        }
        api = ApiServer.start(ApiBinding.plain("127.0.0.1", 0), TerminalApi.sources(terminal), security.access,
                TerminalApi.extensions(Operations.of(terminal)));
    }

    @AfterAll
    void stop() {
        api.stop();
        terminal.close();
    }

    private HttpResponse<String> get(String path, Role role) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(api.address() + path)).header("Authorization", "Bearer " + tokens.get(role))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode document() throws Exception {
        HttpResponse<String> r = get("/api/openapi.json", Role.VIEWER);
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    @Test
    void everyRouteIsDocumentedAndEveryDocumentedRouteExists() throws Exception {
        JsonNode doc = document();
        assertEquals("3.0.3", doc.path("openapi").asText());
        Set<String> routes = new TreeSet<>();
        for (ParsedEndpoint e : api.javalin().unsafeConfig().pvt.internalRouter.allHttpHandlers()) {
            String method = e.getEndpoint().getMethod().name();
            if (!method.startsWith("BEFORE") && !method.startsWith("AFTER")) {
                routes.add(method + " " + e.getEndpoint().getPath());
            }
        }
        Set<String> documented = new TreeSet<>();
        doc.path("paths").fields().forEachRemaining(p -> p.getValue().fieldNames()
                .forEachRemaining(m -> documented.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey())));
        assertEquals(routes, documented, "routes (left) and documented operations (right) differ");
    }

    @Test
    void everyOperationNamesItsPermissionPathParametersAndErrors() throws Exception {
        List<String> wrong = new ArrayList<>();
        JsonNode doc = document();
        doc.path("paths").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(m -> {
            String name = m.getKey().toUpperCase(Locale.ROOT) + " " + p.getKey();
            JsonNode op = m.getValue();
            String permission = op.path("x-permission").asText();
            if (!permission.equals("anyone")) {
                try {
                    Permission.valueOf(permission.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    wrong.add(name + ": x-permission " + permission + " is no permission");
                }
                for (String status : List.of("400", "401", "403", "500")) {
                    if (!op.path("responses").has(status)) {
                        wrong.add(name + ": no " + status + " answer");
                    }
                }
            }
            java.util.regex.Matcher pp = java.util.regex.Pattern.compile("\\{(\\w+)}").matcher(p.getKey());
            while (pp.find()) {
                boolean declared = false;
                for (JsonNode param : op.path("parameters")) {
                    declared |= param.path("in").asText().equals("path") && param.path("name").asText().equals(pp.group(1));
                }
                if (!declared) {
                    wrong.add(name + ": path parameter " + pp.group(1) + " not declared");
                }
            }
        }));
        assertEquals(List.of(), wrong);
    }

    @Test
    void theDocumentedQueryParametersAreTheOnesEachRouteTakes() throws Exception {
        List<String> wrong = new ArrayList<>();
        JsonNode doc = document();
        var paths = doc.path("paths").fields();
        while (paths.hasNext()) {
            var p = paths.next();
            JsonNode op = p.getValue().path("get");
            if (op.isMissingNode() || p.getKey().contains("{")) {
                continue;
            }
            Role role = roleFor(op.path("x-permission").asText());
            for (JsonNode param : op.path("parameters")) {
                if (!param.path("in").asText().equals("query")) {
                    continue;
                }
                String n = param.path("name").asText();
                HttpResponse<String> r = get(p.getKey() + "?" + n + "=x", role);
                if (r.statusCode() == 400 && r.body().matches(".*unknown (query )?parameter.*") && JSON.readTree(r.body()).path("parameter").asText().equals(n)) {
                    wrong.add("GET " + p.getKey() + " refuses its documented parameter " + n + ": " + r.body());
                }
            }
            HttpResponse<String> undocumented = get(p.getKey() + "?undocumented=1", role);
            boolean refuses = undocumented.statusCode() == 400
                    && JSON.readTree(undocumented.body()).path("parameter").asText().equals("undocumented");
            boolean takesNone = !op.has("parameters");
            if (!refuses && !takesNone) {
                wrong.add("GET " + p.getKey() + " takes an undocumented parameter: " + undocumented.statusCode());
            }
        }
        assertEquals(List.of(), wrong);
    }

    private static Role roleFor(String permission) {
        if (permission.equals("anyone")) {
            return Role.VIEWER;
        }
        Permission p = Permission.valueOf(permission.toUpperCase(Locale.ROOT));
        for (Role r : List.of(Role.VIEWER, Role.SYSTEM_ADMINISTRATOR, Role.SECURITY_OPERATOR, Role.SECURITY_AUDITOR)) {
            if (p.grantedTo(r)) {
                return r;
            }
        }
        throw new AssertionError(permission);
    }
}
