package io.tanhe.bench;

import io.tanhe.server.store.FileTrees;
import io.tanhe.sim.demo.SimulatedType;
import io.tanhe.drivers.Quality;
import io.tanhe.drivers.Reading;
import io.tanhe.engine.time.Grain;
import io.tanhe.server.report.ResultQuery;
import io.tanhe.server.site.Site;
import io.tanhe.server.site.SiteLoader;
import io.tanhe.server.store.BucketResult;
import io.tanhe.server.store.MethodologyRef;
import io.tanhe.server.store.TimeRange;
import io.tanhe.server.store.StoredReading;
import io.tanhe.server.store.jdbc.Engine;
import io.tanhe.server.store.jdbc.ServerLogin;
import io.tanhe.server.store.jdbc.StoreSettings;
import io.tanhe.server.site.StoreChoice;
import java.sql.Statement;
import java.util.Optional;
import io.tanhe.server.store.jdbc.JdbcStore;
import io.tanhe.server.terminal.Terminal;
import io.tanhe.server.terminal.TerminalSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * {@code tanhe bench ingest}: a generated site of 10,000 metered points (a counter each, one emission
 * per point, a total) streamed end to end through a real terminal — durable store ({@code --store}:
 * SQLite, Derby or PostgreSQL) with group commit, the incremental evaluator, the rules (generic rules:
 * gap watch, source switches) and result writing — against raw JDBC batch inserts of the same rows into
 * the same table of the same engine in the same run. Readings are submitted a round (one per point) at a time, at most two
 * rounds in flight, so the p99 latency is that of the pipeline, not of a backlog. Then, unless {@code --no-year-query}, a year of minute and hourly
 * results of one node is written and the hourly report query over the year is timed. The last line is
 * {@code ingest: store=<engine> readings_per_s=<n> store_vs_raw=<ours/raw throughput ratio> p99_ms=<n> rss_mb=<n> points=<n>}.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"End-to-end ingestion (store, engine, rules) vs raw batch inserts into the same engine;",
                "hourly report query over a year."})
public final class IngestBench implements Callable<Integer> {
    private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");

    @Option(names = "--points", defaultValue = "10000", description = "metered points (default: ${DEFAULT-VALUE})")
    int points;

    @Option(names = "--rounds", defaultValue = "30", description = "readings per point, 10 s of measurement time apart (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--store", defaultValue = "sqlite", paramLabel = "sqlite|derby|postgresql",
            description = "the store's engine (default: ${DEFAULT-VALUE})")
    String store;

    @Option(names = "--store-url", paramLabel = "URL", description = {"for postgresql: postgresql://host:port/db?user=NAME of a",
            "database the bench may empty (password from $TANHE_STORE_PASSWORD or $PGPASSWORD)"})
    String storeUrl;

    @Option(names = "--no-year-query", description = "skip writing a year of minute results and timing the hourly report over it")
    boolean noYearQuery;

    @Override
    public Integer call() throws Exception {
        System.setProperty("tanhe.log.level", "WARN");
        PrintStream out = System.out;
        Engine engine;
        try {
            engine = Engine.of(store);
        } catch (IllegalArgumentException e) {
            System.err.println("bench ingest: --store: " + e.getMessage());
            return 2;
        }
        if ((engine == Engine.POSTGRESQL) != (storeUrl != null)) {
            System.err.println("bench ingest: " + (storeUrl == null ? "--store postgresql needs --store-url postgresql://host:port/db?user=NAME"
                    : "--store-url is for --store postgresql only"));
            return 2;
        }
        Path dir = Files.createTempDirectory("tanhe-bench-ingest");
        try {
            Path siteFile = writeSite(dir.resolve("site"));
            out.printf(Locale.ROOT, "ingest: %d points × %d readings = %d readings, site %s%n", points, rounds, points * rounds, siteFile);
            Ingest ours = ours(siteFile, settings(engine, dir.resolve("terminal")), out);
            int batchRows = StoreSettings.at(dir).maxBatchRows();
            double raw = raw(settings(engine, dir.resolve("raw")), batchRows);
            out.printf(Locale.ROOT, "raw %s: %d rows in batches of %d per commit: %.0f rows/s%n", engine, points * rounds, batchRows, raw);
            double layer = storeLayer(settings(engine, dir.resolve("layer")));
            out.printf(Locale.ROOT, "store layer: %d readings through Store.readings().writeAll (1,000 per call, 8 in flight),"
                    + " each acknowledged after its group commit: %.0f readings/s%n", points * rounds, layer);
            if (!noYearQuery) {
                yearQuery(settings(engine, dir.resolve("year")), out);
            }
            out.printf(Locale.ROOT, "ingest: store=%s readings_per_s=%.0f store_vs_raw=%.2f p99_ms=%.1f rss_mb=%d points=%d%n",
                    engine, ours.perSecond, layer / raw, ours.p99Ms, ours.rssMb, points);
            return 0;
        } finally {
            FileTrees.delete(dir);
        }
    }

