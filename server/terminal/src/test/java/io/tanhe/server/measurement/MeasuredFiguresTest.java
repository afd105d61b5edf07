package io.tanhe.server.measurement;

import io.tanhe.engine.time.Grain;
import io.tanhe.engine.time.Quality;
import io.tanhe.server.site.Site;
import io.tanhe.server.store.BucketResult;
import io.tanhe.server.store.QaKind;
import io.tanhe.server.store.QaRecord;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A day of a stack CEMS with a calibration hour and a fault hour, through the terminal's measurement
 * job into the store. Hand-worked (docs/cems.md, formulas (19), (20), (31), (33) of HJ 212-2017 App. D):
 * <pre>
 *   Q_sn = 1 080 000 × 273.15/323.15 × 100.825/101.325 × 0.90 = 817 551.139 Nm3/h
 *   C_Q  = p % × 10^4 µmol/mol × 44.01/22.4                     = p × 19 647.321 mg/Nm3
 *   G    = C_Q × Q_sn × 10^-9 t/mg                               = p × 16.062 690 tCO2/h
 *   a rate is integrated linearly between readings 30 s apart, so the last minute of an hour means
 *   p_h + (p_next − p_h)/4 when the next hour's first reading is valid: the hour is
 *   G(p_h + (p_next − p_h)/240) — hour 14: G(11.4 + 0.1/240) = 183.121 359 t; hour 23 (the next day
 *   opens at 10.0 %): G(12.3 − 2.3/240) = 197.417 153 t; hour 9's next reading (10:00) is calibration,
 *   not bridged, so its last minute is half covered and invalid, and hour 9 is G(10.9) = 175.083 321 t
 *   hour 10: calibration 10:00–10:40 (QA record) → 20 valid minutes < 45 → calibration
 *   hour 15: CO2 flagged D 15:05–15:30 → 34 valid minutes (15:04 is half covered: no bridge into the fault) → invalid
 *   capture rate α = (24 − 0 − 2)/(24 − 0) = 91.667 % ≥ 90 %, runs of 1 h ≤ 24 h
 *     → the maximum of the (up to 180) valid hours before: hour 10 takes hour 9's 175.083 321 t,
 *       hour 15 takes hour 14's 183.121 359 t (CO2 rises through the day)
 *   day = Σ 22 measured hours + 175.083 321 + 183.121 359 = 4 295.149 922 tCO2
 * </pre>
 */
class MeasuredFiguresTest {
    private static final Instant DAY = LocalDateTime.of(2024, 6, 1, 0, 0).atZone(CemsPlant.ZONE).toInstant();
    private static final double T_PER_PERCENT = 16.06269000695486;

    @TempDir
    Path dir;

    private static Instant at(int hour, int minute) {
        return DAY.plus(Duration.ofHours(hour).plusMinutes(minute));
    }

