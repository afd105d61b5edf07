package io.tanhe.server.security.audit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kills a process that writes audit entries with SIGKILL at random moments, eight times, and checks after
 * each kill that the chain verifies and holds every acknowledged entry.
 */
@Tag("slow")
class AuditCrashTest {
    private static final int KILLS = 8;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void killMinusNineDuringWritesLeavesAVerifiableChainWithEveryAcknowledgedEntry() throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Random random = new Random(7);
        for (int kill = 1; kill <= KILLS; kill++) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder builder = new ProcessBuilder(java, "-Xmx128m", "-XX:TieredStopAtLevel=1",
                    "-Dderby.system.home=" + dir, "-cp", System.getProperty("java.class.path"),
                    AuditCrashWriter.class.getName(), dir.toString(), Integer.toString(kill));
            builder.redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("child.err").toFile()));
            Process process = builder.start();
            CountDownLatch firstAck = new CountDownLatch(1);
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        if (line.startsWith("ack ")) {
                            acknowledged.add(line.substring(4).replace('_', ' '));
                            firstAck.countDown();
                        }
                    }
                } catch (java.io.IOException ignored) {
                    // the pipe closes with the kill
                }
            });
            reader.start();
            assertTrue(firstAck.await(60, TimeUnit.SECONDS), "the writer acknowledged nothing in 60 s; see " + dir.resolve("child.err"));
            Thread.sleep(100 + random.nextInt(900));
            process.destroyForcibly();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
            reader.join(10_000);

            try (AuditFixture f = new AuditFixture(dir); AuditLog log = f.open()) {
                AuditVerification v = log.verifyQuietly();
                assertTrue(v.intact(), "after kill " + kill + ": " + v.summary());
                Set<String> stored = new HashSet<>();
                try (var c = f.store.connect(); var s = c.createStatement();
                     var rs = s.executeQuery("SELECT detail FROM audit_entry WHERE event_type = 'config.change'")) {
                    while (rs.next()) {
                        stored.add(rs.getString(1));
                    }
                    c.commit();
                }
                Set<String> missing = new HashSet<>(acknowledged);
                missing.removeAll(stored);
                assertEquals(Set.of(), missing, "after kill " + kill + ": acknowledged but not in the audit");
            }
        }
        assertTrue(acknowledged.size() > KILLS * 10, "only " + acknowledged.size() + " entries were acknowledged");
    }
}
