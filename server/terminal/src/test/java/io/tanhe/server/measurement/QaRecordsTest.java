package io.tanhe.server.measurement;

import io.tanhe.engine.time.Grain;
import io.tanhe.engine.time.Quality;
import io.tanhe.server.site.Site;
import io.tanhe.server.store.BucketResult;
import io.tanhe.server.store.QaKind;
import io.tanhe.server.store.QaRecord;
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
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** QA records: an RA audit from stored runs, worked by hand; a late record recomputing stored hours; a failed check's out-of-control hours. */
class QaRecordsTest {
    private static final Instant DAY = LocalDateTime.of(2024, 6, 1, 0, 0).atZone(CemsPlant.ZONE).toInstant();
    private static final double T_PER_PERCENT = 16.06269000695486;

    @TempDir
    Path dir;

    private static Instant at(int hour, int minute) {
        return DAY.plus(Duration.ofHours(hour).plusMinutes(minute));
    }

    /**
     * Nine paired runs of CO2 in %vol, reference method vs CEMS:
     * <pre>
     *   RM   10.0 10.2 10.1  9.9 10.0 10.3 10.1  9.8 10.0   Σ = 90.4, RM̄ = 10.044 444
     *   CEMS  9.8 10.1  9.9  9.9  9.7 10.1 10.0  9.7  9.9   Σ = 89.1
     *   d     0.2  0.1  0.2  0.0  0.3  0.2  0.1  0.1  0.1   Σ = 1.3, d̄ = 0.144 444, Σd² = 0.25
     *   S_d = √((0.25 − 9 × 0.144 444²)/8) = √(0.062 222/8) = 0.088 192
     *   t(8) = 2.306 (two-sided 95 %), cc = 2.306 × 0.088 192/√9 = 0.067 790
     *   RA = (0.144 444 + 0.067 790)/10.044 444 = 2.1130 %;  RE = (89.1 − 90.4)/90.4 = −1.4381 %
     * </pre>
     */
    @Test
    void anAuditIsComputedFromTheStoredRunsOfItsPointAndPeriodAsWorkedByHand() {
        double[] rm = {10.0, 10.2, 10.1, 9.9, 10.0, 10.3, 10.1, 9.8, 10.0};
        double[] cems = {9.8, 10.1, 9.9, 9.9, 9.7, 10.1, 10.0, 9.7, 9.9};
        List<QaRecord> runs = new java.util.ArrayList<>();
        for (int i = 0; i < rm.length; i++) {
            runs.add(run(i + 1, CemsPlant.CO2, at(9, 5 * i), at(9, 5 * i + 5), rm[i], cems[i]));
        }
        runs.add(run(99, "stack1.flow", at(9, 0), at(9, 5), 1, 2)); // another point's run is not one of these
        runs.add(run(98, CemsPlant.CO2, at(8, 0), at(8, 5), 1, 2)); // nor is a run before the audit's period
        QaRecord a = QaChecks.audit(runs, CemsPlant.CO2, at(9, 0), at(10, 0), 10, "manual:test", "RM by GB/T 16157", DAY);
        assertEquals(QaKind.RA_AUDIT, a.kind());
        assertEquals(2.11295381895077, a.result(), 1e-9);
        assertEquals(10.044444444444444, a.reference(), 1e-12);
        assertEquals(9.9, a.measured(), 1e-12);
        assertEquals(Boolean.TRUE, a.passed().orElseThrow());
        assertTrue(a.note().startsWith("n = 9 runs (#1, #2, #3, #4, #5, #6, #7, #8, #9), d̄ = 0.144444, S_d = 0.0881917, t(8) = 2.306,"
                + " cc = 0.0677900, RE = -1.438 %; RM by GB/T 16157"), a.note());
        QaRecord strict = QaChecks.audit(runs, CemsPlant.CO2, at(9, 0), at(10, 0), 2, "manual:test", "", DAY);
        assertEquals(Boolean.FALSE, strict.passed().orElseThrow(), "2.113 % > 2 %");
        IllegalArgumentException few = assertThrows(IllegalArgumentException.class,
                () -> QaChecks.audit(runs, CemsPlant.CO2, at(9, 0), at(9, 10), 10, "manual:test", "", DAY));
        assertTrue(few.getMessage().contains("has 2 stored ra_run record(s)") && few.getMessage().contains("enter them first"), few.getMessage());
    }

