package io.tanhe.server.terminal;

import io.tanhe.engine.incremental.ResultValue;
import io.tanhe.engine.rules.RuleSet;
import io.tanhe.engine.rules.RuleSource;
import io.tanhe.engine.rules.RulesEngine;
import io.tanhe.engine.rules.RulesSettings;
import io.tanhe.engine.rules.verification.VerificationFinding;
import io.tanhe.engine.time.Grain;
import io.tanhe.engine.time.Quality;
import io.tanhe.engine.time.TimeBucket;
import io.tanhe.engine.units.Unit;
import io.tanhe.server.store.BucketResult;
import io.tanhe.server.store.MethodologyRef;
import io.tanhe.server.store.jdbc.JdbcStore;
import io.tanhe.server.store.jdbc.StoreSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The year-on-year feed of the calendar roll-up, which hands it a year's figures a chunk at a time. */
class VerificationFeedTest {
    private static final String DRL = """
            package test.feed;
            import io.tanhe.engine.rules.fact.PeriodChangeFact;
            import io.tanhe.engine.rules.fact.VerificationLimit;
            global io.tanhe.engine.rules.verification.Findings findings;

            rule "year on year"
            when
                $l : VerificationLimit(name == "yoy")
                $c : PeriodChangeFact(changePercent > $l.value)
            then
                findings.change(kcontext, $c, "T/V5", "3.4.1.3", false, "" + $l.value(), "changed");
            end
            """;
    private static final MethodologyRef METHODOLOGY = new MethodologyRef("test.feed", "1", "0".repeat(64));
    private static final TimeBucket Y2025 = TimeBucket.of(Grain.YEAR, Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final TimeBucket Y2026 = Y2025.next();

    @TempDir
    Path dir;

    private static ResultValue figure(String node, String key, TimeBucket bucket, double value, double completeness) {
        return new ResultValue(node, key, bucket, value, Unit.parse("tCO2"), Quality.MEASURED, completeness, true, false, null, null);
    }

    private static BucketResult stored(String node, String key, double value, double completeness) {
        return BucketResult.of(node, key, Y2025, value, "tCO2", Quality.MEASURED, completeness, METHODOLOGY, Y2025.end(), "test");
    }

    @Test
    void eachChunkOfAYearIsComparedWithTheYearBeforeOnceAndOnlyCompleteFiguresOfBoth() throws Exception {
        try (JdbcStore store = JdbcStore.open(StoreSettings.at(dir));
             RulesEngine rules = RulesEngine.start(new RuleSet("t", List.of(new RuleSource("test/feed.drl", DRL))),
                     new RulesSettings(Duration.ofDays(1), Map.of(), null, Map.of("yoy", -1e9)))) {
            store.results().writeAll(List.of(stored("E", "", 100, 1), stored("power", "m1", 10, 1), stored("power", "m2", 20, 1),
                    stored("power", "m3", 30, 0.5))).join();
            List<VerificationFinding> found = new ArrayList<>();
            rules.addFindingListener(found::add);
            VerificationFeed feed = new VerificationFeed(rules, store.results());

            feed.rolledUp(Y2026, List.of(figure("E", "", Y2026, 120, 1)));
            feed.rolledUp(Y2026, List.of(figure("power", "m1", Y2026, 11, 1), figure("power", "m2", Y2026, 25, 0.5),
                    figure("power", "m3", Y2026, 33, 1), figure("power", "m4", Y2026, 40, 1)));
            feed.rolledUp(Y2026.previous().previous(), List.of());
            feed.rolledUp(TimeBucket.of(Grain.MONTH, Y2026.start(), ZoneOffset.UTC), List.of(figure("E", "", Y2026, 10, 1)));

            assertEquals(List.of("E", "power[m1]"), found.stream().map(VerificationFinding::subject).toList(),
                    "m2 incomplete this year, m3 the year before, m4 not stored then; a month is no year");
            assertEquals(20, found.get(0).measured(), 1e-9, "120 against 100");
            assertEquals(10, found.get(1).measured(), 1e-9, "11 against 10");
        }
    }
}
