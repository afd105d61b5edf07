package io.tanhe.server.store.jdbc;

import io.tanhe.server.store.ReadingFilter;
import io.tanhe.server.store.ReadingStore;
import io.tanhe.server.store.StoredReading;
import io.tanhe.server.store.TimeRange;
import io.tanhe.server.store.WriteOutcome;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** Raw readings: writes through the group committer, queries on their own connections. */
final class JdbcReadings implements ReadingStore {
    private static final String SELECT = "SELECT " + ReadingRows.COLUMNS + " FROM raw_reading";

    private final Database db;
    private final GroupCommitter committer;
    private final ReadingRows rowCodec;

    JdbcReadings(Database db, GroupCommitter committer) {
        this.db = db;
        this.committer = committer;
        this.rowCodec = new ReadingRows(db.dialect());
    }

    @Override
    public CompletableFuture<WriteOutcome> write(StoredReading reading) {
        return committer.submitReadings(List.of(reading)).thenApply(outcomes -> outcomes.get(0));
    }

    @Override
    public CompletableFuture<List<WriteOutcome>> writeAll(List<StoredReading> readings) {
        return committer.submitReadings(readings);
    }

    @Override
    public List<StoredReading> readings(String pointId, TimeRange range) {
        List<StoredReading> found = new ArrayList<>();
        scan(ReadingFilter.of(range).point(pointId), found::add);
        return List.copyOf(found);
    }

    @Override
    public long scan(ReadingFilter filter, Consumer<StoredReading> sink) {
        StringBuilder sql = new StringBuilder(SELECT).append(Hints.READING_IDENTITY).append("WHERE measured_at >= ? AND measured_at < ?");
        if (!filter.pointId().isEmpty()) {
            sql.append(" AND point_id = ?");
        }
        if (!filter.sourceId().isEmpty()) {
            sql.append(" AND source_id = ?");
        }
        sql.append(" ORDER BY measured_at, point_id, source_id, reading_key");
        return db.read("reading raw readings " + filter, c -> {
            try (PreparedStatement p = c.prepareStatement(sql.toString())) {
                int i = 1;
                db.times().set(p, i++, filter.range().from());
                db.times().set(p, i++, filter.range().to());
                if (!filter.pointId().isEmpty()) {
                    p.setString(i++, filter.pointId());
                }
                if (!filter.sourceId().isEmpty()) {
                    p.setString(i, filter.sourceId());
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
    public Optional<Instant> latestMeasuredAt() {
        return db.read("reading the latest measurement time", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT MAX(measured_at) AS latest FROM raw_reading");
                 ResultSet rows = p.executeQuery()) {
                return rows.next() ? Optional.ofNullable(db.times().get(rows, "latest")) : Optional.<Instant>empty();
            }
        });
    }

    @Override
    public Optional<Instant> latestMeasuredAt(String pointId) {
        return db.read("reading the latest measurement time of " + pointId, c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT MAX(measured_at) AS latest FROM raw_reading WHERE point_id = ?")) {
                p.setString(1, pointId);
                try (ResultSet rows = p.executeQuery()) {
                    return rows.next() ? Optional.ofNullable(db.times().get(rows, "latest")) : Optional.<Instant>empty();
                }
            }
        });
    }

    @Override
    public long count() {
        return Queries.count(db, "raw_reading");
    }
}
