package io.tanhe.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.router.ParsedEndpoint;
import io.tanhe.server.security.access.Actor;
import io.tanhe.server.security.access.Cidr;
import io.tanhe.server.security.access.Permission;
import io.tanhe.server.security.access.Role;
import io.tanhe.server.security.audit.AuditEvent;
import io.tanhe.server.security.audit.AuditOutcome;
import io.tanhe.server.terminal.DemoRuns;
import io.tanhe.server.terminal.Terminal;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The API's access control over real HTTP: every registered route × every role (401 without credentials,
 * 403 for a role without the route's permission), sessions with their cookie, the forced password change,
 * address allow-lists, CORS closed, and the audit of each refusal.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class ApiAccessTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private Terminal terminal;
    private ApiServer api;
    private TestSecurity security;
    private final Map<Role, String> tokens = new EnumMap<>(Role.class);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void start() {
        Path data = dir.resolve("data");
        terminal = DemoRuns.open(dir.resolve("site"), data, s -> s, DemoRuns.settings(data));
        security = new TestSecurity(terminal.store());
        for (Role r : Role.values()) {
            tokens.put(r, security.token(r));
        }
        api = ApiServer.start(ApiBinding.plain("127.0.0.1", 0), TerminalApi.sources(terminal), security.access,
                TerminalApi.extensions(io.tanhe.server.terminal.operations.Operations.of(terminal)));
    }

    @AfterAll
    void stop() {
        api.stop();
        terminal.close();
    }

    /** Every route Javalin holds, with the one {@link RouteAccess} it declares. */
    private List<ParsedEndpoint> routes() {
        return api.javalin().unsafeConfig().pvt.internalRouter.allHttpHandlers().stream()
                .filter(e -> !e.getEndpoint().getMethod().name().startsWith("BEFORE") && !e.getEndpoint().getMethod().name().startsWith("AFTER"))
                .toList();
    }

    private static RouteAccess declared(ParsedEndpoint e) {
        List<RouteAccess> a = e.getEndpoint().getRoles().stream().filter(RouteAccess.class::isInstance).map(RouteAccess.class::cast).toList();
        assertEquals(1, a.size(), e.getEndpoint().getMethod() + " " + e.getEndpoint().getPath() + " must declare exactly one RouteAccess");
        return a.getFirst();
    }

    private HttpResponse<String> send(String method, String path, String authorization, String cookie, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.address() + path)).timeout(Duration.ofSeconds(10))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyRouteTimesEveryRoleIsAllowedOrDeniedAsThePermissionTableSays() throws Exception {
        List<ParsedEndpoint> routes = routes();
        assertTrue(routes.size() >= 17, "the API's routes: " + routes.size());
        List<String> wrong = new ArrayList<>();
        for (ParsedEndpoint e : routes) {
            String method = e.getEndpoint().getMethod().name();
            String path = e.getEndpoint().getPath().replace("{username}", "nobody").replace("{name}", "nothing")
                    .replace("{role}", "nonsense").replace("{id}", "1");
            RouteAccess needs = declared(e);
            int before = security.events("access.refused").size();
            int anonymous = send(method, path, null, null, "{}").statusCode();
            if (needs instanceof RouteAccess.Needs) {
                if (anonymous != 401) {
                    wrong.add(method + " " + path + " without credentials: " + anonymous + ", not 401");
                }
                if (security.events("access.refused").size() != before + 1) {
                    wrong.add(method + " " + path + ": the 401 was not audited");
                }
            } else if (anonymous == 401 || anonymous == 403) {
                wrong.add(method + " " + path + " is public but answered " + anonymous);
            }
            for (Role role : Role.values()) {
                if (needs instanceof RouteAccess.Needs(Permission p)) {
                    int status = send(method, path, "Bearer " + tokens.get(role), null, "{}").statusCode();
                    boolean allowed = p.grantedTo(role);
                    if (status >= 500) {
                        wrong.add(method + " " + path + " as " + role.code() + ": " + status);
                    }
                    if (allowed && (status == 401 || status == 403)) {
                        wrong.add(method + " " + path + " as " + role.code() + ": " + status + ", but " + p + " is granted");
                    }
                    if (!allowed && status != 403) {
                        wrong.add(method + " " + path + " as " + role.code() + ": " + status + ", not 403 (" + p + " is not granted)");
                    }
                }
            }
        }
        assertEquals(List.of(), wrong);
        AuditEvent refused = security.events("access.refused").getLast();
        assertEquals(AuditOutcome.DENIED, refused.outcome());
        assertEquals("127.0.0.1", refused.source());
    }

    @Test
    void theDocumentListsEveryRouteWithItsPermission() throws Exception {
        StringBuilder table = new StringBuilder("| method | path | needs |\n|---|---|---|\n");
        for (ParsedEndpoint e : routes()) {
            RouteAccess a = declared(e);
            table.append("| ").append(e.getEndpoint().getMethod().name()).append(" | `").append(e.getEndpoint().getPath()).append("` | ")
                    .append(a instanceof RouteAccess.Needs(Permission p) ? "`" + p.name().toLowerCase(java.util.Locale.ROOT) + "`" : "anyone")
                    .append(" |\n");
        }
        String doc = Files.readString(Path.of("../../docs/security.md"));
        String begin = "<!-- route table: checked by ApiAccessTest -->";
        String end = "<!-- end of route table -->";
        assertTrue(doc.contains(begin) && doc.contains(end), "docs/security.md needs the route table between its markers");
        assertEquals(table.toString(), doc.substring(doc.indexOf(begin) + begin.length(), doc.indexOf(end)).strip() + "\n",
                "docs/security.md's route table differs from the routes ApiServer registers");
    }

    @Test
    void aOneTimePasswordSignsInButOnlyAllowsChangingIt() throws Exception {
        String once = security.access.addAccount(Actor.local(), "li.ming", Role.VIEWER);
        HttpResponse<String> wrong = send("POST", "/api/login", null, null, "{\"username\":\"li.ming\",\"password\":\"Not-it-123\"}");
        assertEquals(401, wrong.statusCode(), wrong.body());
        HttpResponse<String> in = send("POST", "/api/login", null, null, "{\"username\":\"li.ming\",\"password\":\"" + once + "\"}");
        assertEquals(200, in.statusCode(), in.body());
        assertTrue(JSON.readTree(in.body()).path("mustChangePassword").asBoolean(), in.body());
        String setCookie = in.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"), setCookie);
        assertFalse(setCookie.contains("Secure"), "no Secure on plain loopback HTTP: " + setCookie);
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        HttpResponse<String> status = send("GET", "/api/status", null, cookie, null);
        assertEquals(403, status.statusCode(), status.body());
        assertTrue(status.body().contains("change your one-time or expired password first"), status.body());
        HttpResponse<String> weak = send("POST", "/api/password", null, cookie, "{\"password\":\"" + once + "\",\"newPassword\":\"weak\"}");
        assertEquals(400, weak.statusCode(), weak.body());
        HttpResponse<String> changed = send("POST", "/api/password", null, cookie,
                "{\"password\":\"" + once + "\",\"newPassword\":\"Li-Ming-2026\"}");
        assertEquals(200, changed.statusCode(), changed.body());
        assertEquals(200, send("GET", "/api/status", null, cookie, null).statusCode(), "the same session now reads");
        assertEquals("li.ming", JSON.readTree(send("GET", "/api/session", null, cookie, null).body()).path("user").asText());
        assertEquals(403, send("GET", "/api/users", null, cookie, null).statusCode(), "a viewer does not manage accounts");
        assertEquals(200, send("POST", "/api/logout", null, cookie, null).statusCode());
        assertEquals(401, send("GET", "/api/status", null, cookie, null).statusCode(), "logged out");
        List<String> trail = security.audit.stream().filter(e -> e.user().equals("li.ming") || e.target().equals("li.ming"))
                .map(e -> e.type() + " " + e.outcome()).toList();
        assertEquals(List.of("account.add SUCCESS", "login FAILURE", "login SUCCESS", "access.refused DENIED",
                "password.change FAILURE", "password.change SUCCESS", "access.refused DENIED", "logout SUCCESS"), trail);
    }

    @Test
    void theSecurityOperatorManagesAccountsAndTokensOverTheApi() throws Exception {
        String op = "Bearer " + tokens.get(Role.SECURITY_OPERATOR);
        HttpResponse<String> add = send("POST", "/api/users", op, null, "{\"username\":\"plant.screen\",\"role\":\"viewer\"}");
        assertEquals(201, add.statusCode(), add.body());
        assertEquals(400, send("POST", "/api/users", op, null, "{\"username\":\"plant.screen\",\"role\":\"viewer\"}").statusCode(),
                "usernames are unique");
        HttpResponse<String> badRole = send("POST", "/api/users", op, null, "{\"username\":\"x2\",\"role\":\"root\"}");
        assertEquals(400, badRole.statusCode());
        assertTrue(badRole.body().contains("sysadmin, secop, auditor, viewer"), badRole.body());
        assertEquals(200, send("POST", "/api/users/plant.screen/lock", op, null, "{}").statusCode());
        JsonNode users = JSON.readTree(send("GET", "/api/users", op, null, null).body());
        boolean locked = false;
        for (JsonNode u : users) {
            locked |= u.path("username").asText().equals("plant.screen") && u.path("locked").asBoolean();
        }
        assertTrue(locked, users.toString());
        JsonNode issued = JSON.readTree(send("POST", "/api/tokens", op, null, "{\"name\":\"grafana\",\"role\":\"viewer\"}").body());
        String token = "Bearer " + issued.path("token").asText();
        assertEquals(200, send("GET", "/api/status", token, null, null).statusCode());
        assertEquals(200, send("DELETE", "/api/tokens/grafana", op, null, null).statusCode());
        assertEquals(401, send("GET", "/api/status", token, null, null).statusCode(), "a revoked token stops at once");
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(api.address() + "/api/users"))
                .header("Authorization", op).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=evil&role=sysadmin")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, form.statusCode(), "only JSON bodies: a cross-site form cannot post one");
        for (String type : List.of("account.add", "account.lock", "token.issue", "token.revoke")) {
            AuditEvent e = security.audit.stream().filter(x -> x.type().equals(type) && x.outcome() == AuditOutcome.SUCCESS
                    && (x.target().equals("plant.screen") || x.target().equals("grafana"))).findFirst().orElseThrow(() -> new AssertionError(
                    "no " + type + " in the audit: " + security.audit));
            assertTrue(e.user().startsWith("token:secop-"), e.toString());
            assertEquals("secop", e.role(), e.toString());
            assertEquals("127.0.0.1", e.source(), e.toString());
        }
        HttpResponse<String> set = send("PUT", "/api/allow-lists/viewer", op, null, "{\"ranges\":[\"10.30.0.0/16\"]}");
        assertEquals(200, set.statusCode(), set.body());
        assertEquals("10.30.0.0/16", JSON.readTree(set.body()).path("viewer").get(0).asText(), set.body());
        assertEquals(400, send("PUT", "/api/allow-lists/viewer", op, null, "{\"ranges\":[\"example.com\"]}").statusCode());
        assertEquals(400, send("PUT", "/api/allow-lists/root", op, null, "{\"ranges\":[]}").statusCode());
        assertEquals(200, send("PUT", "/api/allow-lists/viewer", op, null, "{\"ranges\":[]}").statusCode());
        assertEquals("[]", JSON.readTree(send("GET", "/api/allow-lists", op, null, null).body()).path("viewer").toString());
        assertTrue(security.audit.stream().anyMatch(x -> x.type().equals("account.add") && x.outcome() == AuditOutcome.FAILURE
                && x.detail().contains("taken")), "the refused duplicate is audited too");
    }

    @Test
    void anAddressOutsideTheRolesAllowListIsRefusedAndAudited() throws Exception {
        String auditor = "Bearer " + tokens.get(Role.SECURITY_AUDITOR);
        assertEquals(200, send("GET", "/api/session", auditor, null, null).statusCode());
        security.access.setAllowList(Actor.local(), Role.SECURITY_AUDITOR, List.of(Cidr.parse("10.20.0.0/16")));
        try {
            HttpResponse<String> r = send("GET", "/api/session", auditor, null, null);
            assertEquals(403, r.statusCode(), r.body());
            assertTrue(r.body().contains("may not act from 127.0.0.1"), r.body());
            AuditEvent last = security.events("access.refused").getLast();
            assertTrue(last.detail().contains("allow-list"), last.toString());
        } finally {
            security.access.setAllowList(Actor.local(), Role.SECURITY_AUDITOR, List.of());
        }
    }

    @Test
    void corsIsClosedAndResponsesAreNotCached() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api.address() + "/api/status"))
                .header("Authorization", "Bearer " + tokens.get(Role.VIEWER)).header("Origin", "https://evil.example").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), "no CORS header for another origin");
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
        assertTrue(r.headers().firstValue("Strict-Transport-Security").isEmpty(), "HSTS only on TLS");
        HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(URI.create(api.address() + "/api/login"))
                .header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(preflight.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), "no preflight is granted");
    }

    @Test
    void plainHttpOffLoopbackIsRefusedWithWhatToDo() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ApiBinding.plain("0.0.0.0", 8017).checked());
        assertTrue(e.getMessage().contains("--tls-keystore"), e.getMessage());
        ApiBinding.plain("127.0.0.1", 8017).checked();
        ApiBinding.plain("localhost", 8017).checked();
        ApiBinding.plain("::1", 8017).checked();
    }
}
