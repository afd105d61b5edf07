package io.tanhe.server.store.jdbc;

import io.tanhe.server.store.Event;
import io.tanhe.server.store.EventKind;
import io.tanhe.server.store.EventLog;
import io.tanhe.server.store.LoggedEvent;
import io.tanhe.server.store.TimeRange;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The event log: inserts and reads only. */
final class JdbcEvents implements EventLog {
    private final Database db;

    JdbcEvents(Database db) {
        this.db = db;
    }

    @Override
    public LoggedEvent append(Event event) {
        return db.inTransaction("recording event " + event.kind(), c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO event (occurred_at, kind, subject, message, details_json)"
                    + " VALUES (?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                db.times().set(p, 1, event.at());
                p.setString(2, event.kind().name());
                p.setString(3, event.subject());
                p.setString(4, event.message());
                p.setString(5, event.detailsJson());
                p.executeUpdate();
                try (ResultSet keys = p.getGeneratedKeys()) {
                    keys.next();
                    return new LoggedEvent(keys.getLong(1), event);
                }
            }
        });
    }

    @Override
    public List<LoggedEvent> events(TimeRange range) {
        return db.read("reading events " + range, c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT id, occurred_at, kind, subject, message, details_json"
                    + " FROM event WHERE occurred_at >= ? AND occurred_at < ? ORDER BY occurred_at, id")) {
                db.times().set(p, 1, range.from());
                db.times().set(p, 2, range.to());
                List<LoggedEvent> found = new ArrayList<>();
                try (ResultSet rows = p.executeQuery()) {
                    while (rows.next()) {
                        found.add(new LoggedEvent(rows.getLong("id"), new Event(db.times().get(rows, "occurred_at"),
                                EventKind.valueOf(rows.getString("kind")), rows.getString("subject"),
                                rows.getString("message"), rows.getString("details_json"))));
                    }
                }
                return List.copyOf(found);
            }
        });
    }
}
