package io.tanhe.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.tanhe.server.security.access.Role;
import io.tanhe.server.security.audit.AuditActor;
import io.tanhe.server.site.SiteLoader;
import io.tanhe.server.terminal.DemoRuns;
import io.tanhe.server.terminal.DeviceTally;
import io.tanhe.server.terminal.Terminal;
import io.tanhe.sim.SimulatedClock;
import io.tanhe.sim.demo.SimulatedType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.tanhe.server.api.ServedTerminal.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * After a site file push the routes that list devices, points and data centres, and the per-device and per-centre
 * metrics, show the running site, not the one the terminal started with: a device added live is listed, its points
 * are readable and its readings are counted under its own name (not {@code (other)}); a centre added live is listed
 * and takes a backfill; and both disappear again when a later push removes them.
 */
@Tag("slow") // a demo terminal and three site file reads: 30-60 s on the shared machine
@Timeout(180)
class SitePushListsTest {
    private static final AuditActor ADMIN = new AuditActor("sysadmin", "sysadmin", "10.0.0.7");
    private static final String READINGS = "/api/readings?point=boiler.oil.total&from=2026-05-01&to=2026-07-01";
    private static final String OIL = """
                - id: oil-meter-1                      # added live
                  type: simulated
                  period: 5s
                  points:
                    - {id: boiler.oil.total, unit: t, signal: counter, start: 900, per_hour: 2, swing: 0.1, digits: 2}
            """;

    @TempDir
    Path dir;

    @Test
    void listsAndMetricsFollowTheDevicesAndCentresAPushAddsAndRemoves() throws Exception {
        int dead;
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort(); // nobody listens: the centres' uploads wait in the outbox
        }
        Path data = dir.resolve("data");
        Files.writeString(Files.createDirectories(dir.resolve("site/demo-site")).resolve("platform.yaml"),
                "mn: SITEPUSHLISTS01\npassword: \"123456\"\n");
        SiteLoader loader = new SiteLoader(Clock.systemUTC()).with(new SimulatedType());
        try (Terminal t = DemoRuns.open(dir.resolve("site"), data, text -> text + uplink(dead, "a"),
                DemoRuns.settings(data).withSiteLoader(loader))) {
            SimulatedClock clock = new SimulatedClock(DemoRuns.START, t.site().zone());
            t.createAcquisition(clock);
            t.startUplink(clock);
            ServedTerminal api = new ServedTerminal(t);
            String viewer = api.bearer(Role.VIEWER);
            String admin = api.bearer(Role.SYSTEM_ADMINISTRATOR);
            String started = t.site().text();
            String candidate = started.replace("    - id: lab ", OIL + "    - id: lab ") + uplink(dead, "c").replace("uplink:\n  centres:\n", "");
            assertTrue(candidate.contains("oil-meter-1") && candidate.contains("id: c"), candidate);

            assertFalse(devices(api, viewer).contains("oil-meter-1"));
            t.siteVersions().push(candidate, ADMIN, false);

            assertTrue(devices(api, viewer).contains("oil-meter-1"), "GET /api/devices lists the added device");
            ok(api.send("POST", "/api/poll", admin, "{\"device\": \"oil-meter-1\"}"), 200);
            JsonNode readings = ok(api.send("GET", READINGS, viewer, null), 200);
            for (int i = 0; i < 100 && readings.path("count").asInt() == 0; i++) {
                Thread.sleep(100); // stored by the intake's writer
                readings = ok(api.send("GET", READINGS, viewer, null), 200);
            }
            assertEquals(1, readings.path("count").asInt(), "the added device's point is readable: " + readings);
            assertEquals(List.of("a", "c"), centres(api, viewer), "GET /api/uplink/centres lists the added centre");
            JsonNode backfill = ok(api.send("POST", "/api/backfill", admin, "{\"centres\": [\"c\"], \"grain\": \"hour\", \"from\":"
                    + " \"2026-06-01T08:00\", \"to\": \"2026-06-01T09:00\", \"reason\": \"added live\"}"), 202);
            assertTrue(backfill.path("queued").has("c"), backfill.toString());

            String metrics = metrics(api, viewer);
            assertEquals(1.0, sample(metrics, "tanhe_device_readings_total", "device", "oil-meter-1"), metrics);
            assertEquals(0.0, sample(metrics, "tanhe_device_readings_total", "device", DeviceTally.OTHER), "nothing counted as other");
            assertTrue(sample(metrics, "tanhe_uplink_backlog", "centre", "c") >= 0, "the added centre's meters: " + metrics);

            t.siteVersions().push(started, ADMIN, false);

            assertFalse(devices(api, viewer).contains("oil-meter-1"), "the removed device is not listed");
            ServedTerminal.refused(api.send("GET", READINGS, viewer, null), 400, "point", "no point");
            assertEquals(List.of("a"), centres(api, viewer));
            ServedTerminal.refused(api.send("POST", "/api/backfill", admin, "{\"centres\": [\"c\"], \"grain\": \"hour\", \"from\":"
                    + " \"2026-06-01T08:00\", \"to\": \"2026-06-01T09:00\", \"reason\": \"removed\"}"), 400, "centres", "no centre `c`");
            String after = metrics(api, viewer);
            assertFalse(after.contains("device=\"oil-meter-1\""), "the removed device's meters are gone: " + after);
            assertFalse(after.contains("centre=\"c\""), "the removed centre's meters are gone: " + after);
            assertTrue(after.contains("device=\"coal-scale-1\""), "the other devices' meters stay");
        }
    }

    private static String devices(ServedTerminal api, String auth) throws Exception {
        return ok(api.send("GET", "/api/devices", auth, null), 200).path("devices").findValuesAsText("id").toString();
    }

    private static List<String> centres(ServedTerminal api, String auth) throws Exception {
        return ok(api.send("GET", "/api/uplink/centres", auth, null), 200).path("centres").findValuesAsText("id");
    }

    private static String metrics(ServedTerminal api, String auth) throws Exception {
        var r = api.send("GET", "/metrics", auth, null);
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    /** The value of {@code name}'s sample with {@code tag="value"}; fails when there is none. */
    private static double sample(String scrape, String name, String tag, String value) {
        Matcher m = Pattern.compile("(?m)^" + name + "\\{[^}]*" + tag + "=\"" + Pattern.quote(value) + "\"[^}]*} (\\S+)$").matcher(scrape);
        assertTrue(m.find(), "no sample " + name + "{" + tag + "=\"" + value + "\"} in:\n" + scrape);
        return Double.parseDouble(m.group(1));
    }

    private static String uplink(int port, String id) {
        return """

                uplink:
                  centres:
                    - id: %s
                      protocol: hj212-tcp
                      address: "127.0.0.1:%d"
                      profile: platform.yaml
                      indicators:
                        - {node: E, code: a05001, unit: kgCO2}
                      schedules: {realtime: {interval: 15m, delay: 1m}}
                      backoff: {initial: 1s, max: 2s}
                """.formatted(id, port);
    }
}
