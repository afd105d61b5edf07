package io.tanhe.server.measurement;

import io.tanhe.engine.time.Grain;
import io.tanhe.server.site.Site;
import io.tanhe.server.site.SiteLoader;
import io.tanhe.server.store.jdbc.JdbcStore;
import io.tanhe.server.store.jdbc.StoreSettings;
import io.tanhe.server.terminal.lifecycle.DryRun;
import io.tanhe.server.terminal.lifecycle.Review;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A review (and `tanhe replay`) replays the accounting only: the measurement method's stored figures (CEMS hours) are
 * measured, not recomputed, so they are left out and counted instead of showing as figures the replay lost.
 */
class MeasuredFiguresReviewTest {
    private static final LocalDate DAY = LocalDate.of(2024, 6, 1);

    @TempDir
    Path dir;

    @Test
    void theMeasuredHoursAreLeftOutAndCounted() throws Exception {
        Path siteDir = Files.createDirectories(dir.resolve("site"));
        Site site = new SiteLoader(Clock.systemUTC()).load(Files.writeString(siteDir.resolve("site.yaml"), CemsPlant.SITE));
        Instant from = DAY.atStartOfDay(CemsPlant.ZONE).toInstant();
        try (JdbcStore store = JdbcStore.open(StoreSettings.at(dir.resolve("data")))) {
            CemsPlant.write(store, from, from.plus(Duration.ofHours(3)), List.of());
            var figures = new MeasuredFigures(site, store).hours(from, from.plus(Duration.ofHours(2)), from);
            store.results().writeAll(figures).join();
            long measured = figures.stream().filter(f -> f.grain() == Grain.HOUR).count();
            assertTrue(measured > 0);

            Review review = DryRun.review(site, store, DAY, DAY.plusDays(1), Grain.HOUR, false, Clock.systemUTC());
            assertEquals(measured, review.measuredLeftOut(), review.summary());
            assertTrue(review.figures().stream().noneMatch(f -> f.node().equals("co2_measured")), "no measured figure compared");
            assertTrue(review.summary().endsWith(measured + " measured figures (CEMS) left out: measured, not recomputed"), review.summary());
            assertEquals(measured, Review.fromJson(review.toJson()).measuredLeftOut(), "kept with the stored review");
        }
        site.close();
    }
}
