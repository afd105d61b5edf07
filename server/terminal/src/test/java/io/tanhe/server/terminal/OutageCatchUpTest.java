package io.tanhe.server.terminal;

import io.tanhe.server.evaluation.Replay;
import io.tanhe.server.site.Site;
import io.tanhe.server.site.SiteFiles;
import io.tanhe.server.store.ReadingFilter;
import io.tanhe.server.store.TimeRange;
import io.tanhe.server.store.jdbc.StoreSettings;
import io.tanhe.server.store.jdbc.JdbcStore;
import io.tanhe.sim.demo.DemoSite;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12, defect 1 and the catch-up part of 14: a terminal that was off for two weeks catches up
 * under the launcher's heap (-Xmx128m, a child JVM as `./tanhe` starts it), a day at a time, and a
 * kill -9 during the catch-up loses nothing and counts nothing twice. Before the fix the first
 * reading after the outage created every minute of the two weeks at once: OutOfMemoryError in the
 * evaluation thread.
 */
@Tag("slow")
class OutageCatchUpTest {
    private static final TimeRange ALL = TimeRange.of(Instant.EPOCH, Replay.END_OF_TIME);

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 25, unit = TimeUnit.MINUTES)
    void aTwoWeekOutageIsCaughtUpUnderTheLaunchersHeapAndSurvivesFiveKillsDuringIt() throws Exception {
        Path siteFile = DemoSite.writeTo(dir.resolve("site"));
        Path data = dir.resolve("data");
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Child before = Child.start(dir, "before", siteFile, data, acknowledged);
        assertTrue(before.process.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, before.process.exitValue(), "see " + dir.resolve("child.err"));

        Random random = new Random(12);
        for (int kill = 1; kill <= 5; kill++) {
            Child child = Child.start(dir, "after", siteFile, data, acknowledged);
            int target = 1 + random.nextInt(2); // days this run stores before the kill
            assertTrue(child.awaitProgress(target, 10), "kill " + kill + ": no catch-up progress; see " + dir.resolve("child.err"));
            // a short random wait, so the kill lands while days remain: SQLite catches up roughly a day a
            // second here, and the 3 s this waited on Derby let the catch-up end before the fifth kill
            Thread.sleep(random.nextInt(500));
            child.process.destroyForcibly();
            assertTrue(child.process.waitFor(30, TimeUnit.SECONDS));
            child.reader.join(10_000);
            assertTrue(Files.exists(data.resolve(OutageMarker.NAME)), "kill " + kill + " came after the catch-up ended");
        }
        Child last = Child.start(dir, "after", siteFile, data, acknowledged);
        assertTrue(last.process.waitFor(15, TimeUnit.MINUTES), "the catch-up did not finish");
        last.reader.join(10_000);
        assertEquals(0, last.process.exitValue(), "see " + dir.resolve("child.err"));
        assertFalse(String.join("\n", last.lines).contains("failed"), String.join("\n", last.lines));
        assertFalse(Files.readString(dir.resolve("child.err")).contains("OutOfMemoryError"));
        assertFalse(Files.exists(data.resolve(OutageMarker.NAME)), "the outage is recorded as caught up");
        System.out.println("outage catch-up: " + last.lines.stream().filter(l -> !l.startsWith("ack ")).toList());

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
            assertEquals(Set.of(), missing, "acknowledged but not stored");
            assertEquals(rows[0], identities.size(), "a reading is stored twice");
            assertEquals(List.of(), FreshRecomputation.differences(site, store).stream().limit(20).toList());
        }
    }

    /** One child JVM under the launcher's heap, and the thread that reads what it prints. */
    private static final class Child {
        final Process process;
        final Thread reader;
        final List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
        volatile int progress = -1;
        private final Object changed = new Object();

        private Child(Process process, Set<String> acknowledged) {
            this.process = process;
            this.reader = new Thread(() -> read(acknowledged), "outage-child-stdout");
            this.reader.start();
        }

        static Child start(Path dir, String mode, Path siteFile, Path data, Set<String> acknowledged) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder builder = new ProcessBuilder(java, "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-Xss512k", "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                    "-cp", System.getProperty("java.class.path"), OutageChild.class.getName(), mode, siteFile.toString(), data.toString());
            builder.redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("child.err").toFile()));
            return new Child(builder.start(), acknowledged);
        }

        boolean awaitProgress(int days, int minutes) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(minutes);
            synchronized (changed) {
                while (progress < days && process.isAlive() && System.nanoTime() < deadline) {
                    changed.wait(500);
                }
            }
            return progress >= days;
        }

        /** Takes complete lines only: a line cut by the kill is not an acknowledgement. */
        private void read(Set<String> acknowledged) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                StringBuilder line = new StringBuilder();
                for (int c = in.read(); c >= 0; c = in.read()) {
                    if (c != '\n') {
                        line.append((char) c);
                        continue;
                    }
                    String text = line.toString();
                    line.setLength(0);
                    if (text.startsWith("ack ")) {
                        acknowledged.add(text.substring(4));
                        continue;
                    }
                    lines.add(text);
                    if (text.startsWith("progress ")) {
                        progress = Integer.parseInt(text.substring(9, text.indexOf('/')));
                        synchronized (changed) {
                            changed.notifyAll();
                        }
                    }
                }
            } catch (IOException e) {
                // the child was killed
            }
        }
    }
}
