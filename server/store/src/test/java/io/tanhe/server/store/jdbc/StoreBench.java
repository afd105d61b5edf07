package io.tanhe.server.store.jdbc;

import io.tanhe.engine.time.Grain;
import io.tanhe.server.store.BucketResult;
import io.tanhe.server.store.FileTrees;
import io.tanhe.server.store.StoredReading;
import io.tanhe.server.store.StoredResult;
import io.tanhe.server.store.TimeRange;
import io.tanhe.server.store.WriteOutcome;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static io.tanhe.server.store.Samples.POWER;
import static io.tanhe.server.store.Samples.T0;
import static io.tanhe.server.store.Samples.reading;
import static io.tanhe.server.store.Samples.result;

/**
 * Durable write throughput of the store: group commit vs one commit per row vs raw JDBC batch inserts
 * of the same rows into the same table, and the query time of a year of hourly results for one node.
 * Run: {@code mvn -q -o -pl server -am test -Dslow -Dtest=StoreBenchTest -Dsurefire.failIfNoSpecifiedTests=false}
 * (numbers in target/surefire-reports/…StoreBenchTest-output.txt), or this main with the test classpath.
 */
public final class StoreBench {
    private StoreBench() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        Path dir = Files.createTempDirectory("tanhe-store-bench");
        List<StoredReading> readings = readings(rows);
        System.out.printf("store bench: %d readings, %d producer threads, %d cores%n", rows, 4, Runtime.getRuntime().availableProcessors());
        double raw = rawBatches(dir.resolve("raw"), readings);
        System.out.printf("raw JDBC batches of 1000 per commit: %,.0f rows/s%n", raw);
        double group = groupCommit(TestStores.settings(dir.resolve("group")), readings, "group commit (defaults)");
        double oneByOne = groupCommit(TestStores.settings(dir.resolve("single")).withBatching(1, Duration.ZERO),
                readings.subList(0, Math.min(5_000, rows)), "one commit per row");
        System.out.printf("group commit / raw batches = %.2f; group commit / one commit per row = %.1f%n",
                group / raw, group / oneByOne);
        yearOfHourlyResults(dir.resolve("year"));
        FileTrees.deleteQuietly(dir);
    }

    static List<StoredReading> readings(int rows) {
        List<StoredReading> all = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            all.add(reading("p" + i % 1000, T0.plusMillis(i * 10L), i + ".25"));
        }
        return all;
    }

    /** Four producers each write their share one reading at a time, asynchronously, as drivers do. */
    static double groupCommit(StoreSettings settings, List<StoredReading> readings, String label) throws Exception {
        try (JdbcStore store = JdbcStore.open(settings)) {
            int producers = 4;
            long[][] latencies = new long[producers][];
            List<Thread> threads = new ArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < producers; t++) {
                int part = t;
                Thread thread = new Thread(() -> latencies[part] = produce(store, readings, part, producers));
                thread.start();
                threads.add(thread);
            }
            for (Thread thread : threads) {
                thread.join();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
            double perSecond = readings.size() / seconds;
            System.out.printf("%s: %,.0f rows/s durable, submit-to-ack time (all rows queued at once) p50 %.1f ms p99 %.1f ms%n", label, perSecond,
                    all[all.length / 2] / 1e6, all[(int) (all.length * 0.99)] / 1e6);
            if (store.readings().count() != readings.size()) {
                throw new AssertionError("stored " + store.readings().count() + " of " + readings.size());
            }
            return perSecond;
        }
    }

    private static long[] produce(JdbcStore store, List<StoredReading> readings, int part, int producers) {
        List<CompletableFuture<WriteOutcome>> futures = new ArrayList<>();
        long[] done = new long[(readings.size() + producers - 1 - part) / producers];
        int k = 0;
        for (int i = part; i < readings.size(); i += producers) {
            long at = System.nanoTime();
            int slot = k++;
            futures.add(store.readings().write(readings.get(i)).whenComplete((o, e) -> done[slot] = System.nanoTime() - at));
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
        return done;
    }

    /** The limit: plain JDBC batches of 1000 rows per commit into the same, indexed table. */
    static double rawBatches(Path dir, List<StoredReading> readings) throws Exception {
        JdbcStore.open(TestStores.settings(dir)).close();
        Database db = Database.open(TestStores.settings(dir));
        long start = System.nanoTime();
        try (Connection c = db.connect(); PreparedStatement p = c.prepareStatement("INSERT INTO raw_reading ("
                + ReadingRows.COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            db.begin(c, true);
            for (int i = 0; i < readings.size(); i++) {
                StoredReading r = readings.get(i);
                p.setString(1, r.pointId());
                p.setString(2, r.key());
                db.times().set(p, 3, r.measuredAt());
                p.setString(4, r.value().toString());
                p.setString(5, r.unit());
                p.setString(6, r.quality().name());
                p.setString(7, r.sourceId());
                p.setString(8, r.detail());
                db.times().set(p, 9, r.receivedAt());
                p.addBatch();
                if (i % 1000 == 999 || i == readings.size() - 1) {
                    p.executeBatch();
                    db.commit(c);
                    db.begin(c, true);
                }
            }
        }
        double perSecond = readings.size() / ((System.nanoTime() - start) / 1e9);
        db.close();
        return perSecond;
    }

    /** The engine writes every grain: a year of minute and hourly results for one node, then the hourly query. */
    static void yearOfHourlyResults(Path dir) {
        try (JdbcStore store = JdbcStore.open(TestStores.settings(dir))) {
            Instant year = Instant.parse("2023-01-01T00:00:00Z");
            long start = System.nanoTime();
            List<BucketResult> chunk = new ArrayList<>();
            List<CompletableFuture<List<WriteOutcome>>> writes = new ArrayList<>();
            int minutes = 365 * 24 * 60;
            for (int m = 0; m < minutes; m++) {
                chunk.add(result("E", "", Grain.MINUTE, year.plus(Duration.ofMinutes(m)), 0.01 * (m % 60), POWER, "live"));
                if (m % 60 == 59) {
                    chunk.add(result("E", "", Grain.HOUR, year.plus(Duration.ofMinutes(m - 59)), 17.7, POWER, "live"));
                }
                if (chunk.size() >= 2000) {
                    writes.add(store.results().writeAll(chunk));
                    chunk = new ArrayList<>();
                }
            }
            writes.add(store.results().writeAll(chunk));
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
            double writeSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("a year of results for one node: %,d rows (minute + hour) written in %.1f s (%,.0f rows/s)%n",
                    store.results().count(), writeSeconds, store.results().count() / writeSeconds);
            TimeRange wholeYear = TimeRange.of(year, year.plus(Duration.ofDays(365)));
            double[] ms = new double[6];
            List<StoredResult> hourly = List.of();
            for (int i = 0; i < ms.length; i++) {
                long q = System.nanoTime();
                hourly = store.results().current("E", "", Grain.HOUR, wholeYear);
                ms[i] = (System.nanoTime() - q) / 1e6;
            }
            System.out.printf("query a year of hourly results for one node (%d rows): first %.0f ms, then median %.0f ms%n",
                    hourly.size(), ms[0], Arrays.stream(ms, 1, ms.length).sorted().toArray()[2]);
            long q = System.nanoTime();
            double[] sums = new double[1];
            long minuteRows = store.results().scan(io.tanhe.server.store.ResultFilter.of(wholeYear).node("E").grain(Grain.MINUTE),
                    r -> sums[0] += r.result().value());
            System.out.printf("for contrast, reading all %,d minute results of that year instead: %.0f ms%n",
                    minuteRows, (System.nanoTime() - q) / 1e6);
        }
    }
}
