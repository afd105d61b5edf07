package io.tanhe.drivers.manual;

import io.tanhe.drivers.json.TimestampFormat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Reads one import row, {@code timestamp,point,value,unit[,operator]}, the same for CSV and Excel
 * (Excel cells arrive already turned into text). Timestamps are ISO-8601 with an offset, or local
 * ({@code 2024-03-01 08:00[:00]}) in the site's zone.
 */
final class EntryRow {
    static final List<String> COLUMNS = List.of("timestamp", "point", "value", "unit", "operator");

    private final TimestampFormat time;
    private final Map<String, String> unitsByPoint;
    private final String defaultOperator;
    private final String comment;

    /**
     * @param defaultOperator the operator of rows without one, or {@code null} if each row must name one
     * @param comment         recorded on every reading, e.g. the file name
     */
    EntryRow(ZoneId zone, Map<String, String> unitsByPoint, String defaultOperator, String comment) {
        this.time = new TimestampFormat.Iso(zone);
        this.unitsByPoint = unitsByPoint;
        this.defaultOperator = defaultOperator;
        this.comment = comment;
    }

    /** Whether a row is the header line. */
    static boolean isHeader(List<String> cells) {
        return !cells.isEmpty() && cells.get(0).trim().equalsIgnoreCase(COLUMNS.get(0));
    }

    /**
     * The entry of one row.
     *
     * @param columnName how the file names column i (0-based) in messages: {@code column 3} or {@code column C}
     * @throws RowException naming the column that is wrong
     */
    ManualEntry read(List<String> cells, IntFunction<String> columnName) {
        if (cells.size() < 4 || cells.size() > 5) {
            throw new RowException("", "has " + cells.size() + " columns; expected " + String.join(",", COLUMNS.subList(0, 4)) + "[,operator]");
        }
        Instant at = parse(cells, 0, columnName, "not a date-time like 2024-03-01 08:00:00 or 2024-03-01T00:00:00Z", time::parse);
        String point = cells.get(1).trim();
        if (point.isEmpty()) {
            throw new RowException(name(columnName, 1), "is empty");
        }
        BigDecimal value = parse(cells, 2, columnName, "not a number", BigDecimal::new);
        String operator = cells.size() == 5 && !cells.get(4).isBlank() ? cells.get(4).trim() : defaultOperator;
        if (operator == null) {
            throw new RowException(name(columnName, 4), "no operator, and the source has no default operator");
        }
        ManualEntry entry = new ManualEntry(point, at, value, cells.get(3).trim(), operator, comment);
        try {
            return PointUnits.check(unitsByPoint, entry);
        } catch (IllegalArgumentException e) {
            int column = e.getMessage().startsWith("unit") ? 3 : 1;
            throw new RowException(name(columnName, column), e.getMessage());
        }
    }

    private static <T> T parse(List<String> cells, int i, IntFunction<String> columnName, String what,
                               java.util.function.Function<String, T> parser) {
        String text = cells.get(i).trim();
        try {
            return parser.apply(text);
        } catch (RuntimeException e) {
            throw new RowException(name(columnName, i), "'" + text + "' is " + what);
        }
    }

    private static String name(IntFunction<String> columnName, int i) {
        return columnName.apply(i) + " (" + COLUMNS.get(i) + ")";
    }

    /** A row that cannot be imported; the column is empty when the row as a whole is wrong. */
    static final class RowException extends RuntimeException {
        private final String column;

        RowException(String column, String message) {
            super(message, null, false, false);
            this.column = column;
        }

        String column() {
            return column;
        }
    }
}
