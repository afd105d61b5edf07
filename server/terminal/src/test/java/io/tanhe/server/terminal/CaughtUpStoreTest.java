package io.tanhe.server.terminal;

import io.tanhe.drivers.schedule.Acquisition;
import io.tanhe.engine.time.Grain;
import io.tanhe.server.evaluation.Replay;
import io.tanhe.server.site.Site;
import io.tanhe.server.site.SiteFiles;
import io.tanhe.server.store.TimeRange;
import io.tanhe.server.store.jdbc.JdbcStore;
import io.tanhe.server.store.jdbc.StoreSettings;
import io.tanhe.sim.SimulatedClock;
import io.tanhe.sim.demo.SimulatedTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A store filled by the catch-up of an outage (days computed one at a time from the time model, the next
 * day computed while the day before is written, weeks to years rolled up from the stored days) holds
 * exactly what a terminal that evaluated the same readings without an outage holds: a fresh evaluator
 * fed every stored reading, all grains up to years ({@link FreshRecomputation}). The slow
 * {@link OutageCatchUpTest} does the same for two weeks with kills; this one runs in every build.
 */
@Timeout(300)
class CaughtUpStoreTest {
    private static final Duration OUTAGE = Duration.ofDays(2);

    @TempDir
    Path dir;

    @Test
    void aTwoDayOutageCaughtUpStoresWhatAFreshEvaluationOfTheSameReadingsGives() throws Exception {
        Path data = dir.resolve("data");
        DemoRuns.run(dir.resolve("site"), data, DemoRuns.START, Duration.ofMinutes(30));
        TerminalStats.CatchUp seen = null;
        try (Terminal t = DemoRuns.open(dir.resolve("site"), data, UnaryOperator.identity(), DemoRuns.settings(data))) {
            Instant restart = DemoRuns.START.plus(OUTAGE);
            SimulatedClock clock = new SimulatedClock(restart, t.site().zone());
            Acquisition acquisition = t.createAcquisition(clock);
            SimulatedTime time = new SimulatedTime(clock, acquisition.scheduler(), t.site().drivers(), t.intake(),
                    DemoRuns.SPEED, restart.plus(Duration.ofMinutes(15)));
            time.start();
            long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
            while (System.nanoTime() < deadline) {
                TerminalStats.CatchUp c = t.catchUp();
                if (c != null) {
                    seen = c;
                    assertTrue(c.daysDone() <= c.daysTotal(), c.toString());
                } else if (seen != null && time.awaitEnd(Duration.ZERO)) {
                    break;
                }
                Thread.sleep(20);
            }
            time.awaitEnd(Duration.ofMinutes(1));
            time.close();
            assertNotNull(seen, "the outage was not noticed");
            assertEquals(null, t.catchUp(), "the catch-up did not end within 4 minutes: " + seen);
        }
        System.out.println("caught up: " + seen);
        assertFalse(Files.exists(data.resolve(OutageMarker.NAME)), "the outage is recorded as caught up");

        try (Site site = SiteFiles.load(dir.resolve("site/demo-site/site.yaml"));
             JdbcStore store = JdbcStore.open(StoreSettings.at(data))) {
            TimeRange outage = TimeRange.of(DemoRuns.START, DemoRuns.START.plus(OUTAGE));
            assertEquals(2 * 1440, store.results().current("E", "", Grain.MINUTE, outage).size(),
                    "every minute from the first run's start to the restart is stored");
            assertEquals(List.of(), FreshRecomputation.differences(site, store).stream().limit(20).toList());
            assertTrue(store.results().current("E", "", Grain.MONTH, TimeRange.of(Instant.EPOCH, Replay.END_OF_TIME)).size() == 1,
                    "June rolled up from the stored days");
        }
    }
}
