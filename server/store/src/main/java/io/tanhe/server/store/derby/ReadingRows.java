package io.tanhe.server.store.derby;

import io.tanhe.drivers.Quality;
import io.tanhe.server.store.StoredReading;
import io.tanhe.server.store.WriteOutcome;

import java.math.BigDecimal;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** SQL for the {@code raw_reading} table. */
final class ReadingRows {
    static final String COLUMNS = "point_id, reading_key, measured_at, value_text, unit, quality, source_id, detail, received_at";
    private static final String INSERT = "INSERT INTO raw_reading (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /** SQLState of a unique-key violation. */
    static final String DUPLICATE = "23505";

    private ReadingRows() {
    }

    /**
     * Inserts the readings in batches inside the caller's transaction. A reading whose identity (the
     * primary key: measurement time, point, source, key) is stored (earlier, or earlier in this list) is skipped: Derby stops a batch at the duplicate, undoes
     * only that statement, and the rest is re-batched after it.
     *
     * @param outcomes filled from {@code offset} on, one per reading
     */
    static void insert(Connection c, List<StoredReading> readings, WriteOutcome[] outcomes, int offset) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(INSERT)) {
            int next = 0;
            while (next < readings.size()) {
                for (int i = next; i < readings.size(); i++) {
                    bind(insert, readings.get(i));
                    insert.addBatch();
                }
                try {
                    insert.executeBatch();
                    fill(outcomes, offset + next, offset + readings.size(), WriteOutcome.STORED);
                    next = readings.size();
                } catch (BatchUpdateException e) {
                    if (!DUPLICATE.equals(e.getSQLState())) {
                        throw e;
                    }
                    int stored = e.getUpdateCounts().length;
                    fill(outcomes, offset + next, offset + next + stored, WriteOutcome.STORED);
                    outcomes[offset + next + stored] = WriteOutcome.UNCHANGED;
                    next += stored + 1;
                    insert.clearBatch();
                }
            }
        }
    }

    private static void fill(WriteOutcome[] outcomes, int from, int to, WriteOutcome outcome) {
        for (int i = from; i < to; i++) {
            outcomes[i] = outcome;
        }
    }

    private static void bind(PreparedStatement p, StoredReading r) throws SQLException {
        p.setString(1, r.pointId());
        p.setString(2, r.key());
        UtcColumns.set(p, 3, r.measuredAt());
        p.setString(4, r.value() == null ? null : r.value().toString());
        p.setString(5, r.unit());
        p.setString(6, r.quality().name());
        p.setString(7, r.sourceId());
        p.setString(8, r.detail());
        UtcColumns.set(p, 9, r.receivedAt());
    }

    static StoredReading read(ResultSet rows) throws SQLException {
        String value = rows.getString("value_text");
        return new StoredReading(rows.getString("point_id"), rows.getString("reading_key"),
                UtcColumns.get(rows, "measured_at"), value == null ? null : new BigDecimal(value), rows.getString("unit"),
                Quality.valueOf(rows.getString("quality")), rows.getString("source_id"), rows.getString("detail"),
                UtcColumns.get(rows, "received_at"));
    }
}
