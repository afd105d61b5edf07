package io.tanhe.server.evaluation;

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
import io.tanhe.server.terminal.DemoRuns;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Weeks, months, quarters and years as the demo terminal stored them after 70 simulated minutes, and their revisions. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class CalendarRollUpTest {
    @TempDir
    static Path dir;

    private Site site;
    private JdbcStore store;
    private final TimeRange all = TimeRange.of(Instant.parse("2025-12-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"));

    @BeforeAll
    void fill() throws Exception {
        DemoRuns.run(dir.resolve("site"), dir.resolve("data"), DemoRuns.START, Duration.ofMinutes(70));
        site = SiteFiles.load(dir.resolve("site/demo-site/site.yaml"));
        store = JdbcStore.open(StoreSettings.at(dir.resolve("data")));
    }

    @AfterAll
    void close() {
        store.close();
        site.close();
    }

    private StoredResult current(String node, Grain grain) {
        List<StoredResult> rows = store.results().current(node, "", grain, all);
        assertEquals(1, rows.size(), node + " at " + grain.label() + ": " + rows);
        return rows.getFirst();
    }

    @Test
    void theTerminalStoredTheWeekMonthQuarterAndYearOfItsDayWithTheDaysFigures() {
        StoredResult day = current("E", Grain.DAY);
        for (Grain g : CalendarRollUp.GRAINS) {
            StoredResult coarse = current("E", g);
            TimeBucket bucket = TimeBucket.of(g, day.result().bucketStart(), site.zone());
            assertEquals(bucket.start(), coarse.result().bucketStart(), g.label());
            assertEquals(day.result().value(), coarse.result().value(), 1e-9, g.label());
            assertEquals(day.result().quality(), coarse.result().quality(), g.label());
            double share = Duration.between(day.result().bucketStart(), day.result().bucketEnd()).toSeconds()
                    / (double) bucket.duration().toSeconds();
            assertEquals(day.result().completeness() * share, coarse.result().completeness(), 1e-9, g.label());
        }
        assertEquals(Instant.parse("2026-05-31T16:00:00Z"), current("E", Grain.WEEK).result().bucketStart(),
                "Monday 1 June 2026 00:00 in Shanghai");
    }

    @Test
    void aRevisedDayRevisesItsWeekMonthQuarterAndYearWithTheReason() {
        StoredResult day = current("power_supplied", Grain.DAY);
        BucketResult d = day.result();
        BucketResult revised = new BucketResult(d.nodeId(), d.key(), d.grain(), d.bucketStart(), d.bucketEnd(), d.value() + 10,
                d.unit(), Quality.MANUAL, d.completeness(), d.methodology(), Instant.now(), "late reading (test)");
        store.results().write(revised).join();
        CalendarRollUp rollUp = new CalendarRollUp(site, store.results(), store.readings(), Clock.fixed(Instant.parse("2026-06-05T00:00:00Z"), ZoneOffset.UTC));

        int written = rollUp.days(List.of(d.bucketStart()), "recompute of 2026-06-01 (test)");

        assertEquals(12, written,
                "power_supplied, intensity_supplied and supply_settlement_deviation (V13) at week, month, quarter and year");
        for (Grain g : CalendarRollUp.GRAINS) {
            List<StoredResult> revisions = store.results().revisions("power_supplied", "", g,
                    TimeBucket.of(g, d.bucketStart(), site.zone()).start());
            assertEquals(2, revisions.size(), g.label());
            assertEquals(d.value() + 10, revisions.getLast().result().value(), 1e-9, g.label());
            assertEquals(d.value(), revisions.getFirst().result().value(), 1e-9, g.label() + ": the earlier figure is kept");
            assertEquals(Quality.MANUAL, revisions.getLast().result().quality(), g.label());
            assertEquals("recompute of 2026-06-01 (test)", revisions.getLast().result().reason(), g.label());
        }
        assertEquals(0, rollUp.days(List.of(d.bucketStart()), "again"), "rolling up unchanged days writes nothing");
    }
}
