package io.tanhe.server.store.jdbc;

import io.tanhe.server.store.ReadingFilter;
import io.tanhe.server.store.StoredReading;
import io.tanhe.server.store.TimeRange;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
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
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kills a writing process with SIGKILL at random moments, twelve times, and checks after each restart
 * that every reading it had acknowledged is stored, and none twice, on every engine (for PostgreSQL the
 * process killed is the store's client; the server keeps running, as it would when a terminal dies).
 */
class CrashSafetyTest {
    private static final int KILLS = 12;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Engine.class)
    @Tag("slow")
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void everyAcknowledgedReadingSurvivesKillMinusNineAndNoneIsStoredTwice(Engine engine) throws Exception {
        StoreSettings settings = TestStores.settings(engine, dir);
        String url = engine == Engine.POSTGRESQL ? settings.server().url() : "";
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Random random = new Random(42);
        long nextSeq = 0;
        int rewritten = 0;
        for (int kill = 1; kill <= KILLS; kill++) {
            Child child = Child.start(dir, engine, url, nextSeq, acknowledged);
            assertTrue(child.firstAck.await(60, TimeUnit.SECONDS), "the writer acknowledged nothing within 60 s; its stderr: "
                    + dir.resolve("child.err"));
            Thread.sleep(50 + random.nextInt(700));
            child.process.destroyForcibly();
            assertTrue(child.process.waitFor(30, TimeUnit.SECONDS));
            child.reader.join(10_000);
            rewritten += child.rewrites.get();

            try (JdbcStore store = JdbcStore.open(settings)) {
                Set<String> stored = new HashSet<>();
                Set<String> identities = new HashSet<>();
                long[] rows = {0};
                store.readings().scan(ReadingFilter.of(TimeRange.of(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"))),
                        (StoredReading r) -> {
                            rows[0]++;
                            stored.add(r.idempotencyKey());
                            identities.add(r.pointId() + "|" + r.measuredAt() + "|" + r.sourceId());
                        });
                Set<String> missing = new HashSet<>(acknowledged);
                missing.removeAll(stored);
                assertEquals(Set.of(), missing, "after kill " + kill + ": acknowledged but not stored");
                assertEquals(rows[0], identities.size(), "after kill " + kill + ": a reading is stored twice");
            }
            nextSeq = child.maxSeq.get() + 1;
        }
        assertTrue(acknowledged.size() > KILLS * 20, "only " + acknowledged.size() + " readings were acknowledged");
        assertTrue(rewritten > 0, "no run rewrote a reading a previous run had stored");
    }

    /** One run of {@link CrashWriter} and the thread that reads its acknowledgements. */
    private static final class Child {
        final Process process;
        final Thread reader;
        final CountDownLatch firstAck = new CountDownLatch(1);
        final AtomicLong maxSeq = new AtomicLong(-1);
        final AtomicLong rewrites = new AtomicLong();

        private Child(Process process, Set<String> acknowledged) {
            this.process = process;
            this.reader = new Thread(() -> read(process.getInputStream(), acknowledged), "crash-writer-stdout");
            this.reader.start();
        }

        static Child start(Path dir, Engine engine, String url, long startSeq, Set<String> acknowledged) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder builder = new ProcessBuilder(java, "-Xmx128m", "-XX:TieredStopAtLevel=1",
                    "-Dderby.system.home=" + dir, "-cp", System.getProperty("java.class.path"),
                    CrashWriter.class.getName(), dir.toString(), Long.toString(startSeq), engine.label(), url);
            builder.redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("child.err").toFile()));
            return new Child(builder.start(), acknowledged);
        }

        /** Takes complete lines only: a line without its newline was cut by the kill and is not an acknowledgement. */
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
                    List<String> parts = List.of(text.split(" "));
                    if (parts.size() == 4 && parts.get(0).equals("ack")) {
                        acknowledged.add(parts.get(2));
                        maxSeq.accumulateAndGet(Long.parseLong(parts.get(1)), Math::max);
                        if (parts.get(3).equals("UNCHANGED")) {
                            rewrites.incrementAndGet();
                        }
                        firstAck.countDown();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
