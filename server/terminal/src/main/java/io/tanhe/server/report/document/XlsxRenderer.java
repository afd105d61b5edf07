package io.tanhe.server.report.document;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link ReportDocument} as an Excel workbook: a cover sheet, then a sheet per section.
 * Numbers are numeric cells (formatted to their digits, fractions as percentages) and units are in the
 * column headers, so the figures can be summed and charted again; a chart becomes the table of its
 * data. Sheets print on A4.
 */
public final class XlsxRenderer {

    /** Writes {@code doc} to {@code out} (not closed). */
    public void write(ReportDocument doc, OutputStream out) {
        try (XSSFWorkbook book = new XSSFWorkbook()) {
            Styles styles = new Styles(book);
            Sheet cover = sheet(book, "封面");
            put(cover, 0, 0, doc.title(), styles.title);
            put(cover, 1, 0, doc.subtitle(), null);
            int r = 3;
            for (int i = 0; i < doc.sections().size(); i++) {
                Section s = doc.sections().get(i);
                put(cover, r++, 0, (i + 1) + "  " + s.title() + " → " + s.sheet(), null);
            }
            cover.setColumnWidth(0, 90 * 256);
            for (Section s : doc.sections()) {
                Sheet sheet = sheet(book, s.sheet());
                int row = 0;
                put(sheet, row++, 0, s.title(), styles.title);
                int columns = 2;
                for (Block b : s.blocks()) {
                    row = switch (b) {
                        case Block.Paragraph p -> {
                            put(sheet, row, 0, p.text(), null);
                            yield row + 2;
                        }
                        case Block.Facts facts -> {
                            for (Block.Fact f : facts.facts()) {
                                put(sheet, row, 0, f.name(), styles.header);
                                put(sheet, row++, 1, f.value(), null);
                            }
                            yield row + 1;
                        }
                        case Block.Table t -> {
                            columns = Math.max(columns, t.columns().size());
                            yield table(sheet, row, t, styles);
                        }
                        case Block.Chart c -> {
                            columns = Math.max(columns, c.series().size() + 1);
                            yield table(sheet, row, chartData(c), styles);
                        }
                    };
                }
                for (int c = 0; c < columns; c++) {
                    sheet.autoSizeColumn(c);
                    sheet.setColumnWidth(c, Math.min(Math.max(sheet.getColumnWidth(c), 12 * 256), 60 * 256));
                }
            }
            book.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the workbook: " + e.getMessage(), e);
        }
    }

    private static Block.Table chartData(Block.Chart c) {
        List<Block.Column> columns = new java.util.ArrayList<>();
        columns.add(new Block.Column("", "", 1));
        c.series().forEach(s -> columns.add(new Block.Column(s.name(), c.unit(), 1)));
        List<List<Block.Cell>> rows = new java.util.ArrayList<>();
        for (int i = 0; i < c.categories().size(); i++) {
            List<Block.Cell> row = new java.util.ArrayList<>();
            row.add(new Block.Text(c.categories().get(i)));
            for (Block.Series s : c.series()) {
                row.add(Block.Number.of(s.values().get(i), 3));
            }
            rows.add(row);
        }
        return new Block.Table("图表数据 chart data: " + c.title(), columns, rows);
    }

    private static int table(Sheet sheet, int row, Block.Table t, Styles styles) {
        if (!t.caption().isEmpty()) {
            put(sheet, row++, 0, t.caption(), styles.caption);
        }
        Row header = sheet.createRow(row++);
        for (int c = 0; c < t.columns().size(); c++) {
            Cell cell = header.createCell(c);
            cell.setCellValue(t.columns().get(c).header());
            cell.setCellStyle(styles.header);
        }
        for (List<Block.Cell> cells : t.rows()) {
            Row line = sheet.createRow(row++);
            for (int c = 0; c < cells.size(); c++) {
                Cell cell = line.createCell(c);
                switch (cells.get(c)) {
                    case Block.Text text -> cell.setCellValue(text.text());
                    case Block.Number n -> {
                        if (Double.isFinite(n.value())) {
                            cell.setCellValue(n.value());
                            cell.setCellStyle(styles.number(n));
                        }
                    }
                }
            }
        }
        return row + 1;
    }

    private static Sheet sheet(XSSFWorkbook book, String name) {
        Sheet sheet = book.createSheet(name);
        sheet.getPrintSetup().setPaperSize(PrintSetup.A4_PAPERSIZE);
        sheet.setFitToPage(true);
        sheet.getPrintSetup().setFitWidth((short) 1);
        sheet.getPrintSetup().setFitHeight((short) 0);
        return sheet;
    }

    private static void put(Sheet sheet, int row, int column, String text, CellStyle style) {
        Row r = sheet.getRow(row) == null ? sheet.createRow(row) : sheet.getRow(row);
        Cell c = r.createCell(column);
        c.setCellValue(text);
        if (style != null) {
            c.setCellStyle(style);
        }
    }

    /** The workbook's few styles, made once (Excel limits how many a workbook holds). */
    private static final class Styles {
        final XSSFWorkbook book;
        final CellStyle title;
        final CellStyle header;
        final CellStyle caption;
        final Map<String, CellStyle> numbers = new HashMap<>();

        Styles(XSSFWorkbook book) {
            this.book = book;
            Font big = book.createFont();
            big.setBold(true);
            big.setFontHeightInPoints((short) 14);
            title = book.createCellStyle();
            title.setFont(big);
            Font bold = book.createFont();
            bold.setBold(true);
            header = book.createCellStyle();
            header.setFont(bold);
            header.setFillForegroundColor(IndexedColors.PALE_BLUE.getIndex());
            header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            header.setBorderBottom(BorderStyle.THIN);
            header.setWrapText(true);
            caption = book.createCellStyle();
            caption.setFont(bold);
        }

        CellStyle number(Block.Number n) {
            return numbers.computeIfAbsent(Numbers.excelFormat(n), f -> {
                CellStyle s = book.createCellStyle();
                s.setDataFormat(book.createDataFormat().getFormat(f));
                s.setAlignment(HorizontalAlignment.RIGHT);
                return s;
            });
        }
    }
}
