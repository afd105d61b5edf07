package io.tanhe.bench;

import io.tanhe.engine.time.Grain;
import io.tanhe.engine.time.Quality;
import io.tanhe.server.hj212.profile.PlatformProfile;
import io.tanhe.server.store.BucketResult;
import io.tanhe.server.store.FileTrees;
import io.tanhe.server.store.MethodologyRef;
import io.tanhe.server.store.jdbc.StoreSettings;
import io.tanhe.server.store.jdbc.JdbcStore;
import io.tanhe.server.uplink.Uplink;
import io.tanhe.server.uplink.UplinkEnvironment;
import io.tanhe.server.uplink.config.CentreConfig;
import io.tanhe.server.uplink.config.DeliveryPolicy;
import io.tanhe.server.uplink.config.IndicatorConfig;
import io.tanhe.server.uplink.config.Protocol;
import io.tanhe.server.uplink.config.RealtimeSchedule;
import io.tanhe.server.uplink.config.Schedules;
import io.tanhe.server.uplink.config.TlsConfig;
import io.tanhe.server.uplink.config.UplinkConfig;
import io.tanhe.sim.hj212.Hj212PlatformSimulator;
import io.tanhe.sim.SimulatedClock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code tanhe bench uplink}: a centre that was down for 48 hours comes back and the terminal
 * backfills 48 hours of 15-minute data of 1,000 indicators to it (a loopback HJ 212 simulator that
 * acknowledges every packet), through the real Derby outbox. Times the backfill from the moment the
 * centre listens again to the last acknowledged upload, and checks that every value arrived once.
 * Last line: {@code uplink: packets_per_s=<n> backfill_s=<n> packets=<n>}.
 */
@Command(name = "uplink", mixinStandardHelpOptions = true,
        description = "Backfill of 48 h of 15-minute data for 1,000 indicators to a loopback HJ 212 simulator.")
public final class UplinkBench implements Callable<Integer> {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Instant T0 = Instant.parse("2024-03-03T16:00:00Z");
    private static final MethodologyRef METHODOLOGY = new MethodologyRef("bench", "1", "0");

    @Option(names = "--indicators", defaultValue = "1000", description = "indicators (default ${DEFAULT-VALUE})")
    int indicators;

    @Option(names = "--hours", defaultValue = "48", description = "hours of outage to backfill (default ${DEFAULT-VALUE})")
    int hours;

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("tanhe-uplink-bench");
        try {
            return run(dir);
        } finally {
            FileTrees.delete(dir);
        }
    }

    private int run(Path dir) throws Exception {
        int periods = hours * 4;
        SimulatedClock clock = new SimulatedClock(T0, ZONE);
        try (JdbcStore store = JdbcStore.open(StoreSettings.at(dir.resolve("store")));
             Hj212PlatformSimulator sim = Hj212PlatformSimulator.start(0, Set.of(), line -> { })) {
            long t = System.nanoTime();
            writeResults(store, periods);
            System.out.printf(Locale.ROOT, "stored %d results of %d indicators in %.1f s%n", (long) periods * indicators,
                    indicators, (System.nanoTime() - t) / 1e9);
            sim.down();
            UplinkConfig config = new UplinkConfig(List.of(centre(sim.port())));
            UplinkEnvironment env = UplinkEnvironment.of(ZONE, clock, dir).withPoll(Duration.ofMillis(20));
            try (Uplink uplink = Uplink.start(config, store, env)) {
                waitFor(() -> uplink.status().get(0).failures() > 0, "the first window");
                clock.set(T0.plus(Duration.ofHours(hours)).plus(Duration.ofMinutes(3)));
                t = System.nanoTime();
                uplink.wake();
                waitFor(() -> store.outbox().pending("bench") >= (long) periods * ((indicators + 199) / 200)
                        && uplink.status().get(0).failures() > 1, "the outage's periods to be queued");
                System.out.printf(Locale.ROOT, "queued %d uploads (%d periods) while the centre was down, in %.1f s%n",
                        store.outbox().pending("bench"), periods, (System.nanoTime() - t) / 1e9);
                sim.up();
                clock.advance(Duration.ofMinutes(1));
                long start = System.nanoTime();
                uplink.wake();
                waitFor(() -> store.outbox().pending("bench") == 0, "the backfill");
                double seconds = (System.nanoTime() - start) / 1e9;
                long packets = sim.packets();
                System.out.printf(Locale.ROOT, "centre received %d values (%d expected), %d duplicates, %d malformed packets%n",
                        sim.stored().size(), (long) periods * indicators, sim.duplicates(), sim.malformed());
                System.out.printf(Locale.ROOT, "uplink: packets_per_s=%.0f backfill_s=%.2f packets=%d%n",
                        packets / seconds, seconds, packets);
                return sim.stored().size() == (long) periods * indicators ? 0 : 1;
            }
        }
    }

    private CentreConfig centre(int port) {
        List<IndicatorConfig> list = new ArrayList<>();
        for (int i = 0; i < indicators; i++) {
            list.add(new IndicatorConfig("E", "k" + i, String.format(Locale.ROOT, "e%05d", i), null));
        }
        return new CentreConfig("bench", Protocol.HJ212_TCP, "127.0.0.1:" + port,
                PlatformProfile.of("bench", "BENCH0000000000000000001", "123456"), null, list,
                new Schedules(RealtimeSchedule.DEFAULT, null, null),
                new DeliveryPolicy(Duration.ofSeconds(10), 3, Duration.ofSeconds(5), Duration.ofMinutes(5), 50), TlsConfig.DEFAULT);
    }

    private void writeResults(JdbcStore store, int periods) throws Exception {
        List<BucketResult> batch = new ArrayList<>(2000);
        for (int p = 0; p < periods; p++) {
            Instant start = T0.plus(Duration.ofMinutes(15L * p));
            for (int i = 0; i < indicators; i++) {
                batch.add(new BucketResult("E", "k" + i, Grain.FIFTEEN_MINUTES, start, start.plus(Duration.ofMinutes(15)),
                        1 + i * 0.001 + p, "tCO2", Quality.MEASURED, 1.0, METHODOLOGY, start, "bench"));
                if (batch.size() == 2000) {
                    store.results().writeAll(List.copyOf(batch)).get();
                    batch.clear();
                }
            }
        }
        if (!batch.isEmpty()) {
            store.results().writeAll(batch).get();
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("gave up waiting for " + what);
            }
            Thread.sleep(10);
        }
    }
}
