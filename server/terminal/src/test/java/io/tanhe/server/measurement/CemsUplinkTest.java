package io.tanhe.server.measurement;

import io.tanhe.engine.time.Grain;
import io.tanhe.engine.time.Quality;
import io.tanhe.server.site.Site;
import io.tanhe.server.site.SiteLoader;
import io.tanhe.server.store.BucketResult;
import io.tanhe.server.store.StoredResult;
import io.tanhe.server.store.TimeRange;
import io.tanhe.server.store.jdbc.JdbcStore;
import io.tanhe.server.store.jdbc.StoreSettings;
import io.tanhe.server.uplink.Uplink;
import io.tanhe.server.uplink.UplinkEnvironment;
import io.tanhe.sim.SimulatedClock;
import io.tanhe.sim.hj212.Hj212PlatformSimulator;
import io.tanhe.sim.hj212.ReceivedValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 23, item 4: "the uplink can report either [figure] as the site chooses". A site whose uplink block names the
 * measured node reports the CEMS figure under a05001 and the accounting figure under another code, to the HJ 212
 * platform simulator (the uplink's mock centre); each value is the stored figure of its method, not the other's.
 */
class CemsUplinkTest {
    private static final Instant DAY = LocalDateTime.of(2024, 6, 1, 0, 0).atZone(CemsPlant.ZONE).toInstant();
    private static final Duration SPAN = Duration.ofHours(2);

    @TempDir
    Path dir;

    @Test
    void theSiteChoosesTheCemsFigureForA05001AndTheAccountingOneForAnotherCode() throws Exception {
        try (Hj212PlatformSimulator platform = Hj212PlatformSimulator.start(0, Set.of(), line -> { })) {
            Path siteDir = Files.createDirectories(dir.resolve("site"));
            Files.writeString(siteDir.resolve("province-profile.yaml"), "mn: CEMSUPLINK0001\npassword: \"123456\"\n");
            String uplink = """

                    uplink:
                      centres:
                        - id: province
                          protocol: hj212-tcp
                          address: "127.0.0.1:%d"
                          profile: province-profile.yaml
                          indicators:
                            - {node: co2_measured, key: stack1, code: a05001, unit: kgCO2}      # the CEMS figure, by measurement
                            - {node: coal_combustion, key: unit1, code: e10001, unit: kgCO2}   # the accounting figure
                          schedules: {realtime: {interval: 15m, delay: 1m}}
                          backoff: {initial: 1s, max: 1m}
                    """.formatted(platform.port());
            Site site = new SiteLoader(Clock.systemUTC()).load(Files.writeString(siteDir.resolve("site.yaml"), CemsPlant.SITE + uplink));
            try (JdbcStore store = JdbcStore.open(StoreSettings.at(dir.resolve("data")))) {
                CemsPlant.write(store, DAY, DAY.plus(SPAN).plus(Duration.ofMinutes(10)), List.of());
                store.results().writeAll(new MeasuredFigures(site, store).hours(DAY, DAY.plus(SPAN), DAY)).join();
                List<BucketResult> accounting = new ArrayList<>();
                for (Instant t = DAY; t.isBefore(DAY.plus(SPAN)); t = t.plus(Duration.ofMinutes(15))) {
                    accounting.add(new BucketResult("coal_combustion", "unit1", Grain.FIFTEEN_MINUTES, t, t.plus(Duration.ofMinutes(15)),
                            55.5, "tCO2", Quality.MEASURED, 1.0, site.methodology(), t, "test"));
                }
                store.results().writeAll(accounting).join();
                Map<Instant, Double> measured = store.results().current("co2_measured", "stack1", Grain.FIFTEEN_MINUTES,
                        TimeRange.of(DAY, DAY.plus(SPAN))).stream().map(StoredResult::result)
                        .collect(Collectors.toMap(BucketResult::bucketStart, BucketResult::value));
                assertEquals(8, measured.size());

                SimulatedClock clock = new SimulatedClock(DAY, CemsPlant.ZONE);
                Uplink up = Uplink.start(site.uplink(), store, UplinkEnvironment.of(CemsPlant.ZONE, clock, dir.resolve("data"))
                        .withPoll(Duration.ofMillis(20)));
                try {
                    clock.advance(SPAN.plusMinutes(3));
                    up.wake();
                    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                    while (platform.stored().size() < 16 && System.nanoTime() < deadline) {
                        Thread.sleep(20);
                    }
                } finally {
                    up.close();
                }
                List<ReceivedValue> co2 = platform.stored().values().stream().filter(v -> v.code().equals("a05001")).toList();
                List<ReceivedValue> coal = platform.stored().values().stream().filter(v -> v.code().equals("e10001")).toList();
                assertEquals(8, co2.size(), platform.stored().toString());
                assertEquals(8, coal.size(), platform.stored().toString());
                for (ReceivedValue v : co2) {
                    Instant start = v.dataTime().atZone(CemsPlant.ZONE).toInstant();
                    double kg = measured.get(start) * 1000;
                    assertEquals(kg, new BigDecimal(v.cou()).doubleValue(), 0.01, "a05001 at " + v.dataTime() + " is the CEMS figure");
                    assertTrue(Math.abs(kg - 55_500) > 10_000, "and not the accounting one");
                }
                for (ReceivedValue v : coal) {
                    assertEquals(55_500, new BigDecimal(v.cou()).doubleValue(), 0.01, "e10001 is the accounting figure");
                }
            }
        }
    }
}
