package io.tanhe.drivers.modbus;

import io.tanhe.drivers.Quality;
import io.tanhe.drivers.Reading;
import io.tanhe.drivers.modbus.PymodbusServer;
import io.tanhe.drivers.config.DriverConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

import static io.tanhe.drivers.modbus.ModbusTestSupport.device;
import static io.tanhe.drivers.modbus.ModbusTestSupport.load;
import static io.tanhe.drivers.modbus.ModbusTestSupport.poll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Modbus TCP against Debian's pymodbus, started by the test on 127.0.0.1. */
@Timeout(60)
class ModbusTcpPeerTest {
    private static final String IMAGE = """
            {"units": {
              "1": {"ir": [{"f32": 230.1}, {"f32": 231.2}, {"f32": 229.9}, 0, 0, 0, {"f32": 12345.678}],
                    "hr": [65534, 4660, 1, 0, 7, {"u32": 4294967294}, {"f64": 0.1}, 0, 0, 0, 0],
                    "co": [1, 0, 1], "di": [0, 1]},
              "2": {"hr": [42]}
            }}
            """;
    private static PymodbusServer server;
    private static int port;

    @BeforeAll
    static void startServer() throws Exception {
        port = ModbusTestSupport.freePort();
        server = PymodbusServer.tcp(port, IMAGE, Duration.ofSeconds(20));
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private String entry(String id, int unit, String extra, String points) {
        return """
                  - id: %s
                    type: modbus-tcp
                    host: 127.0.0.1
                    port: %d
                    unit_id: %d
                    timeout: 1500ms
                    retries: 0
                %s
                    points:
                %s
                """.formatted(id, port, unit, extra.indent(4).stripTrailing(), points.indent(6).stripTrailing());
    }

    @Test
    void readsEveryTypeAndFunctionInFewRequests() {
        String points = """
                - {id: v1, register: 0, function: 4, type: float32, unit: V}
                - {id: v2, register: 2, function: 4, type: float32, unit: V}
                - {id: v3, register: 4, function: 4, type: float32, unit: V}
                - {id: energy, register: 9, function: 4, type: float32, unit: kWh}
                - {id: i16, register: 0, type: int16}
                - {id: u16, register: 0, type: uint16}
                - {id: bcd, register: 1, type: bcd16}
                - {id: scaled, register: 4, scale: 0.1, offset: -40}
                - {id: expr, register: 4, expression: "x * x"}
                - {id: u32, register: 5, type: uint32}
                - {id: f64, register: 7, type: float64}
                - {id: coil0, register: 0, function: 1}
                - {id: coil1, register: 1, function: 1}
                - {id: di1, register: 1, function: 2}
                """;
        try (DriverConfiguration c = load("devices:\n" + entry("m1", 1, "", points))) {
            ModbusDevice d = device(c, "m1");
            assertEquals(4, d.plan().size(), "FC4, FC3, FC1, FC2: one request each");
            long before = d.bus().requestCount();
            Map<String, Reading> r = poll(c, "m1");
            assertEquals(4, d.bus().requestCount() - before);
            r.values().forEach(x -> assertEquals(Quality.MEASURED, x.quality(), x.toString()));
            assertEquals("230.1", r.get("v1").value().toPlainString());
            assertEquals("231.2", r.get("v2").value().toPlainString());
            assertEquals("229.9", r.get("v3").value().toPlainString());
            assertEquals("12345.678", r.get("energy").value().toPlainString());
            assertEquals("kWh", r.get("energy").unit());
            assertEquals("-2", r.get("i16").value().toPlainString());
            assertEquals("65534", r.get("u16").value().toPlainString());
            assertEquals("1234", r.get("bcd").value().toPlainString());
            assertEquals("-39.3", r.get("scaled").value().toPlainString());
            assertEquals("49", r.get("expr").value().toPlainString());
            assertEquals("4294967294", r.get("u32").value().toPlainString());
            assertEquals("0.1", r.get("f64").value().toPlainString());
            assertEquals(BigDecimal.ONE, r.get("coil0").value());
            assertEquals(BigDecimal.ZERO, r.get("coil1").value());
            assertEquals(BigDecimal.ONE, r.get("di1").value());
            r.values().forEach(x -> assertEquals(Quality.MEASURED, x.quality(), x.toString()));
            r.values().forEach(x -> assertEquals("m1", x.sourceId()));
        }
    }

    @Test
    void unknownUnitIdTimesOutWithoutStallingTheOtherUnitsOnTheBus() {
        String yaml = "devices:\n" + entry("good", 2, "", "- {id: g, register: 0}")
                + entry("ghost", 9, "", "- {id: x, register: 0}");
        try (DriverConfiguration c = load(yaml)) {
            assertEquals(device(c, "good").bus(), device(c, "ghost").bus(), "same host:port is one bus");
            Reading ghost = poll(c, "ghost").get("x");
            assertEquals(Quality.TIMEOUT, ghost.quality(), ghost.toString());
            assertEquals(null, ghost.value());
            Reading good = poll(c, "good").get("g");
            assertEquals(Quality.MEASURED, good.quality(), good.toString());
            assertEquals("42", good.value().toPlainString());
        }
    }

    @Test
    void silentDeviceIsBackedOffAndCostsTheBusNothingMeanwhile() {
        try (DriverConfiguration c = load("devices:\n" + entry("ghost", 9, "backoff_max: 1min", "- {id: x, register: 0}"))) {
            ModbusDevice d = device(c, "ghost");
            poll(c, "ghost");
            long after = d.bus().requestCount();
            long t0 = System.nanoTime();
            Reading r = poll(c, "ghost").get("x");
            assertTrue(System.nanoTime() - t0 < 100_000_000L, "a backed-off poll returns at once");
            assertEquals(after, d.bus().requestCount());
            assertEquals(Quality.TIMEOUT, r.quality());
            assertTrue(r.detail().startsWith("not asked: silent for 1 poll(s)"), r.detail());
        }
    }

    @Test
    void exceptionReplyIsADeviceError() {
        try (DriverConfiguration c = load("devices:\n" + entry("m1", 2, "", "- {id: far, register: 500}"))) {
            Reading r = poll(c, "m1").get("far");
            assertEquals(Quality.DEVICE_ERROR, r.quality(), r.toString());
            assertTrue(r.detail().startsWith("exception reply 2"), r.detail());
        }
    }

    @Test
    void writesWithFunctions5And6And15And16ReadBack() throws ModbusFailure {
        try (DriverConfiguration c = load("devices:\n" + entry("w", 1, "", """
                - {id: r8, register: 8}
                - {id: r9, register: 9}
                - {id: r10, register: 10}
                - {id: c1, register: 1, function: 1}
                - {id: c2, register: 2, function: 1}
                """))) {
            ModbusBus bus = device(c, "w").bus();
            Duration t = Duration.ofMillis(500);
            bus.writeRegisters(1, 8, new int[]{1111}, t, 0);
            bus.writeRegisters(1, 9, new int[]{2222, 3333}, t, 0);
            bus.writeCoils(1, 1, new boolean[]{true}, t, 0);
            bus.writeCoils(1, 2, new boolean[]{false}, t, 0);
            Map<String, Reading> r = poll(c, "w");
            assertEquals("1111", r.get("r8").value().toPlainString());
            assertEquals("2222", r.get("r9").value().toPlainString());
            assertEquals("3333", r.get("r10").value().toPlainString());
            assertEquals(BigDecimal.ONE, r.get("c1").value());
            assertEquals(BigDecimal.ZERO, r.get("c2").value());
            bus.writeCoils(1, 1, new boolean[]{false, true}, t, 0);
            r = poll(c, "w");
            assertEquals(BigDecimal.ZERO, r.get("c1").value());
            assertEquals(BigDecimal.ONE, r.get("c2").value());
        }
    }

    @Test
    void nobodyListeningIsATimeoutNotACrash() throws Exception {
        int closedPort = ModbusTestSupport.freePort();
        String yaml = entry("gone", 1, "", "- {id: x, register: 0}").replace("port: " + port, "port: " + closedPort);
        try (DriverConfiguration c = load("devices:\n" + yaml)) {
            Reading r = poll(c, "gone").get("x");
            assertEquals(Quality.TIMEOUT, r.quality(), r.toString());
            assertTrue(r.detail().startsWith("cannot open tcp 127.0.0.1:" + closedPort), r.detail());
        }
    }
}
