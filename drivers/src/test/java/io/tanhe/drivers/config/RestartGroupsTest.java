package io.tanhe.drivers.config;

import io.tanhe.drivers.registry.SourceTypes;
import io.tanhe.drivers.schedule.Acquisition;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Which devices restart together, and an acquisition restarting one group while the others run on. */
class RestartGroupsTest {
    private static final String FILE = """
            devices:
              - {id: a, type: modbus-tcp, host: 127.0.0.1, port: 1502, unit_id: 1, points: [{id: a.x, register: 0}]}
              - {id: b, type: modbus-tcp, host: 127.0.0.1, port: 1502, unit_id: 2, points: [{id: b.x, register: 0}]}
              - {id: c, type: modbus-tcp, host: 127.0.0.1, port: 1503, unit_id: 1, backup: d, points: [{id: c.x, register: 0}]}
              - {id: d, type: modbus-tcp, host: 127.0.0.1, port: 1504, unit_id: 1, points: [{id: c.x, register: 0}]}
              - {id: e, type: manual, points: [{id: e.x, unit: t}]}
            """;

    private static DriverConfiguration load(String text) {
        return new PointsFileLoader(SourceTypes.all()).parse(text, "points.yaml", new ConfigContext(Clock.systemUTC(), Path.of(".")));
    }

    @Test
    void devicesOnOneBusAndADeviceWithItsBackupRestartTogether() {
        try (DriverConfiguration c = load(FILE)) {
            assertEquals(List.of(Set.of("a", "b"), Set.of("c", "d"), Set.of("e")), c.restartGroups());
            assertEquals(List.of("a", "b"), c.subset(Set.of("a", "b")).sources().stream().map(ConfiguredSource::id).toList());
            assertEquals(java.util.Map.of("c", "d"), c.subset(Set.of("c", "d")).backups());
        }
    }

    @Test
    void replacingOneDeviceRestartsItsGroupOnlyAndTheOthersKeepTheirObjects() {
        DriverConfiguration running = load(FILE);
        List<String> seen = new ArrayList<>();
        try (Acquisition acquisition = new Acquisition(running, r -> seen.add(r.pointId()), s -> { }, Clock.systemUTC())) {
            DriverConfiguration next = load(FILE.replace("unit_id: 2", "unit_id: 9"));
            Acquisition.Restart r = acquisition.replace(next, Set.of("b"));
            assertEquals(List.of("a", "b"), r.stopped(), "b shares a's bus: both restart");
            assertEquals(List.of("a", "b"), r.started());
            DriverConfiguration now = acquisition.running(next);
            assertSame(running.source("c").orElseThrow(), now.source("c").orElseThrow(), "c and its backup run on");
            assertSame(running.source("e").orElseThrow(), now.source("e").orElseThrow());
            assertNotSame(running.source("b").orElseThrow(), now.source("b").orElseThrow());
            assertSame(next.source("b").orElseThrow(), now.source("b").orElseThrow(), "b runs its new settings");
            assertEquals(Set.of("a", "b", "c", "d"), Set.copyOf(acquisition.scheduler().devices()), "every polled device is scheduled");
        }
    }
}
