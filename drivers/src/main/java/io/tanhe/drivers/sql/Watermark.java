package io.tanhe.drivers.sql;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Calendar;
import java.util.TimeZone;

/**
 * The position reached in a growing table: the largest value of the watermark column seen so far,
 * either a number (an identity column) or a timestamp. Only rows above it are read on the next poll.
 */
public sealed interface Watermark extends Comparable<Watermark> {

    /** Binds this watermark to the query's {@code ?}. */
    void bind(PreparedStatement statement, int index, ZoneId zone) throws SQLException;

    /** The text stored in the state file; {@link Kind#parse} reads it back. */
    String text();

    /** A numeric watermark, e.g. an identity column. */
    record Number(BigDecimal value) implements Watermark {
        @Override
        public void bind(PreparedStatement statement, int index, ZoneId zone) throws SQLException {
            statement.setBigDecimal(index, value);
        }

        @Override
        public String text() {
            return value.toPlainString();
        }

        @Override
        public int compareTo(Watermark other) {
            return value.compareTo(((Number) other).value);
        }
    }

    /** A timestamp watermark, stored as an instant and bound in the source's zone. */
    record Time(Instant value) implements Watermark {
        @Override
        public void bind(PreparedStatement statement, int index, ZoneId zone) throws SQLException {
            statement.setTimestamp(index, Timestamp.from(value), calendar(zone));
        }

        @Override
        public String text() {
            return value.toString();
        }

        @Override
        public int compareTo(Watermark other) {
            return value.compareTo(((Time) other).value);
        }
    }

    /** The type of the watermark column. */
    enum Kind {
        NUMBER, TIMESTAMP;

        /**
         * Reads a stored or configured watermark.
         *
         * @throws IllegalArgumentException quoting the text that is not a number or an ISO-8601 instant
         */
        public Watermark parse(String text) {
            try {
                return this == NUMBER ? new Number(new BigDecimal(text.trim())) : new Time(Instant.parse(text.trim()));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("`" + text + "` is not a " + (this == NUMBER
                        ? "number" : "timestamp like 2024-01-01T00:00:00Z"));
            }
        }

        /** The watermark column of the current row, or {@code null} if it is SQL NULL. */
        Watermark read(ResultSet row, String column, ZoneId zone) throws SQLException {
            if (this == NUMBER) {
                BigDecimal n = row.getBigDecimal(column);
                return n == null ? null : new Number(n);
            }
            Timestamp t = row.getTimestamp(column, calendar(zone));
            return t == null ? null : new Time(t.toInstant());
        }

        /** Where a table is read from when there is no stored watermark and none is configured. */
        public Watermark origin() {
            return this == NUMBER ? new Number(BigDecimal.valueOf(Integer.MIN_VALUE)) : new Time(Instant.parse("1900-01-01T00:00:00Z"));
        }
    }

    /** A calendar in the zone the database's zone-less timestamps mean. */
    static Calendar calendar(ZoneId zone) {
        return Calendar.getInstance(TimeZone.getTimeZone(zone));
    }
}