    @Test
    void aCalibrationEnteredAfterItsHourClosedRecomputesTheStoredHoursWithRevisionsNamingIt() {
        Site site = CemsPlant.site(dir.resolve("site"));
        try (JdbcStore store = JdbcStore.open(StoreSettings.at(dir.resolve("data")))) {
            MeasurementJob job = measuredDay(site, store);
            BucketResult before = hour(store, 10);
            assertEquals(Quality.MEASURED, before.quality());

            QaRecord late = store.qa().add(new QaRecord(0, QaKind.ZERO_CALIBRATION, CemsPlant.CO2, at(10, 0), at(10, 40), 0, 0.12, 20,
                    0.6, 2, "manual:test", "entered late", DAY.plus(Duration.ofDays(2))));
            MeasurementJob.Recomputed r = job.recomputeFor(late);
            assertEquals(DAY, r.from());
            assertEquals(DAY.plus(Duration.ofDays(1)), r.to());
            assertTrue(r.revised() >= 3, "hour 9, hour 10, the day at least: " + r.revised());

            BucketResult calibrated = hour(store, 10);
            assertEquals(Quality.SUBSTITUTED, calibrated.quality());
            assertEquals(CemsPlant.co2(9) * T_PER_PERCENT, calibrated.value(), 1e-6, "hour 9 as measured now (its last minute is cut): G(10.9)");
            assertTrue(calibrated.reason().startsWith("calibration; substituted by the maximum"), calibrated.reason());
            assertTrue(calibrated.reason().endsWith("; recomputed after QA record #" + late.id() + " (zero_calibration "
                    + at(10, 0) + " – " + at(10, 40) + ", manual:test)"), calibrated.reason());
            List<StoredResult> revisions = store.results().revisions("co2_measured", "stack1", Grain.HOUR, at(10, 0));
            assertEquals(2, revisions.size());
            assertTrue(revisions.getFirst().result().reason().startsWith("measured"), "the first revision keeps the measured figure");
            BucketResult day = store.results().current("co2_measured", "stack1", Grain.DAY, TimeRange.of(DAY, DAY.plusSeconds(1)))
                    .getFirst().result();
            assertTrue(day.reason().startsWith("sum of 24 hourly figures: 23 measured, 1 substituted"), day.reason());
            assertTrue(day.reason().contains("QA record #" + late.id()), day.reason());

            MeasurementJob.Recomputed again = job.recomputeFor(late);
            assertEquals(0, again.revised(), "recomputing again changes nothing");
        }
    }

    @Test
    void aLateRecordRecomputesOnlyTheHoursStoredNotThoseBeforeTheDataBegan() {
        Site site = CemsPlant.site(dir.resolve("site"));
        try (JdbcStore store = JdbcStore.open(StoreSettings.at(dir.resolve("data")))) {
            CemsPlant.write(store, at(8, 0), at(12, 10), List.of());
            MeasurementJob job = MeasurementJob.start(site, store, Clock.fixed(DAY.plus(Duration.ofDays(2)), ZoneOffset.UTC),
                    Duration.ofDays(1)).orElseThrow();
            job.close();
            while (job.step()) {
                // one batch
            }
            QaRecord late = store.qa().add(new QaRecord(0, QaKind.MAINTENANCE, CemsPlant.CO2, at(10, 0), at(10, 40), Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN, "manual:test", "", DAY.plus(Duration.ofDays(2))));
            MeasurementJob.Recomputed r = job.recomputeFor(late);
            assertEquals(at(8, 0), r.from(), "from the first stored hour, not midnight");
            List<StoredResult> hours = store.results().current("co2_measured", "stack1", Grain.HOUR, TimeRange.of(DAY, at(12, 0)));
            assertEquals(4, hours.size(), "08:00 to 11:00 only: " + hours);
            BucketResult maintained = hour(store, 10);
            assertEquals(Quality.SUBSTITUTED, maintained.quality(), "α = 3/4 = 75 %: substituted; " + maintained.reason());
        }
    }

