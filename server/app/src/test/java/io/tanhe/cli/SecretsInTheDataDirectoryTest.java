package io.tanhe.cli;

import io.tanhe.sim.hj212.Hj212PlatformSimulator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14: after a demo that reports to a simulated HJ 212 platform with a password (PW), no file under the
 * data directory (store, Derby log, audit, keys, uplink status, tanhe.log) holds the password in clear.
 */
@Tag("slow")
@Timeout(240)
class SecretsInTheDataDirectoryTest {
    private static final String PW = "Qx7Zp3";

    @TempDir
    Path dir;

    @Test
    void aDemoReportingWithAPasswordLeavesItNowhereInTheDataDirectory() throws Exception {
        try (Hj212PlatformSimulator platform = Hj212PlatformSimulator.start(0, Set.of(), line -> { })) {
            Path examples = Path.of("../../docs/examples/uplink");
            Files.writeString(dir.resolve("province-profile.yaml"),
                    Files.readString(examples.resolve("province-profile.yaml")).replace("password: \"123456\"", "password: \"" + PW + "\""));
            Files.writeString(dir.resolve("uplink.yaml"), """
                    centres:
                      - id: province
                        protocol: hj212-tcp
                        address: "127.0.0.1:%d"
                        profile: province-profile.yaml
                        indicators: [{node: E, code: a05001, unit: kgCO2}]
                        schedules: {realtime: {interval: 1m, delay: 30s}}
                        backoff: {max: 1m}
                    """.formatted(platform.port()));
            Path data = dir.resolve("data");
            CliRun demo = CliRun.of("demo", "--data-dir", data.toString(), "--port", "-1", "--minutes", "120", "--speed", "600",
                    "--start", "2026-06-01T08:00", "--summary-every", "1", "--uplink", dir.resolve("uplink.yaml").toString());
            assertEquals(0, demo.exit(), demo.err());
            assertTrue(platform.packets() > 0, "the platform received nothing; the demo said: " + demo.out() + demo.err());

            assertEquals(List.of("province-profile.yaml"), holding(dir).stream().filter(f -> !f.startsWith("data")).toList(),
                    "the search finds the password where the operator keeps it");
            List<String> hits = holding(data);
            assertTrue(Files.exists(data.resolve("tanhe.log")), "the log is searched too");
            assertTrue(Files.exists(data.resolve("tanhe.sqlite")), "the store's database (SQLite, one file) is searched too");
            assertEquals(List.of(), hits, "files under the data directory holding the HJ 212 password in clear");
            assertTrue(!demo.out().contains(PW) && !demo.err().contains(PW), "the console never shows it");
        }
    }

    /** Every file under {@code root} whose bytes contain the password, relative to {@code root}. */
    private static List<String> holding(Path root) throws java.io.IOException {
        List<String> hits = new ArrayList<>();
        int files = 0;
        try (Stream<Path> all = Files.walk(root)) {
            for (Path file : all.filter(Files::isRegularFile).toList()) {
                files++;
                if (new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(PW)) {
                    hits.add(root.relativize(file).toString());
                }
            }
        }
        assertTrue(files >= 5, "only " + files + " files were searched under " + root);
        return hits;
    }
}
