package io.tanhe.server.report;

import io.tanhe.engine.rules.verification.VerificationFinding;
import io.tanhe.engine.time.Grain;
import io.tanhe.server.report.document.PdfPages;
import io.tanhe.server.site.SiteIdentity;
import io.tanhe.server.store.MethodologyRef;
import io.tanhe.server.store.StoredFinding;
import io.tanhe.server.store.TimeRange;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The verification findings of a periodic report's range: a section of the PDF and workbook, lines of the table and JSON. */
class FindingsSectionTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Instant DAY = Instant.parse("2026-05-31T16:00:00Z");
    private static final SiteIdentity SITE = new SiteIdentity("演示发电有限公司", "91000000000000000X", "demo", "演示站点");
    private static final Instant GENERATED = Instant.parse("2026-06-02T01:00:00Z");

    private static Report report(List<StoredFinding> findings) {
        return new Report("demo", new MethodologyRef("cn.power-generation", "2022.1", "sha256:0"), ZONE, ReportGrain.DAY,
                TimeRange.of(DAY, DAY.plusSeconds(86_400)), Map.of(), Map.of(), BothMethods.NONE, findings);
    }

    private static List<StoredFinding> two() {
        return List.of(
                new StoredFinding(1, new VerificationFinding("VG-01.01/V9", "CETS-VG-01.01 表8, 表9", false, "coal_lab_report_days[unit1]",
                        null, DAY, DAY, 45, "d", "≤ 40 d", "核查发现: the coal lab report was issued 45 days after sampling", "r"), GENERATED),
                new StoredFinding(2, new VerificationFinding("VG-01.01/V10", "CETS-VG-01.01 表12 (template)", true,
                        "gas_ncv_measured[natural_gas]", Grain.MONTH, DAY, DAY.plusSeconds(86_400 * 30), 280, "GJ/10^4 Nm3",
                        "285.0-398.3 GJ/10^4 Nm3", "核查发现（模板）: NCV 280", "r"), GENERATED));
    }

    private static List<String> firstCells(byte[] xlsx, String sheetName) throws Exception {
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = book.getSheet(sheetName);
            if (sheet == null) {
                return null;
            }
            List<String> out = new ArrayList<>();
            for (Row row : sheet) {
                out.add(row.getCell(0) == null ? "" : row.getCell(0).toString());
            }
            return out;
        }
    }

    @Test
    void theWorkbookHasASheetOfFindingsOneRowEachTemplatesMarked() throws Exception {
        List<String> cells = firstCells(ReportFormat.XLSX.bytes(report(two()), SITE, GENERATED), "核查发现");
        assertNotNull(cells, "a sheet 核查发现");
        assertTrue(cells.contains("VG-01.01/V9"), cells.toString());
        assertTrue(cells.contains("VG-01.01/V10（模板）"), cells.toString());
    }

    @Test
    void thePdfHasTheSectionWithClauseAndBound() throws Exception {
        String text = PdfPages.text(ReportFormat.PDF.bytes(report(two()), SITE, GENERATED));
        String joined = text.replaceAll("\\s", ""); // table cells wrap
        assertTrue(joined.contains("7核查发现Verificationfindings") && joined.contains("VG-01.01/V9") && joined.contains("CETS-VG-01.01表8,表9")
                && joined.contains("≤40d") && joined.contains("VG-01.01/V10（模板）"), text);
    }

    @Test
    void theTableAndJsonListThem() {
        String table = ReportFormat.TABLE.render(report(two()));
        assertTrue(table.contains("verification findings (核查发现; not alerts): 2"), table);
        assertTrue(table.contains("VG-01.01/V10 (template)"), table);
        String json = ReportFormat.JSON.render(report(two()));
        assertTrue(json.contains("\"findings\"") && json.contains("\"template\" : true"), json);
    }

    @Test
    void aRangeWithoutFindingsHasNoSection() throws Exception {
        assertNull(firstCells(ReportFormat.XLSX.bytes(report(List.of()), SITE, GENERATED), "核查发现"));
        assertFalse(ReportFormat.TABLE.render(report(List.of())).contains("verification findings"));
        assertEquals(List.of(), report(List.of()).findings());
    }
}
