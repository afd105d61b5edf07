package io.tanhe.server.terminal.lifecycle;

import io.tanhe.drivers.ReadingSink;
import io.tanhe.drivers.Source;
import io.tanhe.drivers.config.ConfigContext;
import io.tanhe.drivers.config.ConfiguredSource;
import io.tanhe.drivers.config.PointSettings;
import io.tanhe.drivers.config.SourceType;
import io.tanhe.drivers.schedule.Acquisition;
import io.tanhe.grammar.config.ConfigNode;
import io.tanhe.grammar.config.InvalidConfigException;
import io.tanhe.server.evaluation.Replay;
import io.tanhe.server.security.audit.AuditActor;
import io.tanhe.server.security.audit.AuditEntry;
import io.tanhe.server.security.audit.AuditQuery;
import io.tanhe.server.site.SiteFiles;
import io.tanhe.server.site.SiteLoader;
import io.tanhe.server.store.StoredReading;
import io.tanhe.server.store.TimeRange;
import io.tanhe.server.terminal.DemoRuns;
import io.tanhe.server.terminal.Terminal;
import io.tanhe.server.terminal.TerminalSettings;
import io.tanhe.sim.SimulatedClock;
import io.tanhe.sim.demo.SimulatedTime;
import io.tanhe.sim.demo.SimulatedType;
import io.tanhe.sim.hj212.Hj212PlatformSimulator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15, item 4: driver, point and uplink settings of a pushed site file applied by restarting only the
 * acquisition of the devices it changes; the rest keeps running. The demo site on simulated time.
 */
@Tag("slow") // five demo terminals, two with simulated hours and HJ 212 platforms: about two minutes
@Timeout(180)
class SiteChangeTest {
    private static final TimeRange ALL = TimeRange.of(Instant.EPOCH, Replay.END_OF_TIME);
    private static final AuditActor ADMIN = new AuditActor("alice", "sysadmin", "10.0.0.7");

    @TempDir
    Path dir;

    private static SiteLoader loader() {
        return new SiteLoader(Clock.systemUTC()).with(new SimulatedType()).with(new FailingType());
    }

    private Terminal open(Path data) {
        return DemoRuns.open(dir.resolve("site"), data, UnaryOperator.identity(), DemoRuns.settings(data).withSiteLoader(loader()));
    }

    private String siteText() throws Exception {
        return Files.readString(dir.resolve("site/demo-site/site.yaml"));
    }

    @Test
    void aChangedDeviceRestartsWithItsNewSettingsWhileTheOthersKeepPolling() throws Exception {
        Path data = dir.resolve("data");
        try (Terminal t = open(data)) {
            SimulatedClock clock = new SimulatedClock(DemoRuns.START, t.site().zone());
            Acquisition acquisition = t.createAcquisition(clock);
            try (SimulatedTime time = new SimulatedTime(clock, acquisition.scheduler(), t.site().drivers(), t.intake(), 120, null)) {
                time.start();
                await(() -> gas(t) > 20, "gas meter readings before the change");
                String candidate = siteText().replace("start: 125000", "start: 500000");

                SiteVersions.Pushed dry = t.siteVersions().push(candidate, ADMIN, true);
                assertEquals("devices changed coal-scale-1", dry.plan().change().summary());
                assertTrue(dry.version().isEmpty(), "a dry run stores nothing");
                assertEquals(1, t.store().configs().history().size());

                long gasBefore = gas(t);
                Object gasDevice = t.site().drivers().source("gas-meter-gt1").orElseThrow();
                Object coalDevice = t.site().drivers().source("coal-scale-1").orElseThrow();
                double coalBefore = coal(t).getFirst().value().doubleValue();
                Instant pushedAt = clock.instant();
                SiteVersions.Pushed pushed = t.siteVersions().push(candidate, ADMIN, false);
                assertEquals(List.of("device coal-scale-1"), pushed.restarted());
                assertEquals(2, pushed.version().orElseThrow().version());
                assertTrue(pushed.failure().isEmpty());
                assertEquals(candidate, t.site().text(), "the running site is the candidate");
                assertTrue(gasDevice == t.site().drivers().source("gas-meter-gt1").orElseThrow(), "the gas meter was not restarted");
                assertTrue(coalDevice != t.site().drivers().source("coal-scale-1").orElseThrow(), "the coal scale was restarted");

                await(() -> gas(t) > gasBefore + 20, "gas meter readings after the change");
                // the simulated totaliser counts from `start` on a fixed time line: 375,000 t more with the new start
                await(() -> coal(t).getLast().value().doubleValue() > coalBefore + 370000, "coal readings with the new start");
                time.close();
                List<StoredReading> coal = coal(t);
                assertTrue(coal.stream().filter(r -> r.measuredAt().isBefore(pushedAt)).allMatch(r -> r.value().doubleValue() < coalBefore + 1000),
                        "the old settings before the change");
                // the untouched meter polled on through the change: a reading every 5 s, none missed
                List<StoredReading> gas = t.store().readings().readings("gt1.gas.total", ALL);
                for (int i = 1; i < gas.size(); i++) {
                    assertEquals(Duration.ofSeconds(5), Duration.between(gas.get(i - 1).measuredAt(), gas.get(i).measuredAt()),
                            "gas readings at " + gas.get(i).measuredAt());
                }
                assertEquals(7, acquisition.devices().size(), "every device of the demo runs: " + acquisition.devices());
            }
            List<AuditEntry> push = audit(t, "site.push");
            assertEquals(1, push.size());
            assertEquals("alice", push.getFirst().event().user());
            assertEquals("10.0.0.7", push.getFirst().event().source());
            assertEquals("version 1 -> 2: devices changed coal-scale-1", push.getFirst().event().detail());
            assertEquals("restarted device coal-scale-1; other workers kept running", audit(t, "site.applied").getFirst().event().detail());
            assertEquals(2, t.siteVersions().versions().running());
        }
    }

