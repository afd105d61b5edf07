package io.tanhe.server.store.jdbc;

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

    private final TimeColumns times;
    /** The engine's insert that skips stored identities, or null (Derby). */
    private final String insertSkipping;

    ReadingRows(Dialect dialect) {
        this.times = dialect.times();
        this.insertSkipping = dialect.insertSkippingDuplicates("raw_reading", COLUMNS, "?, ".repeat(8) + "?");
    }

    /**
     * Inserts the readings in batches inside the caller's transaction. A reading whose identity (the
     * primary key: measurement time, point, source, key) is stored (earlier, or earlier in this list) is
     * skipped: by the engine's insert that skips duplicates (an update count of 0), or, on Derby, which
     * stops a batch at the duplicate and undoes only that statement, by re-batching the rest after it.
     *
     * @param outcomes filled from {@code offset} on, one per reading
     */
    void insert(Connection c, List<StoredReading> readings, WriteOutcome[] outcomes, int offset) throws SQLException {
        if (insertSkipping != null) {
            try (PreparedStatement insert = c.prepareStatement(insertSkipping)) {
                for (StoredReading r : readings) {
                    bind(insert, r);
                    insert.addBatch();
                }
                int[] counts = insert.executeBatch();
                for (int i = 0; i < readings.size(); i++) {
                    outcomes[offset + i] = counts[i] == 0 ? WriteOutcome.UNCHANGED : WriteOutcome.STORED;
                }
            }
            return;
        }
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

    private void bind(PreparedStatement p, StoredReading r) throws SQLException {
        p.setString(1, r.pointId());
        p.setString(2, r.key());
        times.set(p, 3, r.measuredAt());
        p.setString(4, r.value() == null ? null : r.value().toString());
        p.setString(5, r.unit());
        p.setString(6, r.quality().name());
        p.setString(7, r.sourceId());
        p.setString(8, r.detail());
        times.set(p, 9, r.receivedAt());
    }

    StoredReading read(ResultSet rows) throws SQLException {
        String value = rows.getString("value_text");
        return new StoredReading(rows.getString("point_id"), rows.getString("reading_key"),
                times.get(rows, "measured_at"), value == null ? null : new BigDecimal(value), rows.getString("unit"),
                Quality.valueOf(rows.getString("quality")), rows.getString("source_id"), rows.getString("detail"),
                times.get(rows, "received_at"));
    }
}
