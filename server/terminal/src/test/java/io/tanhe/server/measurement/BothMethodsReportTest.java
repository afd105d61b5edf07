package io.tanhe.server.measurement;

import io.tanhe.engine.time.Grain;
import io.tanhe.engine.time.Quality;
import io.tanhe.engine.time.TimeBucket;
import io.tanhe.server.report.BothMethods;
import io.tanhe.server.report.PeriodicDocument;
import io.tanhe.server.report.document.Block;
import io.tanhe.server.report.document.ReportDocument;
import io.tanhe.server.report.document.Section;
import io.tanhe.server.report.Report;
import io.tanhe.server.report.ReportFormat;
import io.tanhe.server.report.ReportGrain;
import io.tanhe.server.site.Site;
import io.tanhe.server.store.BucketResult;
import io.tanhe.server.store.QaKind;
import io.tanhe.server.store.QaRecord;
import io.tanhe.server.store.TimeRange;
import io.tanhe.server.store.jdbc.JdbcStore;
import io.tanhe.server.store.jdbc.StoreSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reports give both methods for a compared boundary: the stored CEMS figure beside the stored
 * accounting figure, δ and a finding past the site's ±5 % bound, the measured hours' capture rate
 * and substitutions, and the QA records of the range.
 */
class BothMethodsReportTest {
    private static final Instant DAY = LocalDateTime.of(2024, 6, 1, 0, 0).atZone(CemsPlant.ZONE).toInstant();

    @TempDir
    Path dir;

    @Test
    void theReportShowsBothFiguresTheirDeviationAndAFindingPastTheBound() {
        Site site = CemsPlant.site(dir.resolve("site"));
        try (JdbcStore store = JdbcStore.open(StoreSettings.at(dir.resolve("data")))) {
            CemsPlant.write(store, DAY, DAY.plus(Duration.ofHours(3).plusMinutes(5)), List.of());
            QaRecord span = store.qa().add(new QaRecord(0, QaKind.SPAN_CALIBRATION, CemsPlant.CO2, DAY.plus(Duration.ofHours(1)),
                    DAY.plus(Duration.ofHours(1).plusMinutes(50)), 12, 12.3, 20, 1.5, 2.5, "manual:qa", "span gas 12 %", DAY));
            MeasuredFigures figures = new MeasuredFigures(site, store);
            store.results().writeAll(figures.hours(DAY, DAY.plus(Duration.ofHours(3)), DAY)).join();
            // accounting: hour 0 = 162 t (the CEMS 160.627 t is −0.848 %); hour 2 = 150 t (CEMS 163.846 t is +9.23 %: a finding)
            store.results().writeAll(List.of(accounting(0, 162), accounting(1, 170), accounting(2, 150))).join();

            Report report = Report.build("cems-plant", site.methodology(), site.graph(), store.results(), site.zone(), ReportGrain.HOUR,
                    TimeRange.of(DAY, DAY.plus(Duration.ofHours(3)))).withMethods(site, store);
            List<BothMethods.Row> rows = report.methods().rows();
            assertEquals(3, rows.size());
            double hour0 = 16.06269000695486 * 10; // 01:00 opens the span check: not bridged, so no mixing with 10.1 %
            assertEquals(hour0, rows.get(0).measured().orElseThrow().value(), 1e-6);
            assertEquals((hour0 - 162) / 162, rows.get(0).deviation(), 1e-9);
            assertTrue(rows.get(0).finding().isEmpty());
            assertEquals(1.0, rows.get(0).captureRate());
            BothMethods.Row calibrated = rows.get(1);
            // three hours held, one not valid: α = 2/3 < 75 %, below every row of the HJ 75 table, so the hour stays missing
            assertEquals(Quality.MISSING, calibrated.measured().orElseThrow().quality());
            assertEquals(0, calibrated.substituted());
            assertEquals(0.0, calibrated.captureRate());
            assertTrue(calibrated.finding().orElseThrow().startsWith("cannot compare the methods"), calibrated.finding().orElseThrow());
            BothMethods.Row far = rows.get(2);
            double hour2 = 16.06269000695486 * (10.2 + 0.1 / 240); // 03:00 reads 10.3 %: the last half minute rises to it
            assertEquals((hour2 - 150) / 150, far.deviation(), 1e-6);
            assertTrue(far.finding().orElseThrow().startsWith("CEMS and accounting differ by +9."), far.finding().orElseThrow());
            assertEquals(List.of(span.withId(span.id())), report.methods().qa());

            String table = ReportFormat.TABLE.render(report);
            assertTrue(table.contains("both methods: co2_measured[stack1] by measurement (CEMS), coal_combustion[unit1] by accounting; bound ±5 %"), table);
            assertTrue(table.contains("QA span_calibration stack1.co2"), table);
            String json = ReportFormat.JSON.render(report);
            assertTrue(json.contains("\"methods\"") && json.contains("\"substitutedHours\" : 0") && json.contains("\"kind\" : \"span_calibration\""), json);

            ReportDocument document = PeriodicDocument.of(report, site.identity(), DAY);
            Section both = document.sections().getLast();
            assertEquals("测量法与核算法 Both methods", both.title());
            Block.Table byBucket = (Block.Table) both.blocks().get(1);
            assertEquals(3, byBucket.rows().size());
            Block.Table qa = (Block.Table) both.blocks().get(3);
            assertEquals(1, qa.rows().size());
            assertTrue(ReportFormat.XLSX.bytes(report, site.identity(), DAY).length > 1000, "the workbook is written");
        }
    }

    @Test
    void aSiteWithoutAMeasurementBlockHasNoMethodsInItsReport() {
        Site site = CemsPlant.site(dir.resolve("site"));
        try (JdbcStore store = JdbcStore.open(StoreSettings.at(dir.resolve("data")))) {
            Report report = Report.build("cems-plant", site.methodology(), site.graph(), store.results(), site.zone(), ReportGrain.HOUR,
                    TimeRange.of(DAY, DAY.plus(Duration.ofHours(3))));
            assertEquals(BothMethods.NONE, report.methods());
            assertFalse(ReportFormat.JSON.render(report).contains("\"methods\""));
        }
    }

    private static BucketResult accounting(int hour, double value) {
        TimeBucket b = TimeBucket.of(Grain.HOUR, DAY.plus(Duration.ofHours(hour)), CemsPlant.ZONE);
        return BucketResult.of("coal_combustion", "unit1", b, value, "tCO2", Quality.MEASURED, 1,
                new io.tanhe.server.store.MethodologyRef("cn.power-generation", "2022.1", "x".repeat(64)), DAY, "live");
    }
}