    @Test
    void aFailedAuditPutsTheHoursUntilAPassingOneOutOfControlAndTheyAreSubstituted() {
        Site site = CemsPlant.site(dir.resolve("site"));
        try (JdbcStore store = JdbcStore.open(StoreSettings.at(dir.resolve("data")))) {
            MeasurementJob job = measuredDay(site, store);
            QaRecord failed = store.qa().add(new QaRecord(0, QaKind.RA_AUDIT, CemsPlant.CO2, at(11, 0), at(12, 0), 10, 8.5, Double.NaN,
                    15.2, 10, "manual:test", "", DAY));
            job.recomputeFor(failed);
            for (int h = 12; h < 24; h++) {
                BucketResult r = hour(store, h);
                assertEquals(Quality.MISSING, r.quality(), "α = 12/24 = 50 % < 75 %: no rule; hour " + h);
                assertTrue(r.reason().contains("out of control (HJ 75-2017 失控, second-hand) after ra_audit #" + failed.id()), r.reason());
            }
            QaRecord passed = store.qa().add(new QaRecord(0, QaKind.RA_AUDIT, CemsPlant.CO2, at(17, 0), at(18, 0), 10, 9.8, Double.NaN,
                    4.1, 10, "manual:test", "after the span gas was replaced", DAY));
            MeasurementJob.Recomputed r = job.recomputeFor(passed);
            assertTrue(r.revised() > 0);
            double hour11 = T_PER_PERCENT * (CemsPlant.co2(11) + (CemsPlant.co2(12) - CemsPlant.co2(11)) / 240);
            for (int h = 12; h < 18; h++) {
                BucketResult s = hour(store, h);
                assertEquals(Quality.SUBSTITUTED, s.quality(), "α = 18/24 = 75 %: the 2160-hour row; hour " + h + ": " + s.reason());
                assertEquals(hour11, s.value(), 1e-6, "the largest valid hour before the run");
            }
            assertEquals(Quality.MEASURED, hour(store, 18).quality(), hour(store, 18).reason());
            assertFalse(hour(store, 18).reason().contains("out of control"));
        }
    }

    /** A day of readings (no faults) with its 24 hours stored by the job. */
    private static MeasurementJob measuredDay(Site site, Store store) {
        CemsPlant.write(store, DAY, DAY.plus(Duration.ofHours(24).plusMinutes(10)), List.of());
        MeasurementJob job = MeasurementJob.start(site, store, Clock.fixed(DAY.plus(Duration.ofDays(2)), ZoneOffset.UTC),
                Duration.ofDays(1)).orElseThrow();
        job.close();
        while (job.step()) {
            // a day per step
        }
        assertEquals(24, store.results().current("co2_measured", "stack1", Grain.HOUR, TimeRange.of(DAY, DAY.plus(Duration.ofDays(1)))).size());
        return job;
    }

    private static BucketResult hour(Store store, int h) {
        return store.results().current("co2_measured", "stack1", Grain.HOUR, TimeRange.of(at(h, 0), at(h, 0).plusSeconds(1)))
                .getFirst().result();
    }

    private static QaRecord run(long id, String point, Instant from, Instant to, double reference, double cems) {
        return new QaRecord(id, QaKind.RA_RUN, point, from, to, reference, cems, Double.NaN, Double.NaN, Double.NaN, "manual:test", "", DAY);
    }
}
