package io.tanhe.drivers.cjt188;

import io.tanhe.drivers.Reading;
import io.tanhe.drivers.config.ConfigContext;
import io.tanhe.grammar.config.ConfigProblem;
import io.tanhe.drivers.config.ConfiguredSource;
import io.tanhe.drivers.config.DriverConfiguration;
import io.tanhe.grammar.config.InvalidConfigException;
import io.tanhe.drivers.config.PointsFileLoader;
import io.tanhe.drivers.metersim.MeterSimulator;
import io.tanhe.drivers.metersim.SimCjt188Meter;
import io.tanhe.drivers.registry.SourceTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@code type: cjt188} in a points file, and the {@code cjt188-heat-meter} template. */
@Timeout(30)
class Cjt188TypeTest {
    private static final Instant T0 = Instant.parse("2025-03-01T00:15:00Z");

    private static DriverConfiguration load(String yaml) {
        return new PointsFileLoader(SourceTypes.all()).parse(yaml, "site.yaml", new ConfigContext(Clock.systemUTC(), Path.of(".")));
    }

    @Test
    void theHeatMeterTemplateWithAVendorLayoutReadsEveryField() throws Exception {
        SimCjt188Meter meter = new SimCjt188Meter(0x20, "42590008210438").unitBefore()
                .heat("5300.00", "05", "5328.19", "12.50", "17", "1.2345", "35", "1833.42", "75.30", "45.10", "2761")
                .time(2025, 3, 1, 8, 14, 58);
        try (MeterSimulator sim = MeterSimulator.tcp(meter);
             DriverConfiguration c = load("""
                     devices:
                       - id: hm1
                         type: cjt188
                         model: cjt188-heat-meter
                         address: "42590008210438"
                         layout: {unit_position: before}
                         timestamp: meter
                         zone: Asia/Shanghai
                         tcp: {host: 127.0.0.1, port: %d}
                         points:
                           - {id: hm1.current_heat, unit: MWh}
                     """.formatted(sim.port()))) {
            ConfiguredSource.Polled s = (ConfiguredSource.Polled) c.sources().get(0);
            List<Reading> r = s.device().poll(T0);
            assertEquals(8, r.size());
            assertEquals("hm1.current_heat", r.get(0).pointId());
            assertEquals(new BigDecimal("5.32819"), r.get(0).value());
            assertEquals("MWh", r.get(0).unit());
            assertEquals(Instant.parse("2025-03-01T00:14:58Z"), r.get(0).measuredAt());
            assertEquals(List.of("5300.00", "12.50", "1.2345", "1833.42", "75.30", "45.10", "2761"),
                    r.subList(1, 8).stream().map(x -> x.value().toPlainString()).toList());
        }
    }

    @Test
    void badFieldsAreReportedUnderTheirPaths() {
        List<String> problems = assertThrows(InvalidConfigException.class, () -> load("""
                devices:
                  - id: w1
                    type: cjt188
                    meter_type: cold-water
                    address: "00201510270588"
                    layout: {unit_position: first}
                    serial: {port: /dev/ttyUSB1, parity: mark}
                    points:
                      - {id: w1.heat, field: current-heat}
                      - {id: w1.flow, field: flow}
                      - {id: w1.x}
                  - id: w2
                    type: cjt188
                    meter_type: "99"
                    address: 201510270588001
                    tcp: {host: 127.0.0.1, port: 4001}
                    points: [{id: w2.flow, field: cumulative-flow}]
                """)).problems().stream().map(ConfigProblem::toString).toList();
        assertEquals(List.of(
                "site.yaml:6:14: devices[0].layout.unit_position: `first` is not one of after, before",
                "site.yaml:7:34: devices[0].serial.parity: `mark` is not one of none, even, odd",
                "site.yaml:9:23: devices[0].points[0].field: a 0x10 cold water meter does not report current-heat; it reports cumulative-flow, settlement-flow",
                "site.yaml:10:23: devices[0].points[1].field: `flow` is not one of settlement-heat, current-heat, heat-power, flow-rate, cumulative-flow, "
                        + "settlement-flow, supply-temperature, return-temperature, working-hours",
                "site.yaml:11:9: devices[0].points[2].field: is required: one of settlement-heat, current-heat, heat-power, flow-rate, cumulative-flow, "
                        + "settlement-flow, supply-temperature, return-temperature, working-hours",
                "site.yaml:14:5: devices[1].meter_type: 0x99 other meter is outside the water (10-19), heat (20-29), gas (30-39) and custom (40-49) ranges",
                "site.yaml:15:5: devices[1].address: write it in quotes, e.g. address: \"00201510270588\"; unquoted, YAML reads it as a number and drops leading zeros"),
                problems);
    }
}
