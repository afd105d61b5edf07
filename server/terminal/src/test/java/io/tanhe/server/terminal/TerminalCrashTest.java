package io.tanhe.server.terminal;

import io.tanhe.server.evaluation.Replay;
import io.tanhe.sim.demo.DemoSite;
import io.tanhe.server.site.Site;
import io.tanhe.server.site.SiteFiles;
import io.tanhe.server.store.ReadingFilter;
import io.tanhe.server.store.TimeRange;
import io.tanhe.server.store.jdbc.StoreSettings;
import io.tanhe.server.store.jdbc.JdbcStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kills a terminal process under load with SIGKILL at random moments, ten times. After each kill a
 * restart rebuilds the open buckets; then every reading the killed process had acknowledged is in
 * the store, none is stored twice, and the stored results equal a fresh recomputation from the raw readings.
 */
class TerminalCrashTest {
    private static final int KILLS = 10;
    private static final TimeRange ALL = TimeRange.of(Instant.EPOCH, Replay.END_OF_TIME);

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void acknowledgedReadingsSurviveKillMinusNineAndResultsEqualARecomputation() throws Exception {
        Path siteFile = DemoSite.writeTo(dir.resolve("site"));
        Path data = dir.resolve("data");
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Random random = new Random(7);
        for (int kill = 1; kill <= KILLS; kill++) {
            Child child = Child.start(dir, "load", siteFile, data, acknowledged);
            assertTrue(child.firstAck.await(90, TimeUnit.SECONDS), "no acknowledgement within 90 s; see " + dir.resolve("child.err"));
            Thread.sleep(100 + random.nextInt(1500));
            child.process.destroyForcibly();
            assertTrue(child.process.waitFor(30, TimeUnit.SECONDS));
            child.reader.join(10_000);

            Child recovery = Child.start(dir, "recover", siteFile, data, acknowledged);
            assertTrue(recovery.process.waitFor(90, TimeUnit.SECONDS), "the restart did not finish");
            assertEquals(0, recovery.process.exitValue(), "the restart failed; see " + dir.resolve("child.err"));

            try (Site site = SiteFiles.load(siteFile); JdbcStore store = JdbcStore.open(StoreSettings.at(data))) {
                Set<String> stored = new HashSet<>();
                Set<String> identities = new HashSet<>();
                long[] rows = {0};
                store.readings().scan(ReadingFilter.of(ALL), r -> {
                    rows[0]++;
                    stored.add(r.idempotencyKey());
                    identities.add(r.pointId() + "|" + r.measuredAt() + "|" + r.sourceId());
                });
                Set<String> missing = new HashSet<>(acknowledged);
                missing.removeAll(stored);
                assertEquals(Set.of(), missing, "after kill " + kill + ": acknowledged but not stored");
                assertEquals(rows[0], identities.size(), "after kill " + kill + ": a reading is stored twice");
                assertEquals(List.of(), FreshRecomputation.differences(site, store), "after kill " + kill);
            }
        }
        assertTrue(acknowledged.size() > KILLS * 50, "only " + acknowledged.size() + " readings were acknowledged");
    }

    /** One child process and the thread that reads its acknowledgements. */
    private static final class Child {
        final Process process;
        final Thread reader;
        final CountDownLatch firstAck = new CountDownLatch(1);

        private Child(Process process, Set<String> acknowledged) {
            this.process = process;
            this.reader = new Thread(() -> read(process.getInputStream(), acknowledged), "crash-child-stdout");
            this.reader.start();
        }

        static Child start(Path dir, String mode, Path siteFile, Path data, Set<String> acknowledged) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
                    CrashChild.class.getName(), mode, siteFile.toString(), data.toString());
            builder.redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("child.err").toFile()));
            return new Child(builder.start(), acknowledged);
        }

        /** Takes complete lines only: a line cut by the kill is not an acknowledgement. */
        private void read(InputStream in, Set<String> acknowledged) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            try (in) {
                for (int b = in.read(); b >= 0; b = in.read()) {
                    if (b != '\n') {
                        line.write(b);
                        continue;
                    }
                    String text = line.toString(StandardCharsets.UTF_8);
                    line.reset();
                    if (text.startsWith("ack ")) {
                        acknowledged.add(text.substring(4));
                        firstAck.countDown();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
