package io.tanhe.drivers.manual;

import io.tanhe.drivers.Quality;
import io.tanhe.drivers.Reading;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileImporterTest {
    private static final Map<String, String> POINTS = Map.of("coal.burned", "t", "coal.ncv", "GJ/t");

    @TempDir
    Path dir;

    private final FileImporter importer = new FileImporter(new ImportSettings("import", ZoneOffset.ofHours(8), POINTS, "shift-lead"));

    @Test
    void validCsvRowsBecomeManualReadingsWithTheOperator() throws Exception {
        Path file = write("march.csv", """
                timestamp,point,value,unit,operator
                2024-03-31 23:59:59,coal.burned,1234.500,t,zhang.wei
                2024-03-01T00:00:00Z,coal.ncv,"20.908",GJ/t,
                """);

        ImportReport report = importer.importFile(file);

        assertEquals("march.csv: 2 rows, 2 imported, 0 refused", report.summary());
        Reading coal = report.readings().get(0);
        assertEquals(Quality.MANUAL, coal.quality());
        assertEquals("1234.500", coal.value().toPlainString());
        assertEquals(Instant.parse("2024-03-31T15:59:59Z"), coal.measuredAt());
        assertEquals("operator=zhang.wei; imported from march.csv", coal.detail());
        assertEquals("operator=shift-lead; imported from march.csv", report.readings().get(1).detail());
    }

    @Test
    void badCsvRowsAreReportedByLineAndColumnAndGoodRowsKept() throws Exception {
        Path file = write("bad.csv", """
                timestamp,point,value,unit
                2024-03-01 08:00,coal.burned,12.5,t
                yesterday,coal.burned,1,t
                2024-03-01 08:00,coal.burned,twelve,t
                2024-03-01 08:00,coal.burned,12,kg

                2024-03-01 08:00,unknown.point,1,t
                2024-03-01 08:00,coal.burned
                2024-03-01 09:00,coal.burned,13,
                """);

        ImportReport report = importer.importFile(file);

        assertEquals("bad.csv: 7 rows, 2 imported, 5 refused", report.summary());
        List<String> problems = report.problems().stream().map(RowProblem::toString).toList();
        assertEquals("bad.csv:3: column 1 (timestamp): 'yesterday' is not a date-time like 2024-03-01 08:00:00 or 2024-03-01T00:00:00Z", problems.get(0));
        assertEquals("bad.csv:4: column 3 (value): 'twelve' is not a number", problems.get(1));
        assertEquals("bad.csv:5: column 4 (unit): unit 'kg' differs from the unit 't' of point coal.burned; convert the value first", problems.get(2));
        assertEquals("bad.csv:7: column 2 (point): point 'unknown.point' is not configured for manual entry", problems.get(3));
        assertEquals("bad.csv:8: has 2 columns; expected timestamp,point,value,unit[,operator]", problems.get(4));
        assertEquals("t", report.readings().get(1).unit(), "an empty unit takes the point's unit");
    }

    @Test
    void rowWithoutOperatorIsRefusedWhenThereIsNoDefault() throws Exception {
        FileImporter strict = new FileImporter(new ImportSettings("import", ZoneOffset.UTC, POINTS, null));
        Path file = write("anon.csv", "2024-03-01 08:00,coal.burned,1,t\n");

        ImportReport report = strict.importFile(file);

        assertEquals("anon.csv:1: column 5 (operator): no operator, and the source has no default operator",
                report.problems().get(0).toString());
    }

    @Test
    void brokenCsvQuotingImportsNothingAndSaysWhere() throws Exception {
        Path file = write("broken.csv", "2024-03-01 08:00,coal.burned,1,t\n2024-03-01 09:00,\"coal.burned,2,t\n");

        ImportReport report = importer.importFile(file);

        assertEquals(List.of(), report.readings());
        assertTrue(report.problems().get(0).toString().startsWith("broken.csv:2: not readable as UTF-8 CSV"), report.text());
    }

    @Test
    void excelRowsWithDateCellsNumbersAndBadRows() throws Exception {
        Path file = dir.resolve("lab.xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = workbook.createSheet("NCV");
            CellStyle dateStyle = workbook.createCellStyle();
            dateStyle.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd hh:mm"));
            row(sheet, 0, "timestamp", "point", "value", "unit", "operator");
            Row good = sheet.createRow(1);
            good.createCell(0).setCellValue(LocalDateTime.of(2024, 3, 1, 8, 0));
            good.getCell(0).setCellStyle(dateStyle);
            good.createCell(1).setCellValue("coal.ncv");
            good.createCell(2).setCellValue(20.908);
            good.createCell(3).setCellValue("GJ/t");
            good.createCell(4).setCellValue("li.na");
            row(sheet, 2, "2024-03-02 08:00", "coal.ncv", "n/a", "GJ/t", "li.na");
            workbook.write(out);
        }

        ImportReport report = importer.importFile(file);

        assertEquals("lab.xlsx: 2 rows, 1 imported, 1 refused", report.summary());
        Reading ncv = report.readings().get(0);
        assertEquals(new BigDecimal("20.908"), ncv.value());
        assertEquals(Instant.parse("2024-03-01T00:00:00Z"), ncv.measuredAt());
        assertEquals("operator=li.na; imported from lab.xlsx", ncv.detail());
        assertEquals("lab.xlsx:NCV!3: column C (value): 'n/a' is not a number", report.problems().get(0).toString());
    }

    @Test
    void aFileThatIsNotExcelIsRefusedWhole() throws Exception {
        Path file = write("fake.xlsx", "timestamp,point,value,unit\n");

        ImportReport report = importer.importFile(file);

        assertEquals(0, report.readings().size());
        assertTrue(report.problems().get(0).toString().startsWith("fake.xlsx: not readable as an .xlsx workbook"), report.text());
    }

    private static void row(Sheet sheet, int index, String... cells) {
        Row row = sheet.createRow(index);
        for (int i = 0; i < cells.length; i++) {
            row.createCell(i).setCellValue(cells[i]);
        }
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }
}
