package io.tanhe.server.store.jdbc;

import io.tanhe.engine.time.Grain;
import io.tanhe.server.store.RetentionPolicy;
import io.tanhe.server.store.RetentionReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deletes what the retention policy no longer keeps, in transactions of a few hundred rows so that
 * intake never waits long for a lock and Derby never escalates to a table lock.
 */
final class Retention {
    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

    private final Database db;
    private final RetentionPolicy policy;
    private final int batchRows;

    Retention(Database db, RetentionPolicy policy, int batchRows) {
        this.db = db;
        this.policy = policy;
        this.batchRows = batchRows;
    }

    /** One pass over every table at {@code now}. */
    RetentionReport run(Instant now) {
        Map<String, Long> deleted = new LinkedHashMap<>();
        deleted.put("raw_reading", deleteReadings(cutoff(now, policy.rawReadings())));
        long results = 0;
        long revisions = 0;
        for (Grain grain : Grain.values()) {
            Instant cutoff = cutoff(now, policy.results().get(grain));
            results += delete("result" + Hints.RESULT_GRAIN_TIME, "grain = ? AND bucket_start < ?", grain.label(), cutoff);
            revisions += delete("result_revision" + Hints.REVISION_GRAIN_TIME, "grain = ? AND bucket_start < ?", grain.label(), cutoff);
        }
        deleted.put("result", results);
        deleted.put("result_revision", revisions);
        deleted.put("alert", delete("alert", "cleared_at < ?", "", cutoff(now, policy.alerts())));
        deleted.put("event", delete("event", "occurred_at < ?", "", cutoff(now, policy.events())));
        deleted.put("outbox", delete("outbox", "status = 'ACKED' AND acked_at < ?", "", cutoff(now, policy.ackedOutbox())));
        RetentionReport report = new RetentionReport(deleted);
        if (report.total() > 0) {
            LOG.info("store {}: retention at {} deleted {}", db.directory(), now, deleted);
        }
        return report;
    }

    private static Instant cutoff(Instant now, Period keep) {
        return now.atZone(ZoneOffset.UTC).minus(keep).toInstant();
    }

    /**
     * Deletes the rows of {@code table} matching {@code condition} batch by batch.
     *
     * @param grain bound before the cutoff when not empty
     */
    private long delete(String table, String condition, String grain, Instant cutoff) {
        String select = "SELECT id FROM " + table + " WHERE " + condition + db.dialect().firstRows(batchRows);
        String name = table.split(" ")[0];
        long total = 0;
        while (true) {
            int n = db.inTransaction("deleting old rows of " + name, c -> {
                List<Long> ids = new ArrayList<>();
                try (PreparedStatement p = c.prepareStatement(select)) {
                    int i = 1;
                    if (!grain.isEmpty()) {
                        p.setString(i++, grain);
                    }
                    db.times().set(p, i, cutoff);
                    try (ResultSet rows = p.executeQuery()) {
                        while (rows.next()) {
                            ids.add(rows.getLong(1));
                        }
                    }
                }
                deleteIds(c.prepareStatement("DELETE FROM " + name + " WHERE id = ?"), ids);
                return ids.size();
            });
            total += n;
            if (n < batchRows) {
                return total;
            }
        }
    }

    /**
     * Deletes raw readings measured before {@code cutoff}, oldest first, about {@code batchRows} per
     * transaction. The table has no surrogate id: each step finds the measurement time {@code batchRows}
     * readings in and deletes everything before it (at it, when the whole step shares one instant).
     */
    private long deleteReadings(Instant cutoff) {
        String select = "SELECT measured_at FROM raw_reading" + Hints.READING_IDENTITY + "WHERE measured_at < ? ORDER BY measured_at"
                + db.dialect().firstRows(batchRows);
        long total = 0;
        while (true) {
            Step step = db.inTransaction("deleting old raw readings", c -> {
                List<Instant> times = new ArrayList<>();
                try (PreparedStatement p = c.prepareStatement(select)) {
                    db.times().set(p, 1, cutoff);
                    try (ResultSet rows = p.executeQuery()) {
                        while (rows.next()) {
                            times.add(db.times().get(rows, "measured_at"));
                        }
                    }
                }
                if (times.isEmpty()) {
                    return new Step(0, false);
                }
                Instant last = times.get(times.size() - 1);
                boolean all = times.size() < batchRows;
                boolean oneInstant = last.equals(times.get(0));
                String condition = all ? "measured_at < ?" : oneInstant ? "measured_at <= ?" : "measured_at < ?";
                try (PreparedStatement d = c.prepareStatement("DELETE FROM raw_reading WHERE " + condition)) {
                    db.times().set(d, 1, all ? cutoff : last);
                    return new Step(d.executeUpdate(), !all);
                }
            });
            total += step.deleted();
            if (!step.more()) {
                return total;
            }
        }
    }

    private record Step(long deleted, boolean more) {
    }

    private static void deleteIds(PreparedStatement delete, List<Long> ids) throws SQLException {
        try (delete) {
            for (long id : ids) {
                delete.setLong(1, id);
                delete.addBatch();
            }
            delete.executeBatch();
        }
    }
}