    private record Ingest(double perSecond, double p99Ms, long rssMb) {
    }

    /**
     * A fresh store on {@code engine}: a new directory, or the PostgreSQL database emptied (each step of the
     * bench starts from an empty store, as the embedded ones do).
     */
    private StoreSettings settings(Engine engine, Path dir) throws SQLException {
        if (engine != Engine.POSTGRESQL) {
            return StoreSettings.at(dir).withEngine(engine);
        }
        String password = System.getenv().getOrDefault("TANHE_STORE_PASSWORD", System.getenv().getOrDefault("PGPASSWORD", ""));
        StoreSettings settings = StoreSettings.at(dir).withServer(new ServerLogin(storeUrl, "", password, null));
        try (JdbcStore s = JdbcStore.open(settings); Connection c = s.connect(); Statement st = c.createStatement()) {
            st.execute("TRUNCATE raw_reading, result, result_revision, alert, event, outbox, recompute_request, config_version");
            c.commit();
        }
        return settings;
    }

    private Ingest ours(Path siteFile, StoreSettings storeSettings, PrintStream out) throws InterruptedException {
        long loadStart = System.nanoTime();
        Site site = new SiteLoader(Clock.systemUTC()).with(new SimulatedType()).load(siteFile)
                .withStore(storeSettings.engine() == Engine.POSTGRESQL
                        ? new StoreChoice(Optional.of(Engine.POSTGRESQL), Optional.of(storeSettings.server()))
                        : new StoreChoice(Optional.of(storeSettings.engine()), Optional.empty()));
        Path data = storeSettings.directory();
        long[] latencies = new long[points * rounds];
        AtomicInteger seen = new AtomicInteger();
        TerminalSettings settings = TerminalSettings.defaults(data).withQueueCapacity(50_000);
        try (Terminal terminal = Terminal.open(site, settings, Clock.systemUTC())) {
            terminal.latencySink(ns -> {
                int i = seen.getAndIncrement();
                if (i < latencies.length) {
                    latencies[i] = ns;
                }
            });
            out.printf(Locale.ROOT, "terminal ready in %.1f s (site load, rules compile, store open)%n", (System.nanoTime() - loadStart) / 1e9);
            CpuClock cpu = CpuClock.start();
            long start = System.nanoTime();
            for (int r = 0; r < rounds; r++) {
                while (terminal.stats().evaluated() < (long) (r - 1) * points && terminal.stats().rejected() == 0) {
                    Thread.sleep(1); // at most two rounds in flight: the latency measures the pipeline, not a backlog
                }
                Instant t = T0.plusSeconds(10L * r);
                List<Reading> batch = new ArrayList<>(1000);
                for (int p = 0; p < points; p++) {
                    batch.add(new Reading(point(p), t, BigDecimal.valueOf(100_000 + r * 12 + p % 7, 1), "kWh", Quality.MEASURED,
                            "bench", ""));
                    if (batch.size() == 1000) {
                        terminal.intake().acceptAll(batch);
                        batch = new ArrayList<>(1000);
                    }
                }
                terminal.intake().acceptAll(batch);
            }
            long total = (long) points * rounds;
            while (terminal.stats().evaluated() < total && terminal.stats().rejected() == 0) {
                Thread.sleep(5);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            CpuClock.Spent spent = cpu.stop();
            if (terminal.stats().rejected() > 0) {
                throw new IllegalStateException(terminal.stats().rejected() + " readings were rejected by the store");
            }
            long rss = rssMb();
            long[] sorted = Arrays.copyOf(latencies, Math.min(seen.get(), latencies.length));
            Arrays.sort(sorted);
            double p99 = sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] / 1e6;
            out.printf(Locale.ROOT, "ours: %d readings stored durably and evaluated in %.1f s: %.0f readings/s, p99 intake→evaluated %.1f ms, "
                    + "%d results written so far%n", total, seconds, total / seconds, p99, terminal.stats().resultsWritten());
            out.printf(Locale.ROOT, "ours: CPU per reading: %.1f µs in the evaluation thread, %.1f µs in the store's writer, %.1f µs"
                    + " in the whole process (other processes on the machine do not inflate these)%n",
                    spent.evaluationNs() / 1e3 / total, spent.storeWriterNs() / 1e3 / total, spent.processNs() / 1e3 / total);
            long closing = System.nanoTime();
            terminal.close();
            out.printf(Locale.ROOT, "ours: shutdown wrote the open buckets in %.1f s (%d results in all)%n",
                    (System.nanoTime() - closing) / 1e9, terminal.stats().resultsWritten());
            // a figure from a terminal that lost a worker (e.g. the store's writer to OutOfMemoryError) is no result
            if (!terminal.deadWorkers().isEmpty()) {
                throw new IllegalStateException("the terminal lost worker(s) " + terminal.deadWorkers()
                        + "; no ingest figure (raise the heap with TANHE_HEAP, or lower --points)");
            }
            return new Ingest(total / seconds, p99, rss);
        }
    }

