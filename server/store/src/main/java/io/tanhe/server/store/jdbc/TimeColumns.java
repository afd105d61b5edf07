package io.tanhe.server.store.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.TimeZone;

/** How an engine stores instants: always UTC, and read back as the same {@link Instant}. */
sealed interface TimeColumns {

    void set(PreparedStatement statement, int index, Instant instant) throws SQLException;

    /** The instant in the column, or null when it is SQL NULL. */
    Instant get(ResultSet rows, String column) throws SQLException;

    /**
     * SQL TIMESTAMP columns read and written with a UTC calendar (Derby, PostgreSQL). Without it JDBC converts
     * through the JVM's default zone, which shifts values and cannot represent local times skipped by a
     * daylight-saving change.
     */
    final class Timestamps implements TimeColumns {
        /** Derby mutates the calendar it is given, so each thread has its own. */
        private static final ThreadLocal<Calendar> UTC =
                ThreadLocal.withInitial(() -> new GregorianCalendar(TimeZone.getTimeZone("UTC")));

        @Override
        public void set(PreparedStatement statement, int index, Instant instant) throws SQLException {
            if (instant == null) {
                statement.setNull(index, Types.TIMESTAMP);
            } else {
                statement.setTimestamp(index, Timestamp.from(instant), UTC.get());
            }
        }

        @Override
        public Instant get(ResultSet rows, String column) throws SQLException {
            Timestamp t = rows.getTimestamp(column, UTC.get());
            return t == null ? null : t.toInstant();
        }
    }

    /**
     * Nanoseconds since the epoch in an INTEGER column (SQLite, which has no time type): exact for every
     * instant Derby keeps, ordered and indexed as numbers, good until the year 2262.
     */
    final class EpochNanos implements TimeColumns {
        @Override
        public void set(PreparedStatement statement, int index, Instant instant) throws SQLException {
            if (instant == null) {
                statement.setNull(index, Types.BIGINT);
            } else {
                statement.setLong(index, nanos(instant));
            }
        }

        @Override
        public Instant get(ResultSet rows, String column) throws SQLException {
            long n = rows.getLong(column);
            return rows.wasNull() ? null : Instant.ofEpochSecond(Math.floorDiv(n, 1_000_000_000L), Math.floorMod(n, 1_000_000_000L));
        }

        /** The instant in nanoseconds; beyond the range of a long (a query's open end), the nearest long. */
        static long nanos(Instant instant) {
            long seconds = instant.getEpochSecond();
            if (seconds >= Long.MAX_VALUE / 1_000_000_000L) {
                return Long.MAX_VALUE;
            }
            if (seconds <= Long.MIN_VALUE / 1_000_000_000L) {
                return Long.MIN_VALUE;
            }
            return seconds * 1_000_000_000L + instant.getNano();
        }
    }
}
