package io.tanhe.server.report;

import io.tanhe.server.report.document.Block;
import io.tanhe.server.report.document.Numbers;
import io.tanhe.server.report.document.PdfPages;
import io.tanhe.server.report.document.ReportDocument;
import io.tanhe.server.site.Site;
import io.tanhe.server.site.SiteFiles;
import io.tanhe.server.store.TimeRange;
import io.tanhe.server.store.jdbc.StoreSettings;
import io.tanhe.server.store.jdbc.JdbcStore;
import io.tanhe.server.terminal.DemoRuns;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The periodic report as PDF and Excel, from a store the demo terminal filled for 70 simulated minutes (08:00–09:10 local). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class PeriodicDocumentTest {
    static final Path OUT = Path.of("target", "report-samples");

    @TempDir
    static Path dir;

    private Site site;
    private JdbcStore store;
    private Report hourly;

    @BeforeAll
    void fill() throws Exception {
        DemoRuns.run(dir.resolve("site"), dir.resolve("data"), DemoRuns.START, Duration.ofMinutes(70));
        site = SiteFiles.load(dir.resolve("site/demo-site/site.yaml"));
        store = JdbcStore.open(StoreSettings.at(dir.resolve("data")));
        hourly = report(ReportGrain.HOUR, DemoRuns.START, DemoRuns.START.plus(Duration.ofHours(2)));
        Files.createDirectories(OUT);
    }

    @AfterAll
    void close() {
        store.close();
        site.close();
    }

    private Report report(ReportGrain grain, Instant from, Instant to) {
        return Report.build(site.identity().siteId(), site.methodology(), site.graph(), store.results(), site.zone(), grain,
                TimeRange.of(from, to));
    }

    private double stored(String label, Instant start) {
        return hourly.buckets().get(start).stream().filter(l -> l.label().equals(label)).findFirst().orElseThrow().row().value();
    }

    @Test
    void thePdfHoldsEverySectionTheChineseTextAndTheStoresFigures() throws Exception {
        byte[] pdf = ReportFormat.PDF.bytes(hourly, site.identity(), DemoRuns.START.plus(Duration.ofHours(2)));
        Path file = OUT.resolve("periodic-hourly.pdf");
        Files.write(file, pdf);
        String text = PdfPages.text(pdf);
        for (String heading : new String[]{"碳排放统计报告", "报告信息", "排放总量与强度", "按排放类别", "按排放源", "分时段排放",
                "数据质量与完整性", "演示发电有限公司", "化石燃料燃烧", "购入电力"}) {
            assertTrue(text.contains(heading), "the PDF's text has `" + heading + "`:\n" + text);
        }
        ReportSummary summary = ReportSummary.of(hourly);
        double e = stored("E", DemoRuns.START) + stored("E", DemoRuns.START.plus(Duration.ofHours(1)));
        assertEquals(e, summary.headline().orElseThrow().value(), 1e-9, "the range total is the sum of the stored hours");
        String shown = Numbers.text(Block.Number.of(e, 3));
        assertTrue(text.contains(shown), "the PDF shows the total " + shown);
        String eight = Numbers.text(Block.Number.of(stored("coal_combustion[unit1]", DemoRuns.START)
                + stored("gas_combustion[gt1,natural_gas]", DemoRuns.START), 3));
        assertTrue(text.contains(eight), "the PDF shows 08:00's combustion (coal and gas) " + eight);
        PdfPages.render(file, 1, OUT.resolve("periodic-hourly-page1.png"));
        PdfPages.render(file, 2, OUT.resolve("periodic-hourly-page2.png"));
    }

    @Test
    void theWorkbookHoldsNumbersAsNumbersWithUnitsInTheHeadersOneSheetPerSection() throws Exception {
        byte[] xlsx = ReportFormat.XLSX.bytes(hourly, site.identity(), DemoRuns.START.plus(Duration.ofHours(2)));
        Files.write(OUT.resolve("periodic-hourly.xlsx"), xlsx);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            assertEquals(7, book.getNumberOfSheets(), "a cover and six sections");
            Sheet sources = book.getSheet("按排放源");
            Row header = findRow(sources, "排放源");
            assertEquals("排放量 (tCO2)", header.getCell(3).getStringCellValue());
            Map<String, Double> byNode = new HashMap<>();
            for (int r = header.getRowNum() + 1; r <= sources.getLastRowNum(); r++) {
                Row row = sources.getRow(r);
                if (row == null || row.getCell(3) == null) {
                    continue;
                }
                assertEquals(CellType.NUMERIC, row.getCell(3).getCellType(), "a figure is a number, not text");
                byNode.put(row.getCell(1).getStringCellValue(), row.getCell(3).getNumericCellValue());
            }
            for (ReportSummary.Line l : ReportSummary.of(hourly).sources()) {
                double store = stored(l.label(), DemoRuns.START) + stored(l.label(), DemoRuns.START.plus(Duration.ofHours(1)));
                assertEquals(store, byNode.get(l.label()), 1e-9, l.label() + " equals the store's two hours, unrounded");
            }
        }
    }

    @Test
    void aWeekIsTheSumOfItsDaysFromMonday() {
        Report week = report(ReportGrain.WEEK, ReportGrain.WEEK.floor(DemoRuns.START, site.zone()),
                ReportGrain.WEEK.next(ReportGrain.WEEK.floor(DemoRuns.START, site.zone()), site.zone()));
        Report day = report(ReportGrain.DAY, ReportGrain.DAY.floor(DemoRuns.START, site.zone()),
                ReportGrain.DAY.next(ReportGrain.DAY.floor(DemoRuns.START, site.zone()), site.zone()));
        Instant monday = week.buckets().keySet().iterator().next();
        assertEquals(java.time.DayOfWeek.MONDAY, monday.atZone(site.zone()).getDayOfWeek());
        assertEquals(0, monday.atZone(site.zone()).getHour());
        double w = week.buckets().get(monday).stream().filter(l -> l.label().equals("E")).findFirst().orElseThrow().row().value();
        double d = day.buckets().values().iterator().next().stream().filter(l -> l.label().equals("E")).findFirst().orElseThrow().row().value();
        assertEquals(d, w, 1e-9);
        assertEquals(ReportGrain.WEEK, ReportGrain.fromLabel("week"));
    }

    @Test
    void intensityOverTheRangeIsTheSumOfEOverTheSumOfProductionNotAMeanOfHours() {
        ReportSummary summary = ReportSummary.of(hourly);
        double e = stored("E", DemoRuns.START) + stored("E", DemoRuns.START.plus(Duration.ofHours(1)));
        double supplied = measure(hourly, "power_supplied", DemoRuns.START) + measure(hourly, "power_supplied", DemoRuns.START.plus(Duration.ofHours(1)));
        ReportSummary.Line intensity = summary.intensities().stream().filter(l -> l.label().equals("intensity_supplied")).findFirst().orElseThrow();
        assertEquals(e / supplied, intensity.value(), 1e-12);
        assertEquals("tCO2/MWh", intensity.unit());
        double eightOclock = measure(hourly, "intensity_supplied", DemoRuns.START);
        assertEquals(stored("E", DemoRuns.START) / measure(hourly, "power_supplied", DemoRuns.START), eightOclock, 1e-9,
                "the stored hourly intensity is that hour's E over its supply");
        Report month = report(ReportGrain.MONTH, ReportGrain.MONTH.floor(DemoRuns.START, site.zone()), DemoRuns.START.plus(Duration.ofDays(1)));
        Instant june = month.measures().keySet().iterator().next();
        double monthE = month.buckets().get(june).stream().filter(l -> l.label().equals("E")).findFirst().orElseThrow().row().value();
        assertEquals(monthE / measure(month, "power_supplied", june), measure(month, "intensity_supplied", june), 1e-12,
                "a month's intensity comes from the month's sums (the ratio node is rolled up from its operands)");
        assertTrue(summary.intensities().stream().noneMatch(l -> l.label().equals("intensity_heat")), "no heat meter, no heat intensity");
    }

    private static double measure(Report r, String label, Instant start) {
        return r.measures().get(start).stream().filter(l -> l.label().equals(label)).findFirst().orElseThrow().row().value();
    }

    @Test
    void aBinaryFormatIsNotText() {
        assertThrows(IllegalArgumentException.class, () -> ReportFormat.PDF.render(hourly));
        assertEquals(ReportFormat.XLSX, ReportFormat.forFile("June.XLSX"));
        assertEquals(ReportFormat.TABLE, ReportFormat.forFile("june.txt"));
    }

    @Test
    void theDocumentTotalsSectionListsEveryTotal() {
        ReportDocument doc = PeriodicDocument.of(hourly, site.identity(), DemoRuns.START);
        Block.Table totals = (Block.Table) doc.section("排放总量与强度 Totals and intensity").blocks().get(0);
        assertEquals(site.graph().nodesOf(io.tanhe.engine.graph.NodeKind.TOTAL).size()
                + ReportSummary.of(hourly).production().size() + ReportSummary.of(hourly).intensities().size(), totals.rows().size());
    }

    private static Row findRow(Sheet sheet, String firstCell) {
        for (Row r : sheet) {
            Cell c = r.getCell(0);
            if (c != null && c.getCellType() == CellType.STRING && c.getStringCellValue().equals(firstCell)) {
                return r;
            }
        }
        throw new AssertionError("no row starting `" + firstCell + "` in " + sheet.getSheetName());
    }
}