    @Test
    void aBadCandidateIsRefusedWithItsFieldPathAndNothingChanges() throws Exception {
        Path data = dir.resolve("data");
        try (Terminal t = open(data)) {
            String before = t.site().text();
            InvalidConfigException unknown = assertThrows(InvalidConfigException.class, () -> t.siteVersions().push(
                    siteText().replace("      period: 5s\n      points:\n        - {id: unit1.coal.total", "      period: 5s\n      perod: 1s\n"
                            + "      points:\n        - {id: unit1.coal.total"), ADMIN, false));
            assertTrue(unknown.getMessage().contains("drivers.devices[0].perod"), unknown.getMessage());
            InvalidConfigException badPoint = assertThrows(InvalidConfigException.class, () -> t.siteVersions().push(
                    siteText().replace("signal: counter, start: 125000", "signal: counter, start: -5"), ADMIN, false));
            assertTrue(badPoint.getMessage().contains("drivers.devices[0].points[0].start"), badPoint.getMessage());
            SiteVersions.NeedsRestartException restart = assertThrows(SiteVersions.NeedsRestartException.class,
                    () -> t.siteVersions().push(siteText().replace("late_window: 1h", "late_window: 2h")
                            .replace("start: 125000", "start: 500000"), ADMIN, false));
            assertEquals(List.of("late_window"), restart.fields());
            assertTrue(restart.getMessage().contains("restart the terminal"), restart.getMessage());
            assertEquals(before, t.site().text(), "the terminal is unchanged");
            assertEquals(1, t.store().configs().history().size(), "nothing stored");
            assertEquals(3, audit(t, "site.refuse").size());
        }
    }

    @Test
    void aDeviceThatDoesNotStartRollsTheChangeBack() throws Exception {
        Path data = dir.resolve("data");
        try (Terminal t = open(data)) {
            SimulatedClock clock = new SimulatedClock(DemoRuns.START, t.site().zone());
            t.startAcquisition(clock);
            String before = t.site().text();
            int devices = t.acquisition().orElseThrow().devices().size();
            String candidate = siteText().replace("    - id: lab ", "    - id: broken\n      type: failing\n      points:\n"
                    + "        - {id: broken.x, unit: t}\n    - id: lab ");
            assertEquals("devices added broken", t.siteVersions().push(candidate, ADMIN, true).plan().change().summary());
            SiteVersions.Pushed p = t.siteVersions().push(candidate, ADMIN, false);
            assertTrue(p.failure().orElseThrow().contains("device(s) broken did not start"), p.failure().orElseThrow());
            assertEquals(before, t.site().text());
            assertFalse(t.acquisition().orElseThrow().devices().contains("broken"));
            assertEquals(devices, t.acquisition().orElseThrow().devices().size(), "the other devices run");
            assertEquals(3, t.store().configs().history().size(), "the failed version 2, and version 1's text again as 3");
            // the store holds the text with its secrets taken out (the demo's CEMS logger password), sealed beside it
            assertEquals(io.tanhe.server.store.Secrets.redact(before), t.store().configs().latest().orElseThrow().content());
            assertEquals(1, audit(t, "site.rolled-back").size());
        }
    }

    @Test
    void theNextStartRunsTheStoredVersionWhileTheSiteFileIsUnchanged() throws Exception {
        Path data = dir.resolve("data");
        String candidate;
        try (Terminal t = open(data)) {
            candidate = siteText().replace("start: 125000", "start: 500000");
            t.siteVersions().push(candidate, ADMIN, false);
        }
        // the demo writes the shipped site file again at every start: unchanged, so the pushed version runs
        try (Terminal t = open(data)) {
            assertEquals(candidate, t.site().text());
            assertEquals(2, t.store().configs().history().size(), "no new version");
        }
        try (Terminal t = DemoRuns.open(dir.resolve("site"), data, s -> s.replace("limit: 950", "limit: 900"),
                DemoRuns.settings(data).withSiteLoader(loader()))) {
            assertTrue(t.site().text().contains("limit: 900") && t.site().text().contains("start: 125000"),
                    "an edited site file wins over the pushed version");
            assertEquals(3, t.store().configs().history().size());
        }
    }

