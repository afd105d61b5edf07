package io.tanhe.drivers.sql;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A JDBC query polled for new rows, e.g. a production table of an MES or ERP.
 *
 * @param id              device id, used in readings and logs
 * @param jdbcUrl         the JDBC URL (the driver jar must be on the class path)
 * @param user            database user, or {@code null}
 * @param password        database password, or {@code null}
 * @param query           a SELECT with exactly one {@code ?}, bound to the last watermark, that returns
 *                        only newer rows, ordered by the watermark column ({@code WHERE id > ? ORDER BY id})
 * @param columns         which columns hold point, time, value and unit
 * @param watermarkColumn the column whose largest value is remembered
 * @param watermarkKind   whether that column is a number or a timestamp
 * @param initial         where to start when there is no stored watermark
 * @param stateFile       where the watermark is kept across restarts, or {@code null} to keep it in memory only
 * @param zone            the zone of the database's zone-less timestamps
 * @param timeout         limit for connecting and for the query
 * @param maxRows         most rows read per poll; the rest comes on the next poll
 * @param points          the point ids this source feeds and their configured units; rows of other points are skipped
 */
public record SqlPollConfig(String id, String jdbcUrl, String user, String password, String query, SqlColumns columns,
                            String watermarkColumn, Watermark.Kind watermarkKind, Watermark initial, Path stateFile,
                            ZoneId zone, Duration timeout, int maxRows, Map<String, String> points) {

    public SqlPollConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(columns, "columns");
        Objects.requireNonNull(watermarkColumn, "watermarkColumn");
        Objects.requireNonNull(watermarkKind, "watermarkKind");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(timeout, "timeout");
        initial = initial == null ? watermarkKind.origin() : initial;
        points = Collections.unmodifiableMap(new LinkedHashMap<>(points));
        if (query.chars().filter(c -> c == '?').count() != 1) {
            throw new IllegalArgumentException("the query must contain exactly one ? (the last watermark): " + query);
        }
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be at least 1, was " + maxRows);
        }
    }
}
