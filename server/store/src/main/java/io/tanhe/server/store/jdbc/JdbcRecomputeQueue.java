package io.tanhe.server.store.jdbc;

import io.tanhe.server.store.LateData;
import io.tanhe.server.store.RecomputeQueue;
import io.tanhe.server.store.RecomputeRequest;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code recompute_request} table: inserts, reads of pending rows, marking them done. */
final class JdbcRecomputeQueue implements RecomputeQueue {
    private final Database db;

    JdbcRecomputeQueue(Database db) {
        this.db = db;
    }

    @Override
    public void request(List<LateData> late, Instant at) {
        if (late.isEmpty()) {
            return;
        }
        db.inTransaction("recording " + late.size() + " recompute requests (first " + late.get(0).day() + ")", c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO recompute_request"
                    + " (day_local, point_id, readings, first_received_at, requested_at) VALUES (?, ?, ?, ?, ?)")) {
                for (LateData l : late) {
                    p.setDate(1, Date.valueOf(l.day()));
                    p.setString(2, l.pointId());
                    p.setInt(3, l.readings());
                    db.times().set(p, 4, l.firstReceivedAt());
                    db.times().set(p, 5, at);
                    p.addBatch();
                }
                p.executeBatch();
            }
            return null;
        });
    }

    @Override
    public Optional<LocalDate> firstPendingDay(LocalDate before) {
        return db.read("finding the first day to recompute", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT MIN(day_local) FROM recompute_request"
                    + " WHERE done_at IS NULL AND day_local < ?")) {
                p.setDate(1, Date.valueOf(before));
                try (ResultSet rows = p.executeQuery()) {
                    Date first = rows.next() ? rows.getDate(1) : null;
                    return Optional.ofNullable(first).map(Date::toLocalDate);
                }
            }
        });
    }

    @Override
    public List<RecomputeRequest> pending(LocalDate day) {
        return db.read("reading the recompute requests of " + day, c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT id, day_local, point_id, readings, first_received_at,"
                    + " requested_at FROM recompute_request WHERE done_at IS NULL AND day_local = ? ORDER BY id")) {
                p.setDate(1, Date.valueOf(day));
                List<RecomputeRequest> found = new ArrayList<>();
                try (ResultSet rows = p.executeQuery()) {
                    while (rows.next()) {
                        found.add(new RecomputeRequest(rows.getLong("id"), new LateData(rows.getDate("day_local").toLocalDate(),
                                rows.getString("point_id"), rows.getInt("readings"), db.times().get(rows, "first_received_at")),
                                db.times().get(rows, "requested_at")));
                    }
                }
                return List.copyOf(found);
            }
        });
    }

    @Override
    public long pendingCount() {
        return db.read("counting pending recompute requests", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM recompute_request WHERE done_at IS NULL");
                 ResultSet rows = p.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    @Override
    public void done(List<Long> ids, Instant at) {
        if (ids.isEmpty()) {
            return;
        }
        db.inTransaction("marking " + ids.size() + " recompute requests done", c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE recompute_request SET done_at = ? WHERE id = ?")) {
                for (long id : ids) {
                    db.times().set(p, 1, at);
                    p.setLong(2, id);
                    p.addBatch();
                }
                p.executeBatch();
            }
            return null;
        });
    }
}
