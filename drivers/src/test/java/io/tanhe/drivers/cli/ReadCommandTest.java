package io.tanhe.drivers.cli;

import io.tanhe.drivers.modbus.PymodbusServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.StringJoiner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code tanhe read --once} against a pymodbus TCP server serving an SDM630 register image. */
@Timeout(60)
class ReadCommandTest {
    private static PymodbusServer server;
    private static int port;

    /** SDM630 input registers: float32 ABCD at the addresses of protocols.md §4.2. */
    static String sdm630Image() {
        int[] regs = new int[0x158];
        putFloat(regs, 0x0000, 230.1f);
        putFloat(regs, 0x0046, 50.02f);
        putFloat(regs, 0x0048, 12345.678f);
        StringJoiner j = new StringJoiner(",", "{\"units\": {\"1\": {\"ir\": [", "]}}}");
        for (int r : regs) {
            j.add(Integer.toString(r));
        }
        return j.toString();
    }

    private static void putFloat(int[] regs, int address, float v) {
        int bits = Float.floatToIntBits(v);
        regs[address] = bits >>> 16;
        regs[address + 1] = bits & 0xFFFF;
    }

    @BeforeAll
    static void start() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        server = PymodbusServer.tcp(port, sdm630Image(), Duration.ofSeconds(20));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private record Result(int code, String out, String err) {
    }

    private Result run(Path file, String... extra) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] args = new String[extra.length + 2];
        args[0] = "--config";
        args[1] = file.toString();
        System.arraycopy(extra, 0, args, 2, extra.length);
        int code = new CommandLine(new ReadCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))).execute(args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void onceReadsATemplateMeterAndPrintsOneTable(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("points.yaml");
        Files.writeString(f, """
                devices:
                  - id: m1
                    type: modbus-tcp
                    model: eastron-sdm630
                    host: 127.0.0.1
                    port: %d
                    timeout: 2s
                    select: [voltage_l1, frequency, import_active_energy]
                """.formatted(port));
        Result r = run(f, "--once");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("point"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("m1.import_active_energy") && l.contains("12345.678")
                && l.contains("kWh") && l.contains("MEASURED") && l.contains("m1")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("m1.voltage_l1") && l.contains("230.1")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("m1.frequency") && l.contains("50.02")), r.out());
    }

    @Test
    void aDeviceThatDoesNotAnswerMakesTheExitCodeNonZero(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("points.yaml");
        Files.writeString(f, """
                devices:
                  - {id: ghost, type: modbus-tcp, host: 127.0.0.1, port: %d, unit_id: 7, timeout: 200ms, retries: 0,
                     points: [{id: g, register: 0, function: 4}]}
                """.formatted(port));
        Result r = run(f);
        assertEquals(1, r.code());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("g ") && l.contains("TIMEOUT")), r.out());
        assertTrue(r.err().contains("1 of 1 point(s) could not be read"), r.err());
    }

    @Test
    void anInvalidFileListsItsProblemsAndExitsWith2(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("points.yaml");
        Files.writeString(f, """
                devices:
                  - {id: m1, type: modbus-tcp, host: 127.0.0.1, prot: 502, points: [{id: p, register: -1}]}
                """);
        Result r = run(f);
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith(f + ": 2 problems\n"), r.err());
        assertTrue(r.err().contains(f + ":2:77: devices[0].points[0].register: `-1` is outside 0 … 65535"), r.err());
        assertTrue(r.err().contains(f + ":2:49: devices[0].prot: unknown field — did you mean `port`?"), r.err());
    }
}
