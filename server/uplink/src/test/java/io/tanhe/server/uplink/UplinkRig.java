package io.tanhe.server.uplink;

import io.tanhe.server.uplink.schedule.AdjustableClock;
import io.tanhe.engine.time.Grain;
import io.tanhe.engine.time.Quality;
import io.tanhe.server.hj212.profile.PlatformProfile;
import io.tanhe.server.store.BucketResult;
import io.tanhe.server.store.MethodologyRef;
import io.tanhe.server.store.jdbc.StoreSettings;
import io.tanhe.server.store.jdbc.JdbcStore;
import io.tanhe.server.uplink.config.CentreConfig;
import io.tanhe.server.uplink.config.DeliveryPolicy;
import io.tanhe.server.uplink.config.IndicatorConfig;
import io.tanhe.server.uplink.config.Protocol;
import io.tanhe.server.uplink.config.RealtimeSchedule;
import io.tanhe.server.uplink.config.Schedules;
import io.tanhe.server.uplink.config.TlsConfig;
import io.tanhe.server.uplink.config.UplinkConfig;
import io.tanhe.sim.SimulatedClock;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A terminal for uplink tests: a real Derby store in a temporary directory, a simulated clock, stored
 * 15-minute and daily results, and an uplink that can be started, stopped and restarted (with the
 * store closed and reopened in between).
 */
final class UplinkRig implements AutoCloseable {
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** Midnight in Shanghai. */
    static final Instant T0 = Instant.parse("2024-03-03T16:00:00Z");
    static final List<String> CODES = List.of("a05001", "a05002", "w00001");
    static final String MN = "010000A8900016F000169DC0";
    static final String PW = "123456";
    private static final MethodologyRef METHODOLOGY = new MethodologyRef("test", "1", "abc");

    final Path dir;
    final SimulatedClock clock = new SimulatedClock(T0, ZONE);
    /** The terminal's clock as platforms may set it (CN 1012), over the simulated one. */
    final AdjustableClock terminalClock = AdjustableClock.over(clock);
    JdbcStore store;
    Uplink uplink;

    UplinkRig(Path dir) {
        this.dir = dir;
        this.store = JdbcStore.open(StoreSettings.at(dir.resolve("store")));
    }

    static List<IndicatorConfig> indicators() {
        List<IndicatorConfig> list = new ArrayList<>();
        for (int i = 0; i < CODES.size(); i++) {
            list.add(new IndicatorConfig("E", "k" + i, CODES.get(i), i == 0 ? "kgCO2" : null));
        }
        return list;
    }

    static DeliveryPolicy fastDelivery() {
        return new DeliveryPolicy(Duration.ofMillis(300), 1, Duration.ofSeconds(5), Duration.ofMinutes(5), 10);
    }

    static CentreConfig hj212(String id, int port) {
        return new CentreConfig(id, Protocol.HJ212_TCP, "127.0.0.1:" + port, PlatformProfile.of(id, MN, PW), null,
                indicators(), new Schedules(RealtimeSchedule.DEFAULT, LocalTime.of(0, 30), null), fastDelivery(),
                TlsConfig.DEFAULT);
    }

    static CentreConfig https(String id, String url, TlsConfig tls) {
        return new CentreConfig(id, Protocol.HTTPS, url, null, "T-0001", indicators(),
                new Schedules(RealtimeSchedule.DEFAULT, LocalTime.of(0, 30), null),
                new DeliveryPolicy(Duration.ofSeconds(2), 1, Duration.ofSeconds(5), Duration.ofMinutes(5), 10), tls);
    }

    /** Stores results for every 15 minutes of [from, from + hours) and for each day that starts in it. */
    void writeResults(Instant from, int hours) throws Exception {
        List<BucketResult> batch = new ArrayList<>();
        for (int p = 0; p < hours * 4; p++) {
            Instant start = from.plus(Duration.ofMinutes(15L * p));
            for (int i = 0; i < CODES.size(); i++) {
                batch.add(result(i, Grain.FIFTEEN_MINUTES, start, start.plus(Duration.ofMinutes(15)), value(i, start)));
                Instant day = Grain.DAY.floor(start, ZONE);
                if (day.equals(start)) {
                    batch.add(result(i, Grain.DAY, day, Grain.DAY.next(day, ZONE), 96 * value(i, start)));
                }
            }
        }
        store.results().writeAll(batch).get();
    }

    /** The value stored for indicator {@code i} at {@code start}: distinct per period. */
    static double value(int i, Instant start) {
        return (i + 1) * 1000 + Duration.between(T0, start).toMinutes() / 15 * 0.25;
    }

    private static BucketResult result(int i, Grain g, Instant start, Instant end, double v) {
        return new BucketResult("E", "k" + i, g, start, end, v, "tCO2", Quality.MEASURED, 1.0, METHODOLOGY, start, "test");
    }

    Uplink start(CentreConfig... centres) {
        uplink = Uplink.start(new UplinkConfig(List.of(centres)), store,
                UplinkEnvironment.of(ZONE, terminalClock, dir).withPoll(Duration.ofMillis(20)));
        return uplink;
    }

    /** Closes uplink and store and opens both again, as a restart of the terminal. */
    Uplink restart(CentreConfig... centres) {
        uplink.close();
        store.close();
        store = JdbcStore.open(StoreSettings.at(dir.resolve("store")));
        return start(centres);
    }

    /** Moves the simulated clock and lets the workers look. */
    void advance(Duration d) {
        clock.advance(d);
        uplink.wake();
    }

    long pending(String centre) {
        return store.outbox().pending(centre);
    }

    static void await(BooleanSupplier done, Duration limit, String what) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + limit + " waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() {
        if (uplink != null) {
            uplink.close();
        }
        store.close();
    }
}
