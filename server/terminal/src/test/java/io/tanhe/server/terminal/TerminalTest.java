package io.tanhe.server.terminal;

import io.tanhe.server.evaluation.Replay;
import io.tanhe.engine.time.Grain;
import io.tanhe.engine.time.Quality;
import io.tanhe.server.store.AlertState;
import io.tanhe.server.store.EventKind;
import io.tanhe.server.store.ReadingFilter;
import io.tanhe.server.store.StoredResult;
import io.tanhe.server.store.TimeRange;
import io.tanhe.server.store.jdbc.StoreSettings;
import io.tanhe.server.store.jdbc.JdbcStore;
import io.tanhe.server.site.Site;
import io.tanhe.server.site.SiteFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pipeline end to end: simulated meters through the real drivers, the real Derby store, engine and rules. */
@Timeout(120)
class TerminalTest {
    private static final TimeRange ALL = TimeRange.of(Instant.EPOCH, Replay.END_OF_TIME);

    @TempDir
    Path dir;

    @Test
    void simulatedMetersFlowIntoStoredReadingsResultsAndAlerts() throws Exception {
        Path data = dir.resolve("data");
        // a limit the gas flow always exceeds: the threshold must raise an alert and the store must keep it
        try (Terminal t = DemoRuns.open(dir.resolve("site"), data, s -> s.replace("limit: 46000", "limit: 30000").replace("clear: 45000", "clear: 29000"),
                DemoRuns.settings(data))) {
            DemoRuns.simulate(t, DemoRuns.START, Duration.ofMinutes(70));
        }
        try (Site site = SiteFiles.load(dir.resolve("site/demo-site/site.yaml"));
             JdbcStore store = JdbcStore.open(StoreSettings.at(data))) {
            // every 5 s for 70 min: 840 polls per point (+ the first at the start), and one lab entry
            List<io.tanhe.server.store.StoredReading> coal = store.readings().readings("unit1.coal.total", ALL);
            assertTrue(coal.size() >= 840 && coal.size() <= 841, coal.size() + " coal readings");
            assertEquals(1, store.readings().readings("unit1.coal.c_ar", ALL).size());

            List<StoredResult> hours = store.results().current("E", "", Grain.HOUR, ALL);
            assertEquals(2, hours.size(), "hours 08:00 and 09:00 (open, written at shutdown)");
            StoredResult eight = hours.get(0);
            // 380 t/h × C_ar ≈ 0.52 × 0.99 × 44/12 ≈ 717 tCO2, gas ≈ 87, power ≈ 1.4: about 805 tCO2 in a full hour
            assertTrue(eight.result().value() > 650 && eight.result().value() < 950, "E 08:00 = " + eight.result().value());
            assertEquals(Quality.MANUAL, eight.result().quality(), "the lab's C_ar is a manual value");
            assertTrue(eight.result().completeness() > 0.99, "the first poll is 5 s after the start: " + eight.result().completeness());
            assertEquals("cn.power-generation", eight.result().methodology().id());
            assertEquals(site.methodology().contentHash(), eight.result().methodology().contentHash());
            assertEquals(1, eight.revision(), "a closed hour is written once");

            assertEquals(List.of(), FreshRecomputation.differences(site, store));

            assertTrue(store.alerts().alerts(EnumSet.allOf(AlertState.class), ALL).stream()
                    .anyMatch(a -> a.raised().ruleId().equals("threshold/gt1-gas-flow-high")), "the gas-flow alert is stored");
            assertTrue(store.events().events(ALL).stream().anyMatch(e -> e.event().kind() == EventKind.RESTART));
            assertEquals(1, store.configs().history().size(), "the site file is saved as a configuration version");
        }
    }

    @Test
    void aRestartResumesTheOpenBucketsWithoutCountingAnythingTwice() throws Exception {
        DemoRuns.run(dir.resolve("a-site"), dir.resolve("a"), DemoRuns.START, Duration.ofMinutes(40));
        DemoRuns.run(dir.resolve("b-site"), dir.resolve("b"), DemoRuns.START, Duration.ofMinutes(20));
        DemoRuns.run(dir.resolve("b-site"), dir.resolve("b"), DemoRuns.START.plus(Duration.ofMinutes(20)), Duration.ofMinutes(20));
        try (Site site = SiteFiles.load(dir.resolve("b-site/demo-site/site.yaml"))) {
            double uninterrupted;
            try (JdbcStore a = JdbcStore.open(StoreSettings.at(dir.resolve("a")))) {
                uninterrupted = a.results().current("E", "", Grain.HOUR, ALL).get(0).result().value();
            }
            try (JdbcStore b = JdbcStore.open(StoreSettings.at(dir.resolve("b")))) {
                List<StoredResult> hour = b.results().current("E", "", Grain.HOUR, ALL);
                assertEquals(1, hour.size());
                assertEquals(uninterrupted, hour.get(0).result().value(), 1e-9 * uninterrupted,
                        "the hour over a restart equals the hour of an uninterrupted run");
                assertEquals(2, hour.get(0).revision(), "the open hour written at the first shutdown was revised once");
                Set<String> identities = new HashSet<>();
                long[] rows = {0};
                b.readings().scan(ReadingFilter.of(ALL), r -> {
                    rows[0]++;
                    identities.add(r.pointId() + "@" + r.measuredAt() + "#" + r.sourceId());
                });
                assertEquals(rows[0], identities.size(), "no reading is stored twice");
                assertEquals(List.of(), FreshRecomputation.differences(site, b));
                assertTrue(b.events().events(ALL).stream().filter(e -> e.event().kind() == EventKind.RESTART)
                        .anyMatch(e -> e.event().message().contains("readings replayed") && !e.event().message().startsWith("terminal started; 0 ")));
            }
        }
    }

    @Test
    void theOpenHourIsShownLiveBeforeItIsStored() throws Exception {
        Path data = dir.resolve("data");
        try (Terminal t = DemoRuns.open(dir.resolve("site"), data, UnaryOperator.identity(), DemoRuns.settings(data))) {
            DemoRuns.simulate(t, DemoRuns.START, Duration.ofMinutes(10));
            Instant end = DemoRuns.START.plus(Duration.ofMinutes(10));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while ((t.stats().watermark() == null || t.stats().watermark().isBefore(end)) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Thread.sleep(1_000); // a few flushes (every 200 ms) after the last reading was evaluated
            TerminalStats.HourFigure hour = t.stats().currentHour();
            assertEquals(DemoRuns.START, hour.start());
            assertTrue(hour.value() > 100 && hour.value() < 180, "E over 10 min = " + hour.value());
            assertEquals(List.of(), t.store().results().current("E", "", Grain.HOUR, ALL), "the open hour is not stored yet");
            assertTrue(!t.store().results().current("E", "", Grain.MINUTE, ALL).isEmpty(), "closed minutes are stored");
        }
    }
}