    @Test
    void aDayWithACalibrationHourAndAFaultHourIsStoredWithBothSubstitutedAndMarked() {
        Site site = CemsPlant.site(dir.resolve("site"));
        try (JdbcStore store = JdbcStore.open(StoreSettings.at(dir.resolve("data")))) {
            CemsPlant.write(store, DAY, DAY.plus(Duration.ofHours(24).plusMinutes(10)),
                    List.<Instant[]>of(new Instant[]{at(15, 5), at(15, 30)}));
            store.qa().add(new QaRecord(0, QaKind.ZERO_CALIBRATION, CemsPlant.CO2, at(10, 0), at(10, 40), 0, 0.12, 20, 0.6, 2,
                    "manual:test", "zero gas N2", DAY));
            MeasurementJob job = MeasurementJob.start(site, store, Clock.fixed(DAY, ZoneOffset.UTC), Duration.ofDays(1)).orElseThrow();
            job.close();
            while (job.step()) {
                // one day per step; the readings end ten minutes into the next day
            }

            List<BucketResult> hours = current(store, "co2_measured", Grain.HOUR, DAY, DAY.plus(Duration.ofDays(1)));
            assertEquals(24, hours.size());
            for (int h = 0; h < 24; h++) {
                BucketResult r = hours.get(h);
                if (h == 10 || h == 15) {
                    continue;
                }
                assertEquals(Quality.MEASURED, r.quality(), "hour " + h + ": " + r.reason());
                assertEquals(expectedHour(h), r.value(), 1e-6 * r.value(), "hour " + h);
                assertEquals("tCO2", r.unit());
            }
            BucketResult calibration = hours.get(10);
            assertEquals(Quality.SUBSTITUTED, calibration.quality());
            assertEquals(175.08332107580796, calibration.value(), 1e-6);
            assertTrue(calibration.reason().startsWith("calibration; substituted by the maximum of the 10 valid hours"), calibration.reason());
            assertTrue(calibration.reason().contains("capture rate 91.7 %"), calibration.reason());
            assertEquals(20 / 60.0, calibration.completeness(), 1e-9);
            BucketResult fault = hours.get(15);
            assertEquals(Quality.SUBSTITUTED, fault.quality());
            assertEquals(183.12135886678828, fault.value(), 1e-6);
            assertTrue(fault.reason().startsWith("invalid; substituted by the maximum of the 14 valid hours"), fault.reason());
            assertEquals(34 / 60.0, fault.completeness(), 1e-9);

            BucketResult day = current(store, "co2_measured", Grain.DAY, DAY, DAY.plusSeconds(1)).getFirst();
            double sheet = 0;
            for (int h = 0; h < 24; h++) {
                sheet += h == 10 ? expectedHour(9) : h == 15 ? expectedHour(14) : expectedHour(h);
            }
            assertEquals(sheet, day.value(), 1e-6);
            assertEquals(4295.149922284724, day.value(), 1e-5);
            assertEquals(Quality.SUBSTITUTED, day.quality());
            assertEquals("sum of 24 hourly figures: 22 measured, 2 substituted, 0 missing; capture rate 91.7 %", day.reason());
            BucketResult alpha = current(store, "co2_measured_capture_rate", Grain.DAY, DAY, DAY.plusSeconds(1)).getFirst();
            assertEquals(22 / 24.0 * 100, alpha.value(), 1e-9);
            assertEquals("%", alpha.unit());

            List<BucketResult> quarters = current(store, "co2_measured", Grain.FIFTEEN_MINUTES, at(9, 0), at(10, 0));
            assertEquals(4, quarters.size());
            assertEquals(175.08332107580796 / 4, quarters.getFirst().value(), 1e-6); // 09:00–09:15, no hour boundary inside
            assertEquals("cn.cems-co2", quarters.getFirst().methodology().id());
        }
    }

    @Test
    void theNextDaySubstitutesFromTheStoredHoursOfTheDayBefore() {
        Site site = CemsPlant.site(dir.resolve("site"));
        try (JdbcStore store = JdbcStore.open(StoreSettings.at(dir.resolve("data")))) {
            Instant next = DAY.plus(Duration.ofDays(1));
            CemsPlant.write(store, DAY, next.plus(Duration.ofHours(3)),
                    List.<Instant[]>of(new Instant[]{next, next.plus(Duration.ofMinutes(30))}));
            MeasuredFigures figures = new MeasuredFigures(site, store);
            store.results().writeAll(figures.hours(DAY, next, DAY)).join();
            List<BucketResult> later = figures.hours(next, next.plus(Duration.ofHours(2)), next).stream()
                    .filter(r -> r.grain() == Grain.HOUR && r.nodeId().equals("co2_measured")).toList();
            assertEquals(Quality.SUBSTITUTED, later.getFirst().quality());
            // the largest of the day before: hour 23, whose last minute is cut by the next day's invalid 00:00 reading: G(12.3)
            assertEquals(12.3 * T_PER_PERCENT, later.getFirst().value(), 1e-6);
            assertTrue(later.getFirst().reason().contains("24 valid hours"), later.getFirst().reason());
            assertEquals(Quality.MEASURED, later.get(1).quality());
        }
    }

    /** Hour h as measured, spreadsheet-style: G(p_h + (p_next − p_h)/240), or G(p_h) when the next reading is not valid (hour 9). */
    private static double expectedHour(int h) {
        double p = CemsPlant.co2(h);
        double next = h == 23 ? CemsPlant.co2(0) : CemsPlant.co2(h + 1);
        return T_PER_PERCENT * (h == 9 ? p : p + (next - p) / 240);
    }

    private static List<BucketResult> current(JdbcStore store, String node, Grain grain, Instant from, Instant to) {
        return store.results().current(node, "stack1", grain, TimeRange.of(from, to)).stream().map(StoredResult::result).toList();
    }
}
