package io.tanhe.server.terminal.lifecycle;

import io.tanhe.grammar.config.InvalidConfigException;
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

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The files a site file names — the points file, a data centre's HJ 212 profile and TLS stores — are compared by what
 * they held when the running site read them, not by name: one edited in place is a change of its devices or centre,
 * which restart with what the file holds now; one that cannot be read is refused naming the field, as at start.
 */
class ReferencedFilesTest {
    private static final AuditActor ADMIN = new AuditActor("alice", "sysadmin", "10.0.0.7");

    @TempDir
    Path dir;

    @Test
    void aProfileOrTrustStoreChangedUnderTheSameNameChangesItsCentre() throws Exception {
        Files.writeString(dir.resolve("platform.yaml"), "mn: CENTREFILES0001\npassword: \"123456\"\n");
        Files.write(dir.resolve("trust.p12"), new byte[]{1, 2, 3});
        String text = "uplink:\n  centres:\n"
                + "    - {id: a, protocol: hj212-tcp, address: \"127.0.0.1:1\", profile: platform.yaml}\n"
                + "    - {id: b, protocol: https, address: \"https://x.example/u\", tls: {trust_store: trust.p12}}\n";
        String origin = dir.resolve("site.yaml").toString();
        Map<String, String> before = SiteChange.centreFiles(text, origin, dir);
        assertEquals(SiteChange.centreFiles(text, origin, dir), before, "the same files: the same fingerprints");
        assertEquals(Set.of(), change(text, before, origin).centres());

        Files.writeString(dir.resolve("platform.yaml"), "mn: CENTREFILES0002\npassword: \"123456\"\n");
        SiteChange profile = change(text, before, origin);
        assertEquals(Set.of("a"), profile.centresChanged(), "the profile's content changed, its name did not");
        assertTrue(profile.uplinkInText(), "the candidate's uplink is applied");

        Files.write(dir.resolve("trust.p12"), new byte[]{1, 2, 4});
        assertEquals(Set.of("a", "b"), change(text, before, origin).centresChanged(), "a trust store's content too");
        Files.delete(dir.resolve("trust.p12"));
        assertNotEquals(before.get("b"), SiteChange.centreFiles(text, origin, dir).get("b"), "a file gone is a change too");
    }

    /** The change from {@code text} read with its centres' files as {@code before} to the same text with them as now. */
    private SiteChange change(String text, Map<String, String> before, String origin) {
        SiteChange.ReadFiles now = SiteChange.ReadFiles.of(text, origin, dir);
        return SiteChange.between(text, new SiteChange.ReadFiles(now.points(), before), text, now, origin);
    }

    @Test
    void aPointsFileEditedInPlaceChangesTheDevicesWhoseEntriesDiffer() throws Exception {
        Files.writeString(dir.resolve("points.yaml"), """
                devices:
                  - {id: m1, type: simulated, period: 5s, points: [{id: p1, unit: t}]}
                  - {id: m2, type: simulated, period: 5s, points: [{id: p2, unit: t}]}
                """);
        String text = "drivers_file: points.yaml\n";
        String origin = dir.resolve("site.yaml").toString();
        SiteChange.ReadFiles before = SiteChange.ReadFiles.of(text, origin, dir);
        Files.writeString(dir.resolve("points.yaml"), """
                devices:
                  - {id: m1, type: simulated, period: 10s, points: [{id: p1, unit: t}]}
                  - {id: m2, type: simulated, period: 5s, points: [{id: p2, unit: t}]}
                  - {id: m3, type: simulated, period: 5s, points: [{id: p3, unit: t}]}
                """);
        SiteChange change = SiteChange.between(text, before, text, SiteChange.ReadFiles.of(text, origin, dir), origin);
        assertEquals(Set.of("m1"), change.devicesChanged(), "the same file name, another content");
        assertEquals(Set.of("m3"), change.devicesAdded());
        assertEquals(Set.of(), SiteChange.between(text, before, text, before, origin).devices(), "compared with itself: nothing");
    }

    @Test
    @Tag("slow") // a demo terminal with its uplink: 15-30 s on the shared machine
    @Timeout(120)
    void aPushWithAnEditedProfileRestartsItsCentreAndAMissingOneIsRefusedWithItsField() throws Exception {
        int dead;
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort(); // nobody listens: the uploads wait in the outbox
        }
        Path data = dir.resolve("data");
        Path profile = Files.createDirectories(dir.resolve("site/demo-site")).resolve("platform.yaml");
        Files.writeString(profile, "mn: CENTREFILES0001\npassword: \"123456\"\n");
        String uplink = """

                uplink:
                  centres:
                    - id: a
                      protocol: hj212-tcp
                      address: "127.0.0.1:%d"
                      profile: platform.yaml
                      indicators:
                        - {node: E, code: a05001, unit: kgCO2}
                      schedules: {realtime: {interval: 15m, delay: 1m}}
                """.formatted(dead);
        SiteLoader loader = new SiteLoader(Clock.systemUTC()).with(new SimulatedType());
        try (Terminal t = DemoRuns.open(dir.resolve("site"), data, text -> text + uplink, DemoRuns.settings(data).withSiteLoader(loader))) {
            t.startUplink(new SimulatedClock(DemoRuns.START, t.site().zone()));
            String running = t.site().text();
            assertEquals("no device or centre changes", t.siteVersions().push(running, ADMIN, true).plan().change().summary());

            Files.writeString(profile, "mn: CENTREFILES0002\npassword: \"123456\"\n");
            SiteVersions.Pushed dry = t.siteVersions().push(running, ADMIN, true);
            assertEquals("centres changed a", dry.plan().change().summary(), "the dry run shows it");
            SiteVersions.Pushed pushed = t.siteVersions().push(running, ADMIN, false);
            assertEquals(List.of("centre a"), pushed.restarted());
            assertEquals("CENTREFILES0002", t.site().uplink().centres().getFirst().profile().orElseThrow().mn(),
                    "the centre runs with what the file holds now");
            assertEquals("no device or centre changes", t.siteVersions().push(running, ADMIN, true).plan().change().summary(),
                    "once applied, the same file is no change");

            InvalidConfigException missing = assertThrows(InvalidConfigException.class,
                    () -> t.siteVersions().push(running.replace("profile: platform.yaml", "profile: gone.yaml"), ADMIN, false));
            assertTrue(missing.getMessage().contains("uplink.centres[0].profile: cannot read"), missing.getMessage());
            Files.delete(profile);
            InvalidConfigException deleted = assertThrows(InvalidConfigException.class, () -> t.siteVersions().push(running, ADMIN, false));
            assertTrue(deleted.getMessage().contains("uplink.centres[0].profile: cannot read"), deleted.getMessage());
            assertEquals("CENTREFILES0002", t.site().uplink().centres().getFirst().profile().orElseThrow().mn(), "nothing changed");
        }
    }
}
