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
import java.time.Year;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The GB/T 32150 annual report of the demo plant, from 70 simulated minutes of 2026-06-01. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class AnnualDocumentTest {
    @TempDir
    static Path dir;

    private Site site;
    private JdbcStore store;
    private ReportDocument doc;
    private double yearTotal;

    @BeforeAll
    void fill() throws Exception {
        DemoRuns.run(dir.resolve("site"), dir.resolve("data"), DemoRuns.START, Duration.ofMinutes(70));
        site = SiteFiles.load(dir.resolve("site/demo-site/site.yaml"));
        store = JdbcStore.open(StoreSettings.at(dir.resolve("data")));
        Instant generated = DemoRuns.START.plus(Duration.ofHours(2));
        doc = AnnualDocument.of(site, store.results(), Year.of(2026), generated);
        yearTotal = new ResultQuery(site.graph(), store.results(), site.zone())
                .results("E", "", ReportGrain.DAY, TimeRange.of(DemoRuns.START.minus(Duration.ofDays(1)), DemoRuns.START.plus(Duration.ofDays(1))))
                .stream().mapToDouble(ResultRow::value).sum();
        Files.createDirectories(PeriodicDocumentTest.OUT);
    }

    @AfterAll
    void close() {
        store.close();
        site.close();
    }

    @Test
    void thePdfHasTheStandardsSectionsTheEntityTheMetersAndTheYearsTotal() throws Exception {
        byte[] pdf = ReportFormat.PDF.write(doc);
        Path file = PeriodicDocumentTest.OUT.resolve("annual-2026.pdf");
        Files.write(file, pdf);
        String text = PdfPages.text(pdf).replaceAll("\\s+", "");
        for (String s : new String[]{"2026 年度温室气体排放报告", "报告主体基本信息", "核算边界与排放源", "温室气体排放", "活动数据及来源",
                "排放因子数据及来源", "数据质量管理", "缺失数据及处理", "排放分析", "重点排放源识别", "附录 数据溯源", "演示发电有限公司", "91000000DEMO00000X",
                "张三", "入炉煤电子皮带秤", "ICS-20A", "1 号机组输煤栈桥 C8 皮带", "0.2S 级", "系统责任人", "GB/T 32150-2015",
                site.methodology().contentHash().substring(0, 20)}) {
            assertTrue(text.contains(s.replaceAll("\\s+", "")), "the annual PDF has `" + s + "`");
        }
        assertTrue(text.contains(Numbers.text(Block.Number.of(yearTotal, 3))), "the year's total " + yearTotal + " is shown");
        assertTrue(text.contains("2025-04-202026-04-20逾期"), "the gas meter, calibrated 2025-04-20 yearly, is overdue");
        assertTrue(PdfPages.pages(pdf) >= 4, "an A4 report of several pages");
        for (int page = 1; page <= Math.min(PdfPages.pages(pdf), 6); page++) {
            PdfPages.render(file, page, PeriodicDocumentTest.OUT.resolve("annual-2026-page" + page + ".png"));
        }
    }

    @Test
    void theWorkbooksTotalIsTheStoresNumber() throws Exception {
        byte[] xlsx = ReportFormat.XLSX.write(doc);
        Files.write(PeriodicDocumentTest.OUT.resolve("annual-2026.xlsx"), xlsx);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = book.getSheet("排放量");
            double total = Double.NaN;
            for (Row r : sheet) {
                if (r.getCell(1) != null && r.getCell(1).getCellType() == CellType.STRING && r.getCell(1).getStringCellValue().equals("E")
                        && r.getCell(2) != null && r.getCell(2).getCellType() == CellType.NUMERIC) {
                    total = r.getCell(2).getNumericCellValue();
                }
            }
            assertEquals(yearTotal, total, 1e-9, "the total row holds the store's figure as a number");
            assertEquals(10, book.getNumberOfSheets(), "a cover and nine sections");
        }
    }

    @Test
    void everyMeterOfTheRegistryIsListedWithTheActivityDataItFeeds() {
        Block.Table meters = (Block.Table) doc.section("数据质量管理 Data-quality management").blocks().stream()
                .filter(b -> b instanceof Block.Table).findFirst().orElseThrow();
        assertEquals(site.reporting().meters().size(), meters.rows().size());
        assertEquals(new Block.Text("coal_burned[unit1]"), meters.rows().get(0).get(9));
        assertEquals(new Block.Text("2026-09-10"), meters.rows().get(0).get(7), "the coal scale was calibrated 2026-03-10, every 6 months");
        assertEquals(new Block.Text("有效"), meters.rows().get(0).get(8));
        assertEquals(new Block.Text("逾期"), meters.rows().get(1).get(8));
        assertEquals(new Block.Text("不适用"), meters.rows().get(4).get(8), "a lab is not calibrated at an interval");
    }

    @Test
    void theAnalysisRanksTheKeySourcesAndComparesMonthsOnlyWithABase() {
        Analysis a = Analysis.of(site.identity().siteId(), site.methodology(), site.graph(), store.results(), site.zone(), Year.of(2026));
        assertEquals("E", a.total());
        Analysis.Month june = a.months().get(5);
        assertEquals(6, june.month());
        assertEquals(yearTotal, june.value(), 1e-9);
        assertEquals(null, june.previousYear(), "2025 has no data");
        assertEquals(null, june.yearOnYear(), "no base, no year-on-year");
        assertEquals(null, june.monthOnMonth(), "May has no data");
        assertEquals(null, a.months().get(6).value());
        assertEquals(List.of("coal_combustion[unit1]", "gas_combustion[gt1,natural_gas]", "purchased_power"),
                a.sources().stream().map(Analysis.Source::label).toList(), "largest first");
        assertTrue(a.sources().get(0).key(), "coal alone is above 80 %: the one key source");
        assertTrue(!a.sources().get(1).key());
        double sum = a.sources().stream().mapToDouble(Analysis.Source::value).sum();
        assertEquals(a.sources().get(0).value() / sum, a.sources().get(0).share(), 1e-12);
        assertEquals(1.0, a.scopes().stream().mapToDouble(Analysis.Share::share).sum(), 1e-12);
        assertTrue(a.activity().stream().anyMatch(x -> x.label().equals("power_supplied") && x.value() > 0));
    }

    @Test
    void aChangeIsInPercentOfTheBaseAndNullWithoutOne() {
        assertEquals(10.0, Analysis.change(110.0, 100.0), 1e-12);
        assertEquals(-25.0, Analysis.change(75.0, 100.0), 1e-12);
        // from -30 to -10 is a rise of 20 on a base of magnitude 30: +66.7 %
        assertEquals(200.0 / 3, Analysis.change(-10.0, -30.0), 1e-12, "against a negative base (a net export) a rise is positive");
        assertEquals(null, Analysis.change(5.0, 0.0));
        assertEquals(null, Analysis.change(null, 3.0));
        assertEquals(null, Analysis.change(3.0, null));
    }
}
