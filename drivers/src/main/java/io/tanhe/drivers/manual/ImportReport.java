package io.tanhe.drivers.manual;

import io.tanhe.drivers.Reading;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of importing one file: the readings of its valid rows and the problem of every
 * invalid row. Valid rows are kept even when others are refused; the counts say so.
 *
 * @param file     the imported file
 * @param rows     data rows found (header and blank lines not counted)
 * @param readings one reading per valid row
 * @param problems one entry per refused row; a problem without a row (unreadable file) counts all remaining rows
 */
public record ImportReport(Path file, int rows, List<Reading> readings, List<RowProblem> problems) {

    public ImportReport {
        readings = List.copyOf(readings);
        problems = List.copyOf(problems);
    }

    /** One line for logs and the import report file, e.g. {@code coal.csv: 12 rows, 10 imported, 2 refused}. */
    public String summary() {
        return file.getFileName() + ": " + rows + " rows, " + readings.size() + " imported, " + problems.size() + " refused";
    }

    /** The summary followed by one line per problem. */
    public String text() {
        StringBuilder out = new StringBuilder(summary()).append('\n');
        problems.forEach(p -> out.append("  ").append(p).append('\n'));
        return out.toString();
    }
}
