package io.tanhe.drivers.modbus;

import io.tanhe.drivers.Quality;
import io.tanhe.drivers.Reading;
import io.tanhe.drivers.modbus.PymodbusServer;
import io.tanhe.drivers.config.DriverConfiguration;
import io.tanhe.grammar.config.InvalidConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.tanhe.drivers.modbus.ModbusTestSupport.load;
import static io.tanhe.drivers.modbus.ModbusTestSupport.poll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Modbus RTU over a socat pty pair: pymodbus as the slave, and a bad-CRC peer for the fault case. */
@Timeout(90)
class ModbusRtuPeerTest {

    private static String rtuDevice(String id, Path port, int unit, String points) {
        return """
                  - id: %s
                    type: modbus-rtu
                    port: %s
                    baud: 9600
                    unit_id: %d
                    timeout: 1s
                    retries: 1
                    points: %s
                """.formatted(id, port, unit, points);
    }

    @Test
    void readsFloatsAndIntegersFromAPymodbusRtuSlave() throws Exception {
        try (PtyPair pty = new PtyPair();
             PymodbusServer server = PymodbusServer.rtu(pty.server.toString(), 9600, """
                     {"units": {"1": {"ir": [{"f32": 230.1}, 0, 0, {"f32": 12345.678}], "hr": [65535, 4660]},
                                "3": {"hr": [17]}}}
                     """, Duration.ofSeconds(20));
             DriverConfiguration c = load("devices:\n"
                     + rtuDevice("m1", pty.client, 1, """
                     [{id: v, register: 0, function: 4, type: float32, unit: V},
                      {id: e, register: 4, function: 4, type: float32, unit: kWh},
                      {id: i, register: 0, type: int16}, {id: b, register: 1, type: bcd16}]""")
                     + rtuDevice("m3", pty.client, 3, "[{id: x, register: 0}]")
                     + rtuDevice("ghost", pty.client, 9, "[{id: g, register: 0}]"))) {
            Thread.sleep(300);
            Map<String, Reading> r = poll(c, "m1");
            r.values().forEach(x -> assertEquals(Quality.MEASURED, x.quality(), x.toString()));
            assertEquals("230.1", r.get("v").value().toPlainString());
            assertEquals("12345.678", r.get("e").value().toPlainString());
            assertEquals("-1", r.get("i").value().toPlainString());
            assertEquals("1234", r.get("b").value().toPlainString());
            Reading ghost = poll(c, "ghost").get("g");
            assertEquals(Quality.TIMEOUT, ghost.quality(), "unknown unit id is silence: " + ghost);
            assertEquals("17", poll(c, "m3").get("x").value().toPlainString(), "the line still works afterwards");
        }
    }

    @Test
    void devicesOnOneLineMustAgreeOnItsSettings() throws Exception {
        try (PtyPair pty = new PtyPair()) {
            String second = rtuDevice("b", pty.client, 2, "[{id: y, register: 0}]").replace("baud: 9600", "baud: 19200");
            InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> load("devices:\n"
                    + rtuDevice("a", pty.client, 1, "[{id: x, register: 0}]") + second));
            assertTrue(e.problems().get(0).toString().startsWith("test.yaml:12:5: devices[1].port: line " + pty.client
                    + " is already used with other settings"), e.getMessage());
        }
    }

    @Test
    void replyWithBadCrcIsACommErrorNeverAValue() throws Exception {
        Reading r = pollRawPeer("bad-crc");
        assertEquals(Quality.COMM_ERROR, r.quality(), r.toString());
        assertEquals(null, r.value());
        assertTrue(r.detail().contains("CRC"), r.detail());
    }

    @Test
    void replyFromAnotherUnitIdIsACommErrorNeverAValue() throws Exception {
        Reading r = pollRawPeer("wrong-unit");
        assertEquals(Quality.COMM_ERROR, r.quality(), r.toString());
        assertEquals(null, r.value());
        assertTrue(r.detail().contains("Unit ID mismatch"), r.detail()); // j2mod checks this on serial lines
    }

    /** Polls unit 1 once against rtu_bad_crc_peer.py in {@code mode}; returns the reading of its one point. */
    private Reading pollRawPeer(String mode) throws Exception {
        try (PtyPair pty = new PtyPair()) {
            Path script = Files.createTempFile("tanhe-badcrc", ".py");
            try (var in = getClass().getResourceAsStream("rtu_bad_crc_peer.py")) {
                Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            Process peer = new ProcessBuilder(PymodbusServer.PYTHON, script.toString(), pty.server.toString(), mode)
                    .redirectErrorStream(true).start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(peer.getInputStream(), StandardCharsets.UTF_8));
                assertEquals("ready", out.readLine());
                try (DriverConfiguration c = load("devices:\n" + rtuDevice("m", pty.client, 1, "[{id: x, register: 0}]"))) {
                    List<Reading> readings = ModbusTestSupport.device(c, "m").poll(java.time.Instant.now());
                    return readings.get(0);
                }
            } finally {
                peer.destroy();
                if (!peer.waitFor(3, TimeUnit.SECONDS)) {
                    peer.destroyForcibly();
                }
                Files.deleteIfExists(script);
            }
        }
    }
}
