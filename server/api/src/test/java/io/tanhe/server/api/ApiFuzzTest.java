package io.tanhe.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tanhe.server.terminal.DemoRuns;
import io.tanhe.server.terminal.Terminal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12, defect 14 (API part): malformed requests against the API of a terminal that ran the demo.
 * Every request is sent on a raw socket (so malformed encodings reach the server as typed) with a 10 s
 * read timeout: none may hang, none may get a 5xx, and every 400 names the offending parameter.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(300)
class ApiFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int READ_TIMEOUT_MS = 10_000;

    @TempDir
    static Path dir;

    private Terminal terminal;
    private URI base;
    private String token;

    /** One malformed request: {@code expect} is the status, {@code parameter} the parameter a 400 must name (or null). */
    private record Case(String method, String target, int expect, String parameter) {
    }

    @BeforeAll
    void runTheDemo() throws Exception {
        Path data = dir.resolve("data");
        terminal = DemoRuns.open(dir.resolve("site"), data, s -> s, DemoRuns.settings(data));
        DemoRuns.simulate(terminal, DemoRuns.START, Duration.ofMinutes(5));
        TestSecurity security = new TestSecurity(terminal.store());
        token = security.token(io.tanhe.server.security.access.Role.VIEWER);
        base = URI.create(TerminalApi.start(terminal, ApiBinding.plain("127.0.0.1", 0), security.access));
    }

    @AfterAll
    void stop() {
        terminal.close();
    }

    private static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        // times out of range, impossible or not times at all
        c.add(get("/api/results?node=E&from=%2B999999999-12-31T23:59", 400, "from"));
        c.add(get("/api/report?grain=year&from=-999999999-01-01&to=%2B999999999-12-31", 400, "from"));
        c.add(get("/api/report?grain=year&from=2026&to=%2B999999999-12-31", 400, "to"));
        c.add(get("/api/results?node=E&to=%2B999999999-12-31T23:59:59.999999999Z", 400, "to"));
        c.add(get("/api/readings?point=unit1.coal.total&from=1969-12-31", 400, "from"));
        c.add(get("/api/alerts?state=all&from=-999999999-01-01T00:00Z", 400, "from"));
        c.add(get("/api/results?node=E&from=2026-02-30", 400, "from"));
        c.add(get("/api/results?node=E&from=2026-06-01T25:00", 400, "from"));
        c.add(get("/api/results?node=E&from=2026-06-01T08:00%2B25:00", 400, "from"));
        c.add(get("/api/report?grain=quarter&from=2026-Q5", 400, "from"));
        c.add(get("/api/results?node=E&from=2026-06-02&to=2026-06-01", 400, "to"));
        // huge numbers
        c.add(get("/api/results?node=E&from=1e309", 400, "from"));
        c.add(get("/api/results?node=E&from=99999999999999999999", 400, "from"));
        c.add(get("/api/results?node=E&from=99999-01-01", 400, "from"));
        c.add(get("/api/alerts?state=all&to=-1", 400, "to"));
        c.add(get("/api/readings?point=unit1.coal.total&from=9223372036854775807", 400, "from"));
        // unknown or repeated parameters
        c.add(get("/api/results?node=E&grian=hour", 400, "grian"));
        c.add(get("/api/status?verbose=1", 400, "verbose"));
        c.add(get("/api/report?grain=day&from=2026-06-01&fromat=csv", 400, "fromat"));
        c.add(get("/api/results?node=E&node=P", 400, "node"));
        c.add(get("/api/alerts?=open", 400, ""));
        // unknown nodes, points, keys, grains, states, formats
        c.add(get("/api/results", 400, "node"));
        c.add(get("/api/results?node=EE", 400, "node"));
        c.add(get("/api/results?node=%00", 400, "node"));
        c.add(get("/api/results?node=gas_combustion&key=gt1,natural_gaz", 400, "key"));
        c.add(get("/api/results?node=gas_combustion&key=gt1", 400, "key"));
        c.add(get("/api/results?node=gas_combustion&key=gt1,natural_gas,x", 400, "key"));
        c.add(get("/api/results?node=E&key=coal", 400, "key"));
        c.add(get("/api/results?node=E&grain=fortnight", 400, "grain"));
        c.add(get("/api/results?node=E&grain=", 400, "grain"));
        c.add(get("/api/report?grain=decade&from=2026-06-01", 400, "grain"));
        c.add(get("/api/report?grain=hour&from=2026-06-01&format=docx", 400, "format"));
        c.add(get("/api/readings?point=nope", 400, "point"));
        c.add(get("/api/alerts?state=burning", 400, "state"));
        // overlong values and query strings (under the server's 8 KiB request line limit)
        c.add(get("/api/results?node=" + "E".repeat(300), 400, "node"));
        c.add(get("/api/results?node=E&from=" + "2026-06-01".repeat(500), 400, "from"));
        c.add(get("/api/results?node=gas_combustion&key=" + "gt1,".repeat(1500), 400, "key"));
        c.add(get("/api/results?node=E&" + "x=1&".repeat(1000), 400, "x"));
        // bad encodings
        c.add(get("/api/results?node=%E4%B8", 400, "node"));
        c.add(get("/api/results?node=%C0%AF", 400, "node"));
        c.add(get("/api/alerts?state=%00%ff", 400, "state"));
        c.add(get("/api/results?node=%ZZ", 400, null));
        c.add(get("/api/results?node=E&from=%25", 400, "from"));
        c.add(get("/api/results?node=E&from=2026-06-01%00", 400, "from"));
        // wrong methods and paths
        for (String m : new String[] {"POST", "PUT", "DELETE", "PATCH"}) {
            c.add(new Case(m, "/api/results?node=E", 405, null));
        }
        c.add(get("/api/nothing", 404, null));
        c.add(get("/api/results/E", 404, null));
        return c;
    }

    private static Case get(String target, int expect, String parameter) {
        return new Case("GET", target, expect, parameter);
    }

    @Test
    void malformedRequestsGet4xxNamingTheParameterNever5xxNeverHang() throws Exception {
        List<Case> cases = cases();
        assertTrue(cases.size() >= 30, "at least 30 malformed requests");
        List<String> failures = new ArrayList<>();
        for (Case c : cases) {
            Answer a;
            try {
                a = send(c.method(), c.target());
            } catch (IOException e) {
                failures.add(c + ": no answer within " + READ_TIMEOUT_MS + " ms or connection broken: " + e);
                continue;
            }
            String shown = c + " -> " + a.status() + " " + a.body();
            if (a.status() >= 500) {
                failures.add("5xx: " + shown);
            } else if (a.status() != c.expect()) {
                failures.add("status: " + shown);
            } else if (c.parameter() != null) {
                JsonNode body = JSON.readTree(a.body());
                if (!c.parameter().equals(body.path("parameter").asText()) || body.path("error").asText().isBlank()) {
                    failures.add("parameter: " + shown);
                }
            } else if (c.expect() != 400 && !a.body().contains("\"error\"")) {
                failures.add("no JSON error: " + shown);
            }
        }
        assertEquals(List.of(), failures, failures.size() + " of " + cases.size() + " requests misanswered");
        // the API still answers normally afterwards
        assertEquals(200, send("GET", "/api/status").status());
    }

    private record Answer(int status, String body) {
    }

    /** One HTTP/1.1 request on a fresh socket, bytes as written; reads the whole answer (Connection: close). */
    private Answer send(String method, String target) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
            s.setSoTimeout(READ_TIMEOUT_MS);
            OutputStream out = s.getOutputStream();
            String body = method.equals("GET") ? "" : "{}";
            out.write((method + " " + target + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                    + "\r\nAuthorization: Bearer " + token + "\r\nConnection: close\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int status = Integer.parseInt(text.substring(9, 12));
            int split = text.indexOf("\r\n\r\n");
            String head = text.substring(0, split).toLowerCase();
            String rest = text.substring(split + 4);
            if (head.contains("transfer-encoding: chunked")) {
                rest = dechunk(rest);
            }
            return new Answer(status, rest);
        }
    }

    private static String dechunk(String s) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            int eol = s.indexOf("\r\n", i);
            int size = Integer.parseInt(s.substring(i, eol).trim(), 16);
            if (size == 0) {
                break;
            }
            out.append(s, eol + 2, eol + 2 + size);
            i = eol + 2 + size + 2;
        }
        return out.toString();
    }
}
