package io.tanhe.server.store.jdbc;

import io.tanhe.server.store.Alert;
import io.tanhe.server.store.AlertState;
import io.tanhe.server.store.AlertStore;
import io.tanhe.server.store.Limits;
import io.tanhe.server.store.NewAlert;
import io.tanhe.engine.rules.alert.Severity;
import io.tanhe.server.store.TimeRange;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Alerts; each call is one durable transaction. */
final class JdbcAlerts implements AlertStore {
    private static final String COLUMNS = "id, dedup_key, rule_id, severity, raised_severity, state, raised_at,"
            + " acked_at, acked_by, acked_comment, escalated_at, cleared_at, message, facts_json";

    private final Database db;

    JdbcAlerts(Database db) {
        this.db = db;
    }

    @Override
    public Alert raise(NewAlert alert) {
        return db.inTransaction("raising alert " + alert.dedupKey(), c -> {
            Optional<Alert> existing = byKey(c, alert.dedupKey());
            if (existing.isPresent()) {
                return existing.get();
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO alert (dedup_key, rule_id, severity, raised_severity,"
                    + " state, raised_at, acked_by, message, facts_json) VALUES (?, ?, ?, ?, ?, ?, '', ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                p.setString(1, alert.dedupKey());
                p.setString(2, alert.ruleId());
                p.setString(3, alert.severity().name());
                p.setString(4, alert.severity().name());
                p.setString(5, AlertState.RAISED.name());
                db.times().set(p, 6, alert.raisedAt());
                p.setString(7, alert.message());
                p.setString(8, alert.factsJson());
                p.executeUpdate();
            }
            return byKey(c, alert.dedupKey()).orElseThrow();
        });
    }

    @Override
    public Optional<Alert> acknowledge(long id, String who, Instant at, String comment) {
        Limits.required("acknowledged by", who, Limits.ID);
        String note = Limits.optional("acknowledgement comment", comment, Limits.ACK_COMMENT);
        return db.inTransaction("acknowledging alert " + id, c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE alert SET acked_at = ?, acked_by = ?, acked_comment = ?,"
                    + " state = CASE WHEN cleared_at IS NULL THEN 'ACKNOWLEDGED' ELSE state END"
                    + " WHERE id = ? AND acked_at IS NULL")) {
                db.times().set(p, 1, at);
                p.setString(2, who);
                p.setString(3, note.isEmpty() ? null : note);
                p.setLong(4, id);
                p.executeUpdate();
            }
            return byId(c, id);
        });
    }

    @Override
    public Optional<Alert> escalate(long id, Severity severity, Instant at) {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(at, "at");
        return db.inTransaction("escalating alert " + id, c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE alert SET severity = ?, escalated_at = ?"
                    + " WHERE id = ? AND escalated_at IS NULL AND acked_at IS NULL")) {
                p.setString(1, severity.name());
                db.times().set(p, 2, at);
                p.setLong(3, id);
                p.executeUpdate();
            }
            return byId(c, id);
        });
    }

    @Override
    public Optional<Alert> clear(long id, Instant at) {
        return db.inTransaction("clearing alert " + id, c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE alert SET cleared_at = ?, state = 'CLEARED'"
                    + " WHERE id = ? AND cleared_at IS NULL")) {
                db.times().set(p, 1, at);
                p.setLong(2, id);
                p.executeUpdate();
            }
            return byId(c, id);
        });
    }

    @Override
    public Optional<Alert> alert(long id) {
        return db.read("reading alert " + id, c -> byId(c, id));
    }

    @Override
    public List<Alert> alerts(Set<AlertState> states, TimeRange range) {
        String stateFilter = states.isEmpty() ? "" : " AND state IN ("
                + states.stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(", ")) + ")";
        return db.read("reading alerts " + states + " " + range, c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM alert WHERE raised_at >= ?"
                    + " AND raised_at < ?" + stateFilter + " ORDER BY raised_at DESC, id DESC")) {
                db.times().set(p, 1, range.from());
                db.times().set(p, 2, range.to());
                return collect(p);
            }
        });
    }

    private Optional<Alert> byKey(Connection c, String key) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM alert WHERE dedup_key = ?")) {
            p.setString(1, key);
            return collect(p).stream().findFirst();
        }
    }

    private Optional<Alert> byId(Connection c, long id) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM alert WHERE id = ?")) {
            p.setLong(1, id);
            return collect(p).stream().findFirst();
        }
    }

    private List<Alert> collect(PreparedStatement p) throws SQLException {
        List<Alert> found = new ArrayList<>();
        try (ResultSet rows = p.executeQuery()) {
            while (rows.next()) {
                NewAlert raised = new NewAlert(rows.getString("dedup_key"), rows.getString("rule_id"),
                        Severity.valueOf(rows.getString("raised_severity")), db.times().get(rows, "raised_at"),
                        rows.getString("message"), rows.getString("facts_json"));
                found.add(new Alert(rows.getLong("id"), raised, AlertState.valueOf(rows.getString("state")),
                        Severity.valueOf(rows.getString("severity")), db.times().get(rows, "acked_at"), rows.getString("acked_by"),
                        rows.getString("acked_comment"),
                        db.times().get(rows, "escalated_at"), db.times().get(rows, "cleared_at")));
            }
        }
        return List.copyOf(found);
    }
}
