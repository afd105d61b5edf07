package io.tanhe.server.store.jdbc;

import io.tanhe.server.store.Limits;
import io.tanhe.server.store.Outbox;
import io.tanhe.server.store.OutboxEntry;
import io.tanhe.server.store.OutboxMessage;
import io.tanhe.server.store.OutboxStatus;
import io.tanhe.server.store.StoreException;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The uplink outbox. */
final class JdbcOutbox implements Outbox {
    private static final String COLUMNS = "id, centre_id, indicator_key, period_start, period_end, payload, status,"
            + " attempts, next_attempt_at, acked_at, last_error, idem_key";

    private final Database db;

    JdbcOutbox(Database db) {
        this.db = db;
    }

    @Override
    public boolean enqueue(OutboxMessage m, Instant at) {
        return db.inTransaction("queueing outbox message " + m.idempotencyKey(), c -> {
            try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM outbox WHERE idem_key = ?")) {
                exists.setString(1, m.idempotencyKey());
                try (ResultSet rows = exists.executeQuery()) {
                    if (rows.next()) {
                        return false;
                    }
                }
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO outbox (centre_id, indicator_key, period_start,"
                    + " period_end, payload, status, attempts, next_attempt_at, last_error, enqueued_at, idem_key)"
                    + " VALUES (?, ?, ?, ?, ?, 'PENDING', 0, ?, '', ?, ?)")) {
                p.setString(1, m.centreId());
                p.setString(2, m.indicatorKey());
                db.times().set(p, 3, m.periodStart());
                db.times().set(p, 4, m.periodEnd());
                p.setString(5, m.payload());
                db.times().set(p, 6, at);
                db.times().set(p, 7, at);
                p.setString(8, m.idempotencyKey());
                p.executeUpdate();
            }
            return true;
        });
    }

    @Override
    public List<OutboxEntry> due(String centreId, Instant now, int limit) {
        return db.read("reading due outbox messages of " + centreId, c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM outbox WHERE centre_id = ?"
                    + " AND status = 'PENDING' ORDER BY indicator_key, period_start, id")) {
                p.setString(1, centreId);
                List<OutboxEntry> due = new ArrayList<>();
                Set<String> blocked = new HashSet<>();
                try (ResultSet rows = p.executeQuery()) {
                    while (rows.next() && due.size() < limit) {
                        OutboxEntry e = read(rows);
                        String indicator = e.message().indicatorKey();
                        if (blocked.contains(indicator)) {
                            continue;
                        }
                        if (e.nextAttemptAt().isAfter(now)) {
                            blocked.add(indicator);
                        } else {
                            due.add(e);
                        }
                    }
                }
                return List.copyOf(due);
            }
        });
    }

    @Override
    public void acknowledge(long id, Instant at) {
        update("acknowledging outbox message " + id, "UPDATE outbox SET status = 'ACKED', acked_at = ? WHERE id = ?", id, p -> {
            db.times().set(p, 1, at);
            p.setLong(2, id);
        });
    }

    @Override
    public void retryLater(long id, Instant nextAttempt, String error) {
        String text = error == null ? "" : error.substring(0, Math.min(error.length(), Limits.TEXT));
        update("rescheduling outbox message " + id, "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?,"
                + " last_error = ? WHERE id = ? AND status = 'PENDING'", id, p -> {
            db.times().set(p, 1, nextAttempt);
            p.setString(2, text);
            p.setLong(3, id);
        });
    }

    @Override
    public long pending(String centreId) {
        return db.read("counting pending outbox messages of " + centreId, c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM outbox WHERE centre_id = ? AND status = 'PENDING'")) {
                p.setString(1, centreId);
                try (ResultSet rows = p.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }

    private interface Binder {
        void bind(PreparedStatement p) throws SQLException;
    }

    private void update(String what, String sql, long id, Binder binder) {
        int changed = db.inTransaction(what, c -> {
            try (PreparedStatement p = c.prepareStatement(sql)) {
                binder.bind(p);
                return p.executeUpdate();
            }
        });
        if (changed == 0 && !exists(id)) {
            throw new StoreException(what + ": there is no outbox message with id " + id);
        }
    }

    private boolean exists(long id) {
        return db.read("looking up outbox message " + id, c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM outbox WHERE id = ?")) {
                p.setLong(1, id);
                try (ResultSet rows = p.executeQuery()) {
                    return rows.next();
                }
            }
        });
    }

    private OutboxEntry read(ResultSet rows) throws SQLException {
        OutboxMessage m = new OutboxMessage(rows.getString("centre_id"), rows.getString("indicator_key"),
                db.times().get(rows, "period_start"), db.times().get(rows, "period_end"), rows.getString("payload"),
                rows.getString("idem_key"));
        return new OutboxEntry(rows.getLong("id"), m, OutboxStatus.valueOf(rows.getString("status")), rows.getInt("attempts"),
                db.times().get(rows, "next_attempt_at"), db.times().get(rows, "acked_at"), rows.getString("last_error"));
    }
}
