package io.tanhe.drivers.manual;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the first sheet of an .xlsx workbook (Apache POI) into text rows. Date cells become local
 * ISO date-times, numeric cells their shortest decimal, formulas their cached result.
 */
final class XlsxRows {
    private static final int MAX_COLUMNS = 5;

    private XlsxRows() {
    }

    /**
     * All non-empty rows of the first sheet.
     *
     * @throws UnreadableFileException when the file is not an .xlsx workbook
     */
    static List<RawRow> read(Path file) {
        String name = file.getFileName().toString();
        try (InputStream in = Files.newInputStream(file); Workbook workbook = new XSSFWorkbook(in)) {
            Sheet sheet = workbook.getSheetAt(0);
            List<RawRow> rows = new ArrayList<>();
            for (Row row : sheet) {
                List<String> cells = new ArrayList<>();
                int last = Math.min(Math.max(row.getLastCellNum(), 0), MAX_COLUMNS + 1);
                for (int c = 0; c < last; c++) {
                    cells.add(text(row.getCell(c, Row.MissingCellPolicy.RETURN_BLANK_AS_NULL)));
                }
                while (!cells.isEmpty() && cells.get(cells.size() - 1).isBlank()) {
                    cells.remove(cells.size() - 1);
                }
                rows.add(new RawRow(name + ":" + sheet.getSheetName() + "!" + (row.getRowNum() + 1), cells));
            }
            return rows;
        } catch (IOException | RuntimeException e) {
            throw new UnreadableFileException(name, "not readable as an .xlsx workbook: " + e.getMessage());
        }
    }

    /** Column names in Excel messages are letters, as Excel shows them. */
    static String columnName(int index) {
        return "column " + CellReference.convertNumToColString(index);
    }

    private static String text(Cell cell) {
        if (cell == null) {
            return "";
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case NUMERIC -> DateUtil.isCellDateFormatted(cell)
                    ? cell.getLocalDateTimeCellValue().toString()
                    : BigDecimal.valueOf(cell.getNumericCellValue()).stripTrailingZeros().toPlainString();
            case STRING -> cell.getStringCellValue();
            case BOOLEAN -> Boolean.toString(cell.getBooleanCellValue());
            case ERROR -> "#ERROR";
            default -> "";
        };
    }
}
