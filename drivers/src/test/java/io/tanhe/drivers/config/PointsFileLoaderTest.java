package io.tanhe.drivers.config;

import io.tanhe.grammar.config.ConfigProblem;
import io.tanhe.grammar.config.InvalidConfigException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PointsFileLoaderTest {
    private final PointsFileLoader loader = new PointsFileLoader(List.of(new FakeSourceType()));

    private DriverConfiguration load(String yaml) {
        return loader.parse(yaml, "points.yaml", new ConfigContext(Clock.systemUTC(), Path.of(".")));
    }

    private List<String> problems(String yaml) {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> load(yaml));
        return e.problems().stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void validFileGivesSourcesWithCommonSettings() {
        DriverConfiguration c = load("""
                devices:
                  - id: gas
                    type: fake
                    period: 15min
                    timeout: 500ms
                    retries: 3
                    points:
                      - {id: gas.total, register: 0x10, unit: Nm3, range: {min: 0, max: 1e6}, stale: 1h}
                """);
        ConfiguredSource.Polled s = (ConfiguredSource.Polled) c.sources().get(0);
        assertEquals(new PollSettings(Duration.ofMinutes(15), Duration.ofMillis(500), 3), s.poll());
        PointSettings p = s.points().get(0);
        assertEquals("gas.total", p.id());
        assertEquals("Nm3", p.unit());
        assertEquals(Duration.ofHours(1), p.staleAfter());
        assertTrue(p.inRange(new BigDecimal("1000000")));
        assertFalse(p.inRange(new BigDecimal("1000000.1")));
        assertEquals(List.of(16), ((FakeSourceType.FakeDevice) s.device()).registers());
    }

    @Test
    void jsonFilesLoadToo() {
        DriverConfiguration c = loader.parse("""
                {"devices": [{"id": "a", "type": "fake", "points": [{"id": "a.x", "register": 1}]}]}
                """, "points.json", new ConfigContext(Clock.systemUTC(), Path.of(".")));
        assertEquals("a", c.sources().get(0).id());
    }

    @Test
    void everyProblemIsReportedUnderItsPathNotJustTheFirst() {
        List<String> problems = problems("""
                devices:
                  - id: a
                    type: fake
                    period: 4h
                    points:
                      - {id: a.x, register: 70000}
                      - {id: a.y, regster: 2}
                  - id: b
                    type: fakee
                """);
        assertEquals(List.of(
                "points.yaml:4:5: devices[0].period: `4h` is outside 1s … 3h",
                "points.yaml:6:19: devices[0].points[0].register: `70000` is outside 0 … 65535",
                "points.yaml:7:9: devices[0].points[1].register: is required: an integer 0 … 65535",
                "points.yaml:7:19: devices[0].points[1].regster: unknown field — did you mean `register`?",
                "points.yaml:9:5: devices[1].type: unknown type `fakee` — did you mean `fake`?"), problems);
    }

    @Test
    void theHeaderNamesTheFileAndCountNotTheFirstProblemsPath() {
        RuntimeException e = assertThrows(RuntimeException.class, () -> load("""
                devices:
                  - {id: a, type: fake, period: 4h}
                  - {id: b, type: fake, retires: 2}
                """));
        assertEquals(List.of(
                "points.yaml: 2 problems",
                "  points.yaml:2:25: devices[0].period: `4h` is outside 1s … 3h",
                "  points.yaml:3:25: devices[1].retires: unknown field — did you mean `retries`?"),
                e.getMessage().lines().toList());
    }

    @Test
    void unknownDeviceFieldSuggestsTheNearestKnownOne() {
        assertEquals(List.of("points.yaml:2:25: devices[0].retires: unknown field — did you mean `retries`?"), problems("""
                devices:
                  - {id: a, type: fake, retires: 2}
                """));
    }

    @Test
    void badDurationSaysHowToWriteOne() {
        assertEquals(List.of("points.yaml:2:25: devices[0].timeout: `5 seconds` is not a duration; write e.g. 500ms, 15s, 5min, 3h, 1d"),
                problems("""
                        devices:
                          - {id: a, type: fake, timeout: 5 seconds}
                        """));
    }

    @Test
    void duplicateDeviceAndPointIdsAreErrors() {
        List<String> problems = problems("""
                devices:
                  - {id: a, type: fake, points: [{id: p, register: 1}]}
                  - {id: a, type: fake}
                  - {id: c, type: fake, points: [{id: p, register: 1}]}
                """);
        assertEquals(List.of(
                "points.yaml:3:6: devices[1].id: `a` is already the id of devices[0]",
                "points.yaml:4:5: devices[2]: point id `p` is also fed by `a`; only a device and its backup may share point ids"), problems);
    }

    @Test
    void backupMustExistAndShareAPointId() {
        List<String> problems = problems("""
                devices:
                  - {id: a, type: fake, backup: bb, points: [{id: p, register: 1}]}
                  - {id: b, type: fake, points: [{id: p, register: 2}]}
                  - {id: c, type: fake, backup: b, points: [{id: q, register: 1}]}
                """);
        assertEquals(List.of(
                "points.yaml:2:25: devices[0].backup: no device `bb` in this file — did you mean `b`?",
                "points.yaml:3:5: devices[1]: point id `p` is also fed by `a`; only a device and its backup may share point ids",
                "points.yaml:4:25: devices[2].backup: `b` feeds none of the point ids of `c`; a backup must use the same point ids"),
                problems);
    }

    @Test
    void deviceAndItsBackupShareThePointIds() {
        DriverConfiguration c = load("""
                devices:
                  - {id: a, type: fake, backup: b, points: [{id: p, register: 1}]}
                  - {id: b, type: fake, points: [{id: p, register: 2}]}
                """);
        assertEquals("b", c.backupOf("a").orElseThrow());
        assertTrue(c.isBackup("b"));
    }

    @Test
    void modelBringsTemplatePointsPrefixedWithTheDeviceId() {
        DriverConfiguration c = load("""
                devices:
                  - id: m1
                    type: fake
                    model: test-meter
                    points:
                      - {id: m1.energy, range: {max: 99999}}
                      - {id: m1.extra, register: 7}
                """);
        ConfiguredSource.Polled s = (ConfiguredSource.Polled) c.sources().get(0);
        assertEquals(List.of("m1.energy", "m1.power", "m1.extra"), s.points().stream().map(PointSettings::id).toList());
        assertEquals(new BigDecimal("99999"), s.points().get(0).max());
        assertEquals(Duration.ofSeconds(15), s.poll().period());
        FakeSourceType.FakeDevice d = (FakeSourceType.FakeDevice) s.device();
        assertEquals(10, d.scale());
        assertEquals(List.of(0x48, 0x34, 7), d.registers());
    }

    @Test
    void selectAndPrefixNarrowATemplate() {
        DriverConfiguration c = load("""
                devices:
                  - {id: m1, type: fake, model: test-meter, select: [power], point_prefix: "boiler/", scale: 2}
                """);
        ConfiguredSource.Polled s = (ConfiguredSource.Polled) c.sources().get(0);
        assertEquals(List.of("boiler/power"), s.points().stream().map(PointSettings::id).toList());
        assertEquals(2, ((FakeSourceType.FakeDevice) s.device()).scale());
    }

    @Test
    void templateProblemsNameTheTemplateAndSiteProblemsTheSite() {
        assertEquals(List.of(
                "template test-bad-meter: device.scale: `5000` is outside 1 … 1000",
                "template test-bad-meter: points[0].register: `70000` is outside 0 … 65535"), problems("""
                devices:
                  - {id: m1, type: fake, model: test-bad-meter}
                """));
        assertEquals(List.of("points.yaml:2:54: devices[0].select[0]: model test-meter has no point `powr` — did you mean `power`?"),
                problems("""
                        devices:
                          - {id: m1, type: fake, model: test-meter, select: [powr]}
                        """));
    }

    @Test
    void unknownModelAndWrongTypeForModelAreErrors() {
        assertEquals(List.of("points.yaml:2:26: devices[0].model: no template for model `nope` (looked for classpath resource "
                + "/io/tanhe/drivers/templates/nope.yaml)"), problems("""
                devices:
                  - {id: m1, type: fake, model: nope}
                """));
    }

    @Test
    void syntaxErrorsGiveLineAndColumn() {
        List<String> problems = problems("devices:\n  - {id: a, type: fake\n");
        assertEquals(1, problems.size());
        assertEquals("points.yaml:2:23: not valid YAML: expected ',' or '}', but got <stream end> (while parsing a flow mapping)",
                problems.get(0));
    }

    @Test
    void missingDevicesListIsAnError() {
        assertEquals(List.of("points.yaml: devices: is required: a list of devices",
                "points.yaml:1:1: device: unknown field — did you mean `devices`?"),
                problems("device: []\n"));
    }
}
