package io.tanhe.drivers.dlt645;

import io.tanhe.drivers.Quality;
import io.tanhe.drivers.Reading;
import io.tanhe.drivers.config.ConfigContext;
import io.tanhe.grammar.config.ConfigProblem;
import io.tanhe.drivers.config.ConfiguredSource;
import io.tanhe.drivers.config.DriverConfiguration;
import io.tanhe.grammar.config.InvalidConfigException;
import io.tanhe.drivers.config.PointsFileLoader;
import io.tanhe.drivers.metersim.MeterSimulator;
import io.tanhe.drivers.metersim.SimDlt645Meter;
import io.tanhe.drivers.registry.SourceTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@code type: dlt645} in a points file, and the {@code dlt645-energy-meter} template. */
@Timeout(30)
class Dlt645TypeTest {
    private static final Instant T0 = Instant.parse("2025-03-01T00:15:00Z");

    private static DriverConfiguration load(String yaml) {
        return new PointsFileLoader(SourceTypes.all()).parse(yaml, "site.yaml", new ConfigContext(Clock.systemUTC(), Path.of(".")));
    }

    private static List<String> problems(String yaml) {
        return assertThrows(InvalidConfigException.class, () -> load(yaml)).problems().stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void aConfiguredMeterIsPolledOverTcp() throws Exception {
        try (MeterSimulator sim = MeterSimulator.tcp(new SimDlt645Meter("000072007201", false)
                .value(0x00010000L, "12345.67", 2, 4).value(0x04000401L, "1", 0, 6));
             DriverConfiguration c = load("""
                     devices:
                       - id: m1
                         type: dlt645
                         address: "72007201"
                         tcp: {host: 127.0.0.1, port: %d}
                         timeout: 500ms
                         points:
                           - {id: m1.import, di: "00010000", unit: kWh}
                           - {id: m1.addr, di: "04000401", format: XXXXXXXXXXXX, unit: "1"}
                     """.formatted(sim.port()))) {
            ConfiguredSource.Polled s = (ConfiguredSource.Polled) c.sources().get(0);
            assertEquals(Duration.ofMillis(500), s.poll().timeout());
            List<Reading> r = s.device().poll(T0);
            assertEquals(new BigDecimal("12345.67"), r.get(0).value());
            assertEquals(new BigDecimal("1"), r.get(1).value());
        }
    }

    @Test
    void theEnergyMeterTemplateNeedsOnlyAnAddressAndABus() throws Exception {
        try (MeterSimulator sim = MeterSimulator.tcp(new SimDlt645Meter("000072007201", false).value(0x00010000L, "7.00", 2, 4));
             DriverConfiguration c = load("""
                     devices:
                       - id: m1
                         type: dlt645
                         model: dlt645-energy-meter
                         address: "000072007201"
                         tcp: {host: 127.0.0.1, port: %d}
                         timeout: 300ms
                         retries: 0
                         select: [active_energy_import, voltage_a]
                     """.formatted(sim.port()))) {
            ConfiguredSource.Polled s = (ConfiguredSource.Polled) c.sources().get(0);
            assertEquals(List.of("m1.active_energy_import", "m1.voltage_a"), s.points().stream().map(p -> p.id()).toList());
            List<Reading> r = s.device().poll(T0);
            assertEquals(new BigDecimal("7.00"), r.get(0).value());
            assertEquals(Quality.DEVICE_ERROR, r.get(1).quality(), "the simulated meter has no voltage");
        }
    }

    @Test
    void badFieldsAreReportedUnderTheirPaths() {
        assertEquals(List.of(
                "site.yaml:4:5: devices[0].address: write it in quotes, e.g. address: \"000072007201\"; unquoted, YAML reads it as a number and drops leading zeros",
                "site.yaml:7:17: devices[0].points[0].di: write it in quotes, e.g. di: \"00010000\"; unquoted, YAML reads it as a number and drops leading zeros",
                "site.yaml:8:17: devices[0].points[1].di: DI 04000401 is not in the built-in table (see docs/drivers.md); give its format (e.g. XXXXXX.XX), signed and unit",
                "site.yaml:9:33: devices[0].points[2].unit: DI 00010000 (forward (import) active total energy) reads kWh; write unit: kWh or leave unit out",
                "site.yaml:10:33: devices[0].points[3].format: `XX.X` has 3 digits; BCD values have an even number (two per byte)",
                "site.yaml:11:17: devices[0].points[4].di: `9010` is not a DL/T 645-2007 data identifier: give 8 hex digits, most significant first (e.g. 00010000)"),
                problems("""
                        devices:
                          - id: m1
                            type: dlt645
                            address: 000072007201
                            serial: {port: /dev/ttyUSB0}
                            points:
                              - {id: a, di: 00010000}
                              - {id: b, di: "04000401"}
                              - {id: c, di: "00010000", unit: MWh}
                              - {id: d, di: "02800003", format: XX.X, unit: x}
                              - {id: e, di: "9010"}
                        """));
    }

    @Test
    void aDeviceNeedsExactlyOneBus() {
        assertEquals(List.of("site.yaml:2:5: devices[0].serial: give exactly one of serial: {port: /dev/ttyUSB0, baud: 2400, parity: even} or tcp: {host: 10.0.0.5, port: 4001}"),
                problems("""
                        devices:
                          - {id: m1, type: dlt645, address: "1", points: [{id: a, di: "00010000"}]}
                        """));
    }

    @Test
    void metersOnOneSerialLineMustAgreeOnItsSettings() {
        assertEquals(List.of("site.yaml:3:42: devices[1].serial: this line is already used as serial /dev/ttyUSB0 2400 8E1 by another device; "
                        + "devices on one line must use the same settings"),
                problems("""
                        devices:
                          - {id: m1, type: dlt645, address: "1", serial: {port: /dev/ttyUSB0}, points: [{id: a, di: "00010000"}]}
                          - {id: m2, type: dlt645, address: "2", serial: {port: /dev/ttyUSB0, baud: 9600}, points: [{id: b, di: "00010000"}]}
                        """));
    }

    @Test
    void metersOnOneLineShareIt() throws Exception {
        try (MeterSimulator sim = MeterSimulator.tcp(new SimDlt645Meter("000000000001", false).value(0x00010000L, "1.00", 2, 4));
             DriverConfiguration c = load("""
                     devices:
                       - {id: m1, type: dlt645, address: "1", tcp: {host: 127.0.0.1, port: %1$d}, points: [{id: a, di: "00010000"}]}
                       - {id: m2, type: dlt645, address: "2", tcp: {host: 127.0.0.1, port: %1$d}, timeout: 200ms, retries: 0,
                          points: [{id: b, di: "00010000"}]}
                     """.formatted(sim.port()))) {
            Reading a = ((ConfiguredSource.Polled) c.sources().get(0)).device().poll(T0).get(0);
            Reading b = ((ConfiguredSource.Polled) c.sources().get(1)).device().poll(T0).get(0);
            assertEquals(new BigDecimal("1.00"), a.value());
            assertEquals(Quality.TIMEOUT, b.quality(), "meter 2 is absent from the bus");
        }
    }
}
