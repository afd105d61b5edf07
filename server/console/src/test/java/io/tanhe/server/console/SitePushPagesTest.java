package io.tanhe.server.console;

import io.tanhe.server.api.ApiBinding;
import io.tanhe.server.api.TerminalApi;
import io.tanhe.server.security.access.AccessControl;
import io.tanhe.server.security.access.AccessStore;
import io.tanhe.server.security.access.Actor;
import io.tanhe.server.security.access.PasswordHasher;
import io.tanhe.server.security.access.Role;
import io.tanhe.server.security.access.SecurityPolicy;
import io.tanhe.server.security.audit.AuditActor;
import io.tanhe.server.site.SiteLoader;
import io.tanhe.server.terminal.DemoRuns;
import io.tanhe.server.terminal.Terminal;
import io.tanhe.sim.SimulatedClock;
import io.tanhe.sim.demo.SimulatedType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console's devices page after a site file push shows the running devices: one added live with its points and
 * its own reading counts, one removed no more.
 */
@Tag("slow") // a demo terminal: 20-40 s on the shared machine
@Timeout(120)
class SitePushPagesTest {
    private static final AuditActor ADMIN = new AuditActor("sysadmin", "sysadmin", "10.0.0.7");
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void theDevicesPageShowsADeviceAddedLiveWithItsCountsAndNotOneRemoved() throws Exception {
        Path data = dir.resolve("data");
        SiteLoader loader = new SiteLoader(Clock.systemUTC()).with(new SimulatedType());
        try (Terminal t = DemoRuns.open(dir.resolve("site"), data, s -> s, DemoRuns.settings(data).withSiteLoader(loader))) {
            t.createAcquisition(new SimulatedClock(DemoRuns.START, t.site().zone()));
            AccessControl access = new AccessControl(new AccessStore(t.store()::connect), SecurityPolicy.defaults(),
                    new PasswordHasher(64, 1, 1), Clock.systemUTC(), e -> { });
            access.firstStart(Actor.local());
            String token = access.issueToken(Actor.local(), "console-viewer", Role.VIEWER);
            String base = TerminalApi.start(t, ApiBinding.plain("127.0.0.1", 0), access, Console.on(access, loader));
            String started = t.site().text();
            String added = started.replace("    - id: lab ", """
                        - id: oil-meter-1
                          type: simulated
                          period: 5s
                          points:
                            - {id: boiler.oil.total, unit: t, signal: counter, start: 900, per_hour: 2, swing: 0.1, digits: 2}
                    """ + "    - id: lab ");
            assertFalse(page(base, token).contains("oil-meter-1"));

            t.siteVersions().push(added, ADMIN, false);
            t.acquisition().orElseThrow().scheduler().readNow("oil-meter-1").get(30, java.util.concurrent.TimeUnit.SECONDS);
            String shown = page(base, token);
            assertTrue(shown.contains("<h2>oil-meter-1"), "the added device is listed: " + shown);
            assertTrue(shown.contains("boiler.oil.total"), "with its point");
            assertTrue(shown.matches("(?s).*id=\"counts-oil-meter-1\">[^<]*: 1 · .*"), "with its own reading count: " + shown);

            t.siteVersions().push(started, ADMIN, false);
            String after = page(base, token);
            assertFalse(after.contains("oil-meter-1"), "the removed device is not listed: " + after);
            assertTrue(after.contains("<h2>coal-scale-1"), after);
        }
    }

    private String page(String base, String token) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/console/devices?lang=en"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }
}
