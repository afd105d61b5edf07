package io.tanhe.drivers.sql;

import java.util.Objects;

/**
 * Which result columns hold what. Names are matched case-insensitively, as JDBC labels are.
 *
 * @param point     the point id column
 * @param timestamp the measurement time column (a SQL TIMESTAMP, read in the source's zone)
 * @param value     the value column (DECIMAL keeps its digits; DOUBLE is read as its shortest decimal)
 * @param unit      the unit column, or {@code null} to use each point's configured unit
 */
public record SqlColumns(String point, String timestamp, String value, String unit) {
    public SqlColumns {
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(value, "value");
    }
}
