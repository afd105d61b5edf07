package io.tanhe.drivers.sql;

import io.tanhe.drivers.PolledDevice;
import io.tanhe.drivers.Quality;
import io.tanhe.drivers.Reading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * Polls a JDBC query for rows above the last watermark and turns each row into a reading.
 *
 * <p>The watermark of a poll's rows is stored (in the state file, when configured) when the next
 * poll starts or the device closes, i.e. after the scheduler has handed those readings on: a crash
 * in between reads the last batch again rather than losing it. A failed query gives a flagged
 * reading for every configured point and leaves the watermark where it was; the connection is
 * opened again on the next poll.
 */
public final class SqlPollDevice implements PolledDevice {

    private static final Logger LOG = LoggerFactory.getLogger(SqlPollDevice.class);

    private final SqlPollConfig config;
    private final WatermarkFile stateFile;
    private final Set<String> reportedUnknownPoints = new HashSet<>();
    private Connection connection;
    private Watermark committed;
    private Watermark pending;

    public SqlPollDevice(SqlPollConfig config) {
        this.config = config;
        this.stateFile = config.stateFile() == null ? null : new WatermarkFile(config.stateFile());
    }

    @Override
    public String id() {
        return config.id();
    }

    /** The watermark the next query starts from, for status displays and tests. */
    public synchronized Watermark watermark() {
        return pending != null ? pending : committed;
    }

    @Override
    public synchronized List<Reading> poll(Instant scheduledAt) {
        try {
            commitPending();
        } catch (RuntimeException e) {
            return failAll(scheduledAt, Quality.COMM_ERROR, e.getMessage());
        }
        try {
            return query(scheduledAt);
        } catch (SQLTimeoutException e) {
            closeConnection();
            return failAll(scheduledAt, Quality.TIMEOUT, "query did not finish within " + config.timeout().toSeconds() + " s");
        } catch (SQLException e) {
            closeConnection();
            return failAll(scheduledAt, Quality.COMM_ERROR, "query failed: " + e.getMessage() + " (SQLState " + e.getSQLState() + ")");
        }
    }

    private void commitPending() {
        if (committed == null) {
            committed = stateFile == null ? config.initial() : stateFile.load(config.watermarkKind()).orElse(config.initial());
            LOG.info("sql {} starts after watermark {}", config.id(), committed.text());
        }
        if (pending != null && pending.compareTo(committed) > 0) {
            if (stateFile != null) {
                stateFile.save(pending);
            }
            committed = pending;
        }
        pending = null;
    }

    private List<Reading> query(Instant scheduledAt) throws SQLException {
        PreparedStatement statement = connection().prepareStatement(config.query());
        try (statement) {
            statement.setQueryTimeout(timeoutSeconds());
            statement.setMaxRows(config.maxRows());
            committed.bind(statement, 1, config.zone());
            try (ResultSet rows = statement.executeQuery()) {
                boolean doubleValues = isBinaryFloat(rows, config.columns().value());
                List<Reading> readings = new ArrayList<>();
                Watermark highest = committed;
                while (rows.next()) {
                    Watermark mark = config.watermarkKind().read(rows, config.watermarkColumn(), config.zone());
                    if (mark != null && mark.compareTo(highest) > 0) {
                        highest = mark;
                    }
                    Reading reading = readRow(rows, doubleValues, scheduledAt);
                    if (reading != null) {
                        readings.add(reading);
                    }
                }
                pending = highest;
                LOG.debug("sql {} read {} readings up to watermark {}", config.id(), readings.size(), highest.text());
                return List.copyOf(readings);
            }
        }
    }

    private Reading readRow(ResultSet row, boolean doubleValue, Instant scheduledAt) throws SQLException {
        String pointId = row.getString(config.columns().point());
        if (pointId == null || !config.points().containsKey(pointId)) {
            if (reportedUnknownPoints.add(String.valueOf(pointId))) {
                LOG.warn("sql {} skips rows of point '{}', which is not configured", config.id(), pointId);
            }
            return null;
        }
        String unit = config.columns().unit() == null ? config.points().get(pointId) : row.getString(config.columns().unit());
        Timestamp time = row.getTimestamp(config.columns().timestamp(), Watermark.calendar(config.zone()));
        if (time == null) {
            return Reading.failed(pointId, scheduledAt, unit, Quality.COMM_ERROR, config.id(),
                    "row has no timestamp in column " + config.columns().timestamp());
        }
        BigDecimal value = doubleValue ? doubleOf(row) : row.getBigDecimal(config.columns().value());
        if (value == null) {
            return Reading.failed(pointId, time.toInstant(), unit, Quality.COMM_ERROR, config.id(),
                    "row has no value in column " + config.columns().value());
        }
        return Reading.measured(pointId, time.toInstant(), value, unit, config.id());
    }

    private BigDecimal doubleOf(ResultSet row) throws SQLException {
        double d = row.getDouble(config.columns().value());
        return row.wasNull() || !Double.isFinite(d) ? null : BigDecimal.valueOf(d);
    }

    /** DOUBLE and REAL columns are read as their shortest decimal, not as the exact binary fraction. */
    private static boolean isBinaryFloat(ResultSet rows, String column) throws SQLException {
        int type = rows.getMetaData().getColumnType(rows.findColumn(column));
        return type == Types.DOUBLE || type == Types.FLOAT || type == Types.REAL;
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            Properties properties = new Properties();
            if (config.user() != null) {
                properties.setProperty("user", config.user());
            }
            if (config.password() != null) {
                properties.setProperty("password", config.password());
            }
            DriverManager.setLoginTimeout(timeoutSeconds());
            connection = DriverManager.getConnection(config.jdbcUrl(), properties);
            connection.setReadOnly(true);
            LOG.info("sql {} connected", config.id());
        }
        return connection;
    }

    private int timeoutSeconds() {
        return (int) Math.max(1, (config.timeout().toMillis() + 999) / 1000);
    }

    private List<Reading> failAll(Instant at, Quality quality, String detail) {
        LOG.warn("sql {} poll failed: {}", config.id(), detail);
        return config.points().entrySet().stream()
                .map(p -> Reading.failed(p.getKey(), at, p.getValue(), quality, config.id(), detail))
                .toList();
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("sql {} close: {}", config.id(), e.getMessage());
            }
            connection = null;
        }
    }

    /** Stores the watermark of the last poll (its readings have been handed on) and disconnects. */
    @Override
    public synchronized void close() {
        try {
            if (committed != null) {
                commitPending();
            }
        } catch (RuntimeException e) {
            LOG.error("sql {} could not store its watermark: {}", config.id(), e.getMessage());
        }
        closeConnection();
    }
}
