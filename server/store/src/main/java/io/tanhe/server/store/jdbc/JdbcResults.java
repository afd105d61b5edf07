package io.tanhe.server.store.jdbc;

import io.tanhe.engine.time.Grain;
import io.tanhe.server.store.BucketResult;
import io.tanhe.server.store.ResultFilter;
import io.tanhe.server.store.ResultStore;
import io.tanhe.server.store.StoredResult;
import io.tanhe.server.store.TimeRange;
import io.tanhe.server.store.WriteOutcome;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** Results and revisions. */
final class JdbcResults implements ResultStore {
    private final Database db;
    private final GroupCommitter committer;
    private final ResultRows rowCodec;

    JdbcResults(Database db, GroupCommitter committer) {
        this.db = db;
        this.committer = committer;
        this.rowCodec = new ResultRows(db.dialect());
    }

    @Override
    public CompletableFuture<WriteOutcome> write(BucketResult result) {
        return committer.submitResults(List.of(result)).thenApply(outcomes -> outcomes.get(0));
    }

    @Override
    public CompletableFuture<List<WriteOutcome>> writeAll(List<BucketResult> results) {
        return committer.submitResults(results);
    }

    @Override
    public List<StoredResult> current(String nodeId, String key, Grain grain, TimeRange range) {
        String sql = "SELECT " + ResultRows.COLUMNS + " FROM result" + Hints.RESULT_BUCKET + "WHERE node_id = ? AND grain = ?"
                + " AND bucket_start >= ? AND bucket_start < ?" + (key.isEmpty() ? "" : " AND result_key = ?")
                + " ORDER BY bucket_start, result_key";
        return db.read("reading results of " + nodeId + " " + grain.label() + " " + range, c -> {
            try (PreparedStatement p = c.prepareStatement(sql)) {
                p.setString(1, nodeId);
                p.setString(2, grain.label());
                db.times().set(p, 3, range.from());
                db.times().set(p, 4, range.to());
                if (!key.isEmpty()) {
                    p.setString(5, key);
                }
                return collect(p);
            }
        });
    }

    @Override
    public List<StoredResult> revisions(String nodeId, String key, Grain grain, Instant bucketStart) {
        String where = "WHERE node_id = ? AND grain = ? AND bucket_start = ? AND result_key = ?";
        return db.read("reading revisions of " + nodeId + "[" + key + "] " + grain.label() + " " + bucketStart, c -> {
            List<StoredResult> all = new ArrayList<>();
            for (String table : List.of("result_revision" + Hints.REVISION_BUCKET, "result" + Hints.RESULT_BUCKET)) {
                try (PreparedStatement p = c.prepareStatement("SELECT " + ResultRows.COLUMNS + " FROM " + table + where
                        + " ORDER BY revision")) {
                    rowCodec.bindBucket(p, 1, nodeId, grain, bucketStart, key);
                    all.addAll(collect(p));
                }
            }
            return List.copyOf(all);
        });
    }

    @Override
    public long scan(ResultFilter filter, Consumer<StoredResult> sink) {
        return scanTable("result", filter.nodeId().isEmpty() ? " " : Hints.RESULT_BUCKET, "", filter, sink);
    }

    @Override
    public long scanRevisions(ResultFilter filter, Consumer<StoredResult> sink) {
        return scanTable("result_revision", filter.nodeId().isEmpty() ? " " : Hints.REVISION_BUCKET, ", revision", filter, sink);
    }

    private long scanTable(String table, String hint, String lastOrder, ResultFilter filter, Consumer<StoredResult> sink) {
        StringBuilder sql = new StringBuilder("SELECT " + ResultRows.COLUMNS + " FROM " + table + hint
                + "WHERE bucket_start >= ? AND bucket_start < ?");
        if (!filter.nodeId().isEmpty()) {
            sql.append(" AND node_id = ?");
        }
        filter.onlyGrain().ifPresent(g -> sql.append(" AND grain = ?"));
        sql.append(" ORDER BY bucket_start, node_id, result_key, grain").append(lastOrder);
        return db.read("reading " + table + " " + filter, c -> {
            try (PreparedStatement p = c.prepareStatement(sql.toString())) {
                int i = 1;
                db.times().set(p, i++, filter.range().from());
                db.times().set(p, i++, filter.range().to());
                if (!filter.nodeId().isEmpty()) {
                    p.setString(i++, filter.nodeId());
                }
                if (filter.onlyGrain().isPresent()) {
                    p.setString(i, filter.onlyGrain().get().label());
                }
                long n = 0;
                try (ResultSet rows = p.executeQuery()) {
                    while (rows.next()) {
                        sink.accept(rowCodec.read(rows));
                        n++;
                    }
                }
                return n;
            }
        });
    }

    @Override
    public long count() {
        return Queries.count(db, "result");
    }

    private List<StoredResult> collect(PreparedStatement p) throws java.sql.SQLException {
        List<StoredResult> found = new ArrayList<>();
        try (ResultSet rows = p.executeQuery()) {
            while (rows.next()) {
                found.add(rowCodec.read(rows));
            }
        }
        return List.copyOf(found);
    }
}