    @Test
    void aChangedCentreRestartsAloneAndDeliversWhatItsOutboxHeld() throws Exception {
        try (Hj212PlatformSimulator a = Hj212PlatformSimulator.start(0, Set.of(), line -> { });
             Hj212PlatformSimulator moved = Hj212PlatformSimulator.start(0, Set.of(), line -> { })) {
            int dead;
            try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
                dead = s.getLocalPort(); // a port nobody listens on: centre b's uploads wait in the outbox
            }
            Path data = dir.resolve("data");
            UnaryOperator<String> withUplink = text -> text + uplink(a.port(), dead);
            Files.writeString(Files.createDirectories(dir.resolve("site/demo-site")).resolve("platform.yaml"),
                    "mn: SITECHANGE00001\npassword: \"123456\"\n");
            try (Terminal t = DemoRuns.open(dir.resolve("site"), data, withUplink, DemoRuns.settings(data).withSiteLoader(loader()))) {
                SimulatedClock clock = new SimulatedClock(DemoRuns.START, t.site().zone());
                Acquisition acquisition = t.createAcquisition(clock);
                t.startUplink(clock);
                try (SimulatedTime time = new SimulatedTime(clock, acquisition.scheduler(), t.site().drivers(), t.intake(), 300,
                        DemoRuns.START.plus(Duration.ofMinutes(70)))) {
                    time.start();
                    assertTrue(time.awaitEnd(Duration.ofMinutes(2)));
                }
                t.uplink().orElseThrow().wake();
                await(() -> {
                    clock.advance(Duration.ofMillis(200)); // past the backoff of the failing centre and the upload windows
                    t.uplink().orElseThrow().wake();
                    return a.stored().size() >= 2 && backlog(t, "b") >= 2;
                }, "centre a delivering, centre b's backlog");
                long queued = backlog(t, "b");
                long connections = a.connectionsAccepted();
                Set<String> deliveredToA = Set.copyOf(a.stored().keySet());

                String candidate = siteText().replace("127.0.0.1:" + dead, "127.0.0.1:" + moved.port());
                SiteVersions.Pushed p = t.siteVersions().push(candidate, ADMIN, false);
                assertEquals("centres changed b", p.plan().change().summary());
                assertEquals(List.of("centre b"), p.restarted());
                t.uplink().orElseThrow().wake();
                await(() -> {
                    clock.advance(Duration.ofMillis(200)); // the retry times of the stopped worker's backoff pass
                    t.uplink().orElseThrow().wake();
                    return moved.stored().size() >= queued && backlog(t, "b") == 0;
                }, "centre b delivering its outbox at its new address");
                assertTrue(moved.stored().keySet().containsAll(deliveredToA), "centre b got every value centre a had got before the"
                        + " change, from its outbox: nothing lost; " + deliveredToA + " vs " + moved.stored().keySet());
                assertEquals(connections, a.connectionsAccepted(), "centre a kept its connection: it was not restarted");
                assertEquals(List.of("a", "b"), t.uplink().orElseThrow().centreIds());
            }
        }
    }

    private static String uplink(int a, int b) {
        return """

                uplink:
                  centres:
                    - id: a
                      protocol: hj212-tcp
                      address: "127.0.0.1:%d"
                      profile: platform.yaml
                      indicators:
                        - {node: E, code: a05001, unit: kgCO2}
                      schedules: {realtime: {interval: 15m, delay: 1m}}
                      backoff: {initial: 1s, max: 2s}
                    - id: b
                      protocol: hj212-tcp
                      address: "127.0.0.1:%d"
                      profile: platform.yaml
                      indicators:
                        - {node: E, code: a05001, unit: kgCO2}
                      schedules: {realtime: {interval: 15m, delay: 1m}}
                      backoff: {initial: 1s, max: 2s}
                """.formatted(a, b);
    }

    private static long backlog(Terminal t, String centre) {
        return t.uplinkStatus().stream().filter(c -> c.centreId().equals(centre)).findFirst().orElseThrow().backlog();
    }

    private static long gas(Terminal t) {
        return t.stats().devices().devices().get("gas-meter-gt1").readings();
    }

    private static List<StoredReading> coal(Terminal t) {
        return t.store().readings().readings("unit1.coal.total", ALL);
    }

    private static List<AuditEntry> audit(Terminal t, String type) {
        return t.audit().query(AuditQuery.all().type(type), AuditActor.local("auditor")).entries();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    /** {@code type: failing}: a push source that cannot start (a broker that refuses us), for the rollback. */
    static final class FailingType implements SourceType {
        @Override
        public String type() {
            return "failing";
        }

        @Override
        public ConfiguredSource create(String id, ConfigNode device, ConfigContext ctx) {
            List<PointSettings> points = device.list("points").stream().map(PointSettings::read).toList();
            return new ConfiguredSource.Pushed(new Source() {
                @Override
                public String id() {
                    return id;
                }

                @Override
                public void start(ReadingSink sink) {
                    throw new IllegalStateException("connection refused by the broker");
                }

                @Override
                public void close() {
                }
            }, points);
        }
    }
}
