package io.tanhe.server.measurement;

import io.tanhe.engine.time.Grain;
import io.tanhe.engine.time.Quality;
import io.tanhe.server.site.Site;
import io.tanhe.server.store.BucketResult;
import io.tanhe.server.store.Store;
import io.tanhe.server.store.StoredResult;
import io.tanhe.server.store.TimeRange;
import io.tanhe.server.store.jdbc.JdbcStore;
import io.tanhe.server.store.jdbc.StoreSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Readings a data logger sends after its hours were stored (a gap the platform retrieved) revise those hours. */
class LateReadingsTest {
    private static final LocalDate DATE = LocalDate.of(2024, 6, 1);
    private static final Instant DAY = LocalDateTime.of(2024, 6, 1, 0, 0).atZone(CemsPlant.ZONE).toInstant();

    @TempDir
    Path dir;

    private static Instant at(int hour) {
        return DAY.plus(Duration.ofHours(hour));
    }

    @Test
    void theHoursOfAnOutageAreRevisedWhenTheLoggersRetrievedReadingsArrive() {
        Site site = CemsPlant.site(dir.resolve("site"));
        try (JdbcStore store = JdbcStore.open(StoreSettings.at(dir.resolve("data")))) {
            CemsPlant.write(store, at(0), at(9), List.of());
            CemsPlant.write(store, at(11), at(24).plusSeconds(600), List.of());
            MeasurementJob job = MeasurementJob.start(site, store, Clock.fixed(DAY.plus(Duration.ofDays(2)), ZoneOffset.UTC),
                    Duration.ofDays(1)).orElseThrow();
            job.close();
            while (job.step()) {
                // a day at most per batch
            }
            BucketResult outage = hour(store, 10);
            assertNotEquals(Quality.MEASURED, outage.quality(), "no reading of 09:00-11:00 had come: " + outage.reason());

            CemsPlant.write(store, at(9), at(11), List.of());
            int revised = job.recomputeDay(DATE, "recomputed with the late readings of " + DATE);

            assertTrue(revised >= 3, "hours 9 and 10 and the day at least: " + revised);
            BucketResult measured = hour(store, 10);
            assertEquals(Quality.MEASURED, measured.quality(), measured.reason());
            assertEquals(onTime(site).value(), measured.value(), 1e-9, "as a terminal that had every reading on time stored it");
            assertTrue(measured.reason().endsWith("; recomputed with the late readings of 2024-06-01"), measured.reason());
            List<StoredResult> revisions = store.results().revisions("co2_measured", "stack1", Grain.HOUR, at(10));
            assertEquals(2, revisions.size(), "the outage's figure is kept as the first revision");
            assertEquals(outage.quality(), revisions.getFirst().result().quality());
            assertEquals(0, job.recomputeDay(DATE, "again"), "recomputing again changes nothing");
        }
    }

    /** Hour 10 of a store that received the whole day on time. */
    private BucketResult onTime(Site site) {
        try (JdbcStore store = JdbcStore.open(StoreSettings.at(dir.resolve("on-time")))) {
            CemsPlant.write(store, at(0), at(24).plusSeconds(600), List.of());
            MeasurementJob job = MeasurementJob.start(site, store, Clock.fixed(DAY.plus(Duration.ofDays(2)), ZoneOffset.UTC),
                    Duration.ofDays(1)).orElseThrow();
            job.close();
            while (job.step()) {
                // a day at most per batch
            }
            BucketResult h = hour(store, 10);
            assertEquals(Quality.MEASURED, h.quality(), h.reason());
            return h;
        }
    }

    private static BucketResult hour(Store store, int h) {
        return store.results().current("co2_measured", "stack1", Grain.HOUR, TimeRange.of(at(h), at(h).plusSeconds(1)))
                .getFirst().result();
    }
}
