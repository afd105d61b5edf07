package io.tanhe.drivers.manual;

/**
 * Why one row of an import file was refused.
 *
 * @param location where: {@code coal.csv:7} for CSV, {@code coal.xlsx:Sheet1!7} for Excel
 * @param column   the column, e.g. {@code column 3 (value)} or {@code column C (value)}; empty for the whole row
 * @param message  what is wrong
 */
public record RowProblem(String location, String column, String message) {
    @Override
    public String toString() {
        return location + ": " + (column.isEmpty() ? "" : column + ": ") + message;
    }
}
