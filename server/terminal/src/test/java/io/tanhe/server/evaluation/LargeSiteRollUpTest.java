package io.tanhe.server.evaluation;

import io.tanhe.engine.incremental.ResultValue;
import io.tanhe.engine.time.Grain;
import io.tanhe.engine.time.Quality;
import io.tanhe.engine.time.TimeBucket;
import io.tanhe.server.site.Site;
import io.tanhe.server.site.SiteFiles;
import io.tanhe.server.store.BucketResult;
import io.tanhe.server.store.StoredResult;
import io.tanhe.server.store.TimeRange;
import io.tanhe.server.store.jdbc.JdbcStore;
import io.tanhe.server.store.jdbc.StoreSettings;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The calendar roll-up of a site with thousands of metered points: its figures are made and written a chunk at a time
 * (each shown once, none held beyond its chunk), equal to a roll-up in one chunk, and a month of such a site rolls up in
 * a heap far smaller than the month's parts.
 */
class LargeSiteRollUpTest {
    /** 1 March 2026 00:00 in Shanghai. */
    static final Instant MARCH = Instant.parse("2026-02-28T16:00:00Z");
    static final double EF = 0.5;

    @TempDir
    Path dir;

    /** The ingest bench's methodology and a site of {@code meters} manual points, one meter key each. */
    static Path writeSite(Path dir, int meters) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("metered.tanhe"), """
                methodology rollup.metered
                  version 1.0
                  title "metered points"
                  source "test"
                  effective from 2020-01-01
                  industry "test"

                set meter "计量点"
                factor ef : tCO2/MWh "排放因子" {
                  value 0.5 source "test" confidence SITE
                }
                input energy[meter] : MWh counter "电量"
                emission power[m in meter] : tCO2 "排放" class purchased_electricity = energy[m] * ef
                total E : tCO2 "总量" = sum(power)
                """);
        StringBuilder site = new StringBuilder("""
                site: {enterprise: test, id: metered}
                zone: Asia/Shanghai
                methodology: {file: metered.tanhe, version: "1.0"}
                drivers:
                  devices:
                    - id: meters
                      type: manual
                      points:
                """);
        for (int m = 0; m < meters; m++) {
            site.append("        - {id: m").append(m).append(".energy, unit: MWh}\n");
        }
        site.append("points:\n");
        for (int m = 0; m < meters; m++) {
            site.append("  - {point: m").append(m).append(".energy, input: energy, key: m").append(m).append("}\n");
        }
        Files.writeString(dir.resolve("site.yaml"), site, StandardCharsets.UTF_8);
        return dir.resolve("site.yaml");
    }

    /** Meter {@code m}'s energy on day {@code d} (0 = 1 March), MWh. */
    static double energy(int m, int d) {
        return 1 + m * 0.001 + d * 0.25;
    }

    /** Stores {@code days} days from 1 March as the terminal would: energy and power of each meter, and E. */
    static void storeDays(Site site, JdbcStore store, int meters, int days) {
        for (int d = 0; d < days; d++) {
            TimeBucket day = TimeBucket.of(Grain.DAY, MARCH.plus(Duration.ofDays(d)), site.zone());
            List<BucketResult> figures = new ArrayList<>(2 * meters + 1);
            double total = 0;
            for (int m = 0; m < meters; m++) {
                Quality q = m == 3 ? Quality.ESTIMATED : Quality.MEASURED;
                figures.add(BucketResult.of("energy", "m" + m, day, energy(m, d), "MWh", q, 1.0, site.methodology(), day.end(), "test"));
                figures.add(BucketResult.of("power", "m" + m, day, energy(m, d) * EF, "tCO2", q, 1.0, site.methodology(), day.end(), "test"));
                total += energy(m, d) * EF;
            }
            figures.add(BucketResult.of("E", "", day, total, "tCO2", Quality.ESTIMATED, 1.0, site.methodology(), day.end(), "test"));
            store.results().writeAll(figures).join();
        }
    }

    @Test
    @Timeout(120)
    void aMonthMadeInChunksEqualsItInOneChunkAndShowsEachFigureOnce() throws Exception {
        int meters = 1_200;
        try (Site site = SiteFiles.load(writeSite(dir.resolve("site"), meters));
             JdbcStore store = JdbcStore.open(StoreSettings.at(dir.resolve("data")))) {
            storeDays(site, store, meters, 2);
            TimeBucket march = TimeBucket.of(Grain.MONTH, MARCH, site.zone());
            List<Integer> calls = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            CalendarRollUp rollUp = new CalendarRollUp(site, store.results(), store.readings(),
                    Clock.fixed(Instant.parse("2026-03-03T00:00:00Z"), ZoneOffset.UTC), (coarse, figures) -> {
                        calls.add(figures.size());
                        for (ResultValue v : figures) {
                            assertTrue(seen.add(v.label()), v.label() + " shown twice");
                        }
                    });

            assertEquals(2 * meters + 1, rollUp.bucket(march, "test", 500), "energy and power of each meter, and E");

            assertEquals(List.of(500, 500, 500, 500, 401), calls, "2,401 figures, at most 500 at a time");
            assertEquals(2 * meters + 1, seen.size());
            TimeRange all = TimeRange.of(MARCH, MARCH.plus(Duration.ofDays(31)));
            StoredResult e = store.results().current("E", "", Grain.MONTH, all).getFirst();
            double expected = 0;
            for (int m = 0; m < meters; m++) {
                expected += (energy(m, 0) + energy(m, 1)) * EF;
            }
            assertEquals(expected, e.result().value(), 1e-6, "E of March: both days of every meter");
            assertEquals(Quality.ESTIMATED, e.result().quality(), "meter 3 was estimated");
            assertEquals(2.0 / 31, e.result().completeness(), 1e-9, "two days of March");
            StoredResult power7 = store.results().current("power", "m7", Grain.MONTH, all).getFirst();
            assertEquals((energy(7, 0) + energy(7, 1)) * EF, power7.result().value(), 1e-12);
            assertEquals(Quality.MEASURED, power7.result().quality());

            calls.clear();
            seen.clear();
            assertEquals(0, rollUp.bucket(march, "again, in one chunk", Integer.MAX_VALUE),
                    "the same figures in one chunk: every one equal to the stored one, nothing written");
            assertEquals(List.of(2 * meters + 1), calls, "one chunk: the observer is told once, of every figure");
        }
    }

    /**
     * A month of 31 stored days of 5,000 meters (310,031 parts) rolled up in a JVM of 40 MB heap — the parts alone, as
     * the roll-up once held them, take more than that. Run in a child JVM ({@link LargeSiteRollUpChild}).
     */
    @Test
    @Tag("slow") // about 30-60 s: stores 310,031 figures, then the child rolls the month up
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aMonthOfAFiveThousandMeterSiteRollsUpInAFortyMegabyteHeap() throws Exception {
        int meters = 5_000;
        Path siteFile = writeSite(dir.resolve("site"), meters);
        Path data = dir.resolve("data");
        try (Site site = SiteFiles.load(siteFile); JdbcStore store = JdbcStore.open(StoreSettings.at(data))) {
            storeDays(site, store, meters, 31);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path err = dir.resolve("child.err");
        Process child = new ProcessBuilder(java, "-Xmx" + LargeSiteRollUpChild.HEAP, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
                LargeSiteRollUpChild.class.getName(), siteFile.toString(), data.toString())
                .redirectError(err.toFile()).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(child.waitFor(4, TimeUnit.MINUTES), "the child did not finish");
        assertEquals(0, child.exitValue(), "the roll-up failed in " + LargeSiteRollUpChild.HEAP + " of heap: "
                + Files.readString(err).lines().limit(20).toList());
        assertEquals("written " + (2 * meters + 1), out);
        try (Site site = SiteFiles.load(siteFile); JdbcStore store = JdbcStore.open(StoreSettings.at(data))) {
            TimeRange all = TimeRange.of(MARCH, MARCH.plus(Duration.ofDays(31)));
            double expected = 0;
            for (int m = 0; m < meters; m++) {
                for (int d = 0; d < 31; d++) {
                    expected += energy(m, d) * EF;
                }
            }
            StoredResult e = store.results().current("E", "", Grain.MONTH, all).getFirst();
            assertEquals(expected, e.result().value(), expected * 1e-12, "E of March: every day of every meter");
            assertEquals(1.0, e.result().completeness(), 1e-9, "every day of March");
            assertEquals(31 * 1 + 4999 * 0.001 * 31 + 0.25 * (30 * 31 / 2.0),
                    store.results().current("energy", "m4999", Grain.MONTH, all).getFirst().result().value(), 1e-9);
        }
    }
}
