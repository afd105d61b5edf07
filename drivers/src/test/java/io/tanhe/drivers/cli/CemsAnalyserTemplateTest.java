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

/** The {@code teledyne-t300-co2} template read by {@code tanhe read --once} from a pymodbus server holding its register image. */
@Timeout(60)
class CemsAnalyserTemplateTest {
    private static PymodbusServer server;
    private static int port;

    /** Input registers: CO2 12.3 % at 200, slope 1.002 at 204, O2 6.05 % at 100, float32 high word first. */
    static String image() {
        int[] regs = new int[208];
        putFloat(regs, 200, 12.3f);
        putFloat(regs, 204, 1.002f);
        putFloat(regs, 100, 6.05f);
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
        server = PymodbusServer.tcp(port, image(), Duration.ofSeconds(20));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theAnalysersCo2AndO2AreReadAtTheManualsAddresses(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("points.yaml");
        Files.writeString(f, """
                devices:
                  - id: stack1-analyser
                    type: modbus-tcp
                    model: teledyne-t300-co2
                    host: 127.0.0.1
                    port: %d
                    timeout: 2s
                    point_prefix: "stack1."
                    select: [co2, co2_slope, o2]
                """.formatted(port));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new CommandLine(new ReadCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))).execute("--config", f.toString(), "--once");
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        assertTrue(text.lines().anyMatch(l -> l.startsWith("stack1.co2 ") && l.contains("12.3") && l.contains("MEASURED")), text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("stack1.co2_slope") && l.contains("1.002")), text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("stack1.o2 ") && l.contains("6.05")), text);
    }
}
