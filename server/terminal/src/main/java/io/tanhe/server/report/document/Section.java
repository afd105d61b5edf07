package io.tanhe.server.report.document;

import java.util.List;

/**
 * One section of a report: a heading and its blocks; one sheet of the workbook.
 *
 * @param sheet the sheet's name in a workbook (at most 31 characters, no {@code []:*?/\})
 */
public record Section(String title, String sheet, List<Block> blocks) {
    public Section {
        if (sheet.length() > 31 || sheet.matches(".*[\\[\\]:*?/\\\\].*")) {
            throw new IllegalArgumentException("`" + sheet + "` cannot name a sheet: at most 31 characters, none of []:*?/\\");
        }
        blocks = List.copyOf(blocks);
    }
}