    /**
     * CPU time of the terminal's evaluation thread, its store writer and the whole process over the timed phase: on a machine
     * shared with other work the wall-clock rate follows their load, the CPU spent per reading does not.
     */
    private record CpuClock(long evaluation, long storeWriter, long process) {
        record Spent(long evaluationNs, long storeWriterNs, long processNs) {
        }

        static CpuClock start() {
            return new CpuClock(threadCpu("tanhe-eval"), threadCpu("tanhe-store-writer"), processCpu());
        }

        Spent stop() {
            return new Spent(threadCpu("tanhe-eval") - evaluation, threadCpu("tanhe-store-writer") - storeWriter, processCpu() - process);
        }

        /** Summed over the live threads of that name (the bench runs one terminal at a time). */
        private static long threadCpu(String name) {
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long sum = 0;
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().equals(name)) {
                    sum += Math.max(0, threads.getThreadCpuTime(t.threadId()));
                }
            }
            return sum;
        }

        private static long processCpu() {
            return java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                    ? os.getProcessCpuTime() : 0;
        }
    }

    /** The point ids, made once: a driver's point ids are fixed, so formatting them per reading would bill the terminal for the bench's work. */
    private String[] pointIds;

    private String point(int p) {
        if (pointIds == null || pointIds.length != points) {
            pointIds = new String[points];
            for (int i = 0; i < points; i++) {
                pointIds[i] = String.format(Locale.ROOT, "m%05d.energy", i);
            }
        }
        return pointIds[p];
    }

    private Path writeSite(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("bench.tanhe"), """
                methodology bench.ingest
                  version 1.0
                  title "ingest benchmark"
                  source "generated by tanhe bench ingest"
                  effective from 2020-01-01
                  industry "benchmark"

                set meter "计量点"
                factor ef : tCO2/MWh "排放因子" {
                  value 0.5703 source "bench" confidence SITE
                }
                input energy[meter] : MWh counter "电量"
                emission power[m in meter] : tCO2 "排放" class purchased_electricity = energy[m] * ef
                total E : tCO2 "总量" = sum(power)
                """);
        StringBuilder site = new StringBuilder("""
                site: {enterprise: bench, id: bench}
                methodology: {file: bench.tanhe, version: "1.0"}
                rules: {gap_after: 1h}
                drivers:
                  devices:
                    - id: bench
                      type: manual
                      points:
                """);
        for (int p = 0; p < points; p++) {
            site.append("        - {id: ").append(point(p)).append(", unit: kWh}\n");
        }
        site.append("points:\n");
        for (int p = 0; p < points; p++) {
            site.append("  - {point: ").append(point(p)).append(", input: energy, key: m").append(p).append("}\n");
        }
        Files.writeString(dir.resolve("site.yaml"), site);
        return dir.resolve("site.yaml");
    }

    /**
     * The same rows by plain JDBC batches of {@code batchRows} per durable commit, into the store's own
     * raw_reading table (created by the store's migrations, so the layout and indexes are the same), on a
     * connection of the store ({@code Store.connect()}), instants bound as the engine keeps them.
     */
    private double raw(StoreSettings settings, int batchRows) throws SQLException {
        try (JdbcStore s = JdbcStore.open(settings); Connection c = s.connect()) {
            boolean derby = settings.engine() == Engine.DERBY;
            Calendar utc = new GregorianCalendar(TimeZone.getTimeZone(ZoneOffset.UTC));
            String sql = "INSERT INTO raw_reading (point_id, reading_key, measured_at, value_text,"
                    + " unit, quality, source_id, detail, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
            long start = System.nanoTime();
            int n = 0;
            PreparedStatement p = c.prepareStatement(sql);
            for (int r = 0; r < rounds; r++) {
                Instant t = T0.plusSeconds(10L * r);
                for (int q = 0; q < points; q++) {
                    p.setString(1, point(q));
                    p.setString(2, "m" + q);
                    instant(p, 3, t, derby, utc);
                    p.setString(4, BigDecimal.valueOf(100_000 + r * 12 + q % 7, 1).toPlainString());
                    p.setString(5, "kWh");
                    p.setString(6, "MEASURED");
                    p.setString(7, "bench");
                    p.setString(8, "");
                    instant(p, 9, Instant.now(), derby, utc);
                    p.addBatch();
                    if (++n % batchRows == 0) {
                        p.executeBatch();
                        p.close();
                        c.commit();
                        p = c.prepareStatement(sql); // on SQLite the store's connection begins its next transaction here
                    }
                }
            }
            p.executeBatch();
            p.close();
            c.commit();
            return (double) points * rounds / ((System.nanoTime() - start) / 1e9);
        }
    }

    /**
     * The store layer alone: the same readings through the store's durable, idempotent writes (group commit),
     * 1,000 per call with at most eight calls in flight, timed until the last is acknowledged.
     */
    private double storeLayer(StoreSettings settings) throws InterruptedException {
        try (JdbcStore s = JdbcStore.open(settings)) {
            java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(8);
            List<java.util.concurrent.CompletableFuture<?>> all = new ArrayList<>();
            Instant received = Instant.now();
            long start = System.nanoTime();
            List<StoredReading> batch = new ArrayList<>(1000);
            for (int r = 0; r < rounds; r++) {
                Instant t = T0.plusSeconds(10L * r);
                for (int q = 0; q < points; q++) {
                    batch.add(StoredReading.of(new Reading(point(q), t, BigDecimal.valueOf(100_000 + r * 12 + q % 7, 1), "kWh",
                            Quality.MEASURED, "bench", ""), received));
                    if (batch.size() == 1000 || (r == rounds - 1 && q == points - 1)) {
                        inFlight.acquire();
                        all.add(s.readings().writeAll(batch).whenComplete((o, e) -> inFlight.release()));
                        batch = new ArrayList<>(1000);
                    }
                }
            }
            java.util.concurrent.CompletableFuture.allOf(all.toArray(java.util.concurrent.CompletableFuture[]::new)).join();
            return (double) points * rounds / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** Derby keeps instants as TIMESTAMP in UTC, SQLite and PostgreSQL as nanoseconds since the epoch. */
    private static void instant(PreparedStatement p, int index, Instant t, boolean derby, Calendar utc) throws SQLException {
        if (derby) {
            p.setTimestamp(index, Timestamp.from(t), utc);
        } else {
            p.setLong(index, t.getEpochSecond() * 1_000_000_000L + t.getNano());
        }
    }

    /** A year of minute and hourly results of one node through the store, then the hourly report query over it. */
    private void yearQuery(StoreSettings storeSettings, PrintStream out) throws Exception {
        Path dir = storeSettings.directory();
        Path siteFile = dir.getParent().resolve("site/site.yaml");
        Site site = new SiteLoader(Clock.systemUTC()).with(new SimulatedType()).load(siteFile);
        try (site; JdbcStore store = JdbcStore.open(storeSettings)) {
            MethodologyRef m = site.methodology();
            Instant from = Grain.YEAR.floor(T0, site.zone());
            Instant to = Grain.YEAR.next(from, site.zone());
            long start = System.nanoTime();
            long rows = 0;
            List<BucketResult> batch = new ArrayList<>();
            Instant now = Instant.now();
            for (Grain g : List.of(Grain.MINUTE, Grain.HOUR)) {
                for (Instant b = from; b.isBefore(to); b = g.next(b, site.zone())) {
                    Instant end = g.next(b, site.zone());
                    double v = g == Grain.MINUTE ? 1.0 : 60.0;
                    batch.add(new BucketResult("E", "", g, b, end, v, "tCO2", io.tanhe.engine.time.Quality.MEASURED, 1, m, now, "bench"));
                    if (batch.size() == 2000) {
                        store.results().writeAll(batch).join();
                        rows += batch.size();
                        batch = new ArrayList<>();
                    }
                }
            }
            store.results().writeAll(batch).join();
            rows += batch.size();
            out.printf(Locale.ROOT, "year: %d results (minute + hour) of node E written in %.1f s%n", rows, (System.nanoTime() - start) / 1e9);
            ResultQuery query = new ResultQuery(site.graph(), store.results(), site.zone());
            for (int i = 1; i <= 3; i++) {
                long q = System.nanoTime();
                int n = query.results("E", "", Grain.HOUR, TimeRange.of(from, to)).size();
                out.printf(Locale.ROOT, "year: hourly report query over the year (%d of %d stored rows), run %d: %.0f ms%n", n, rows, i,
                        (System.nanoTime() - q) / 1e6);
            }
            Instant day = from.plus(Duration.ofDays(180));
            for (int i = 1; i <= 3; i++) {
                long q = System.nanoTime();
                int n = store.results().current("E", "", Grain.MINUTE, TimeRange.of(day, day.plus(Duration.ofDays(1)))).size();
                out.printf(Locale.ROOT, "day: minute results of one node over a day (%d rows), run %d: %.0f ms%n", n, i,
                        (System.nanoTime() - q) / 1e6);
            }
        }
    }

    private static long rssMb() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
            return lines.filter(l -> l.startsWith("VmRSS:")).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024).orElse(-1L);
        } catch (IOException e) {
            return -1;
        }
    }
}
