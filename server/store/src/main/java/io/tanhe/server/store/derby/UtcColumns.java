package io.tanhe.server.store.derby;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.TimeZone;

/**
 * Reads and writes instants as Derby TIMESTAMPs in UTC. Without the UTC calendar JDBC converts through
 * the JVM's default zone, which shifts values and cannot represent local times skipped by a
 * daylight-saving change.
 */
final class UtcColumns {
    /** Derby mutates the calendar it is given, so each thread has its own. */
    private static final ThreadLocal<Calendar> UTC =
            ThreadLocal.withInitial(() -> new GregorianCalendar(TimeZone.getTimeZone("UTC")));

    private UtcColumns() {
    }

    static void set(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, java.sql.Types.TIMESTAMP);
        } else {
            statement.setTimestamp(index, Timestamp.from(instant), UTC.get());
        }
    }

    /** The instant in the column, or null when it is SQL NULL. */
    static Instant get(ResultSet rows, String column) throws SQLException {
        Timestamp t = rows.getTimestamp(column, UTC.get());
        return t == null ? null : t.toInstant();
    }
}
