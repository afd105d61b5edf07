package io.tanhe.server.store.jdbc;

import io.tanhe.engine.time.Grain;
import io.tanhe.engine.time.Quality;
import io.tanhe.server.store.BucketResult;
import io.tanhe.server.store.MethodologyRef;
import io.tanhe.server.store.StoredResult;
import io.tanhe.server.store.WriteOutcome;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** SQL for the {@code result} (current values) and {@code result_revision} (earlier values) tables. */
final class ResultRows {
    static final String COLUMNS = "node_id, result_key, grain, bucket_start, bucket_end, amount, unit, quality,"
            + " completeness, methodology_id, methodology_version, methodology_hash, revised_at, reason, revision";
    private static final String INSERT = "INSERT INTO result (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)";
    private static final String CURRENT = "SELECT id, " + COLUMNS + " FROM result" + Hints.RESULT_BUCKET
            + "WHERE node_id = ? AND grain = ? AND bucket_start = ? AND result_key = ?";
    private static final String KEEP_AS_REVISION = "INSERT INTO result_revision (" + COLUMNS + ") SELECT " + COLUMNS
            + " FROM result WHERE id = ?";
    private static final String REPLACE = "UPDATE result SET bucket_end = ?, amount = ?, unit = ?, quality = ?,"
            + " completeness = ?, methodology_id = ?, methodology_version = ?, methodology_hash = ?, revised_at = ?,"
            + " reason = ?, revision = revision + 1 WHERE id = ?";

    private final TimeColumns times;
    /** The engine's insert that skips stored buckets, or null (Derby). */
    private final String insertSkipping;

    ResultRows(Dialect dialect) {
        this.times = dialect.times();
        this.insertSkipping = dialect.insertSkippingDuplicates("result", COLUMNS, "?, ".repeat(14) + "1");
    }

    /**
     * Writes the results inside the caller's transaction: new buckets in batches, then, for each bucket
     * that already had a result, either nothing (same figure) or a revision (the old row copied to
     * {@code result_revision}, the new values made current). With an insert that skips stored buckets,
     * those (update count 0) are then written one by one; Derby stops a batch at the first bucket that
     * exists, and the rest of the list is written one by one (a write that revises one bucket usually
     * revises many, and re-batching after each would take quadratic time).
     */
    void write(Connection c, List<BucketResult> results, WriteOutcome[] outcomes, int offset) throws SQLException {
        if (insertSkipping != null) {
            writeSkipping(c, results, outcomes, offset);
            return;
        }
        int next;
        try (PreparedStatement insert = c.prepareStatement(INSERT)) {
            for (BucketResult r : results) {
                bindNew(insert, r);
                insert.addBatch();
            }
            try {
                insert.executeBatch();
                next = results.size();
            } catch (BatchUpdateException e) {
                if (!ReadingRows.DUPLICATE.equals(e.getSQLState())) {
                    throw e;
                }
                next = e.getUpdateCounts().length;
            }
            for (int i = 0; i < next; i++) {
                outcomes[offset + i] = WriteOutcome.STORED;
            }
        }
        if (next == results.size()) {
            return;
        }
        try (Statements s = new Statements(c)) {
            for (int i = next; i < results.size(); i++) {
                outcomes[offset + i] = writeOne(s, results.get(i));
            }
        }
    }

    private void writeSkipping(Connection c, List<BucketResult> results, WriteOutcome[] outcomes, int offset) throws SQLException {
        int[] counts;
        try (PreparedStatement insert = c.prepareStatement(insertSkipping)) {
            for (BucketResult r : results) {
                bindNew(insert, r);
                insert.addBatch();
            }
            counts = insert.executeBatch();
        }
        try (Statements s = new Statements(c)) {
            for (int i = 0; i < results.size(); i++) {
                outcomes[offset + i] = counts[i] == 0 ? writeOne(s, results.get(i)) : WriteOutcome.STORED;
            }
        }
    }

    /** The statements of the one-by-one path, prepared once per write. */
    private static final class Statements implements AutoCloseable {
        final PreparedStatement insert;
        final PreparedStatement select;
        final PreparedStatement keep;
        final PreparedStatement replace;

        Statements(Connection c) throws SQLException {
            insert = c.prepareStatement(INSERT);
            select = c.prepareStatement(CURRENT);
            keep = c.prepareStatement(KEEP_AS_REVISION);
            replace = c.prepareStatement(REPLACE);
        }

        @Override
        public void close() throws SQLException {
            insert.close();
            select.close();
            keep.close();
            replace.close();
        }
    }

    private WriteOutcome writeOne(Statements s, BucketResult result) throws SQLException {
        long id;
        bindBucket(s.select, 1, result.nodeId(), result.grain(), result.bucketStart(), result.key());
        try (ResultSet rows = s.select.executeQuery()) {
            if (!rows.next()) {
                bindNew(s.insert, result);
                s.insert.executeUpdate();
                return WriteOutcome.STORED;
            }
            if (read(rows).result().sameFigure(result)) {
                return WriteOutcome.UNCHANGED;
            }
            id = rows.getLong("id");
        }
        s.keep.setLong(1, id);
        s.keep.executeUpdate();
        PreparedStatement replace = s.replace;
        times.set(replace, 1, result.bucketEnd());
        replace.setDouble(2, result.value());
        replace.setString(3, result.unit());
        replace.setString(4, result.quality().name());
        replace.setDouble(5, result.completeness());
        replace.setString(6, result.methodology().id());
        replace.setString(7, result.methodology().version());
        replace.setString(8, result.methodology().contentHash());
        times.set(replace, 9, result.revisedAt());
        replace.setString(10, result.reason());
        replace.setLong(11, id);
        replace.executeUpdate();
        return WriteOutcome.REVISED;
    }

    private void bindNew(PreparedStatement p, BucketResult r) throws SQLException {
        p.setString(1, r.nodeId());
        p.setString(2, r.key());
        p.setString(3, r.grain().label());
        times.set(p, 4, r.bucketStart());
        times.set(p, 5, r.bucketEnd());
        p.setDouble(6, r.value());
        p.setString(7, r.unit());
        p.setString(8, r.quality().name());
        p.setDouble(9, r.completeness());
        p.setString(10, r.methodology().id());
        p.setString(11, r.methodology().version());
        p.setString(12, r.methodology().contentHash());
        times.set(p, 13, r.revisedAt());
        p.setString(14, r.reason());
    }

    /** Binds node, grain, bucket start and key from parameter {@code first} on. */
    void bindBucket(PreparedStatement p, int first, String nodeId, Grain grain, java.time.Instant start, String key)
            throws SQLException {
        p.setString(first, nodeId);
        p.setString(first + 1, grain.label());
        times.set(p, first + 2, start);
        p.setString(first + 3, key);
    }

    StoredResult read(ResultSet rows) throws SQLException {
        BucketResult result = new BucketResult(rows.getString("node_id"), rows.getString("result_key"),
                Grain.fromLabel(rows.getString("grain")), times.get(rows, "bucket_start"),
                times.get(rows, "bucket_end"), rows.getDouble("amount"), rows.getString("unit"),
                Quality.valueOf(rows.getString("quality")), rows.getDouble("completeness"),
                new MethodologyRef(rows.getString("methodology_id"), rows.getString("methodology_version"),
                        rows.getString("methodology_hash")),
                times.get(rows, "revised_at"), rows.getString("reason"));
        return new StoredResult(result, rows.getInt("revision"));
    }
}
