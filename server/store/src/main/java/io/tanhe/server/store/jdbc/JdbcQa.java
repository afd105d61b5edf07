package io.tanhe.server.store.jdbc;

import io.tanhe.server.store.QaKind;
import io.tanhe.server.store.QaRecord;
import io.tanhe.server.store.QaStore;
import io.tanhe.server.store.StoreException;
import io.tanhe.server.store.TimeRange;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/** The {@code qa_record} table. */
final class JdbcQa implements QaStore {
    private final Database db;

    JdbcQa(Database db) {
        this.db = db;
    }

    @Override
    public QaRecord add(QaRecord r) {
        return db.inTransaction("storing a QA record", c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO qa_record (kind, point_id, period_start, period_end,"
                    + " reference_value, measured_value, span_range, result_value, limit_value, passed, source, note, recorded_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                p.setString(1, r.kind().label());
                p.setString(2, r.pointId());
                db.times().set(p, 3, r.from());
                db.times().set(p, 4, r.to());
                NanColumns.set(p, 5, r.reference());
                NanColumns.set(p, 6, r.measured());
                NanColumns.set(p, 7, r.range());
                NanColumns.set(p, 8, r.result());
                NanColumns.set(p, 9, r.limit());
                if (r.passed().isPresent()) {
                    p.setLong(10, r.passed().get() ? 1 : 0);
                } else {
                    p.setNull(10, Types.BIGINT);
                }
                p.setString(11, r.source());
                p.setString(12, r.note());
                db.times().set(p, 13, r.recordedAt());
                p.executeUpdate();
                try (ResultSet keys = p.getGeneratedKeys()) {
                    if (!keys.next()) {
                        throw new StoreException("the store gave no id for the QA record just stored");
                    }
                    return r.withId(keys.getLong(1));
                }
            }
        });
    }

    @Override
    public List<QaRecord> between(TimeRange range) {
        return db.read("reading QA records", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT id, kind, point_id, period_start, period_end, reference_value,"
                    + " measured_value, span_range, result_value, limit_value, source, note, recorded_at FROM qa_record"
                    + " WHERE period_start < ? AND period_end > ? ORDER BY period_start, id")) {
                db.times().set(p, 1, range.to());
                db.times().set(p, 2, range.from());
                List<QaRecord> out = new ArrayList<>();
                try (ResultSet rows = p.executeQuery()) {
                    while (rows.next()) {
                        out.add(new QaRecord(rows.getLong("id"), QaKind.of(rows.getString("kind")).orElseThrow(() -> new StoreException(
                                "qa_record has an unknown kind; was the store written by a newer Tanhe?")),
                                rows.getString("point_id"), db.times().get(rows, "period_start"), db.times().get(rows, "period_end"),
                                NanColumns.get(rows, "reference_value"), NanColumns.get(rows, "measured_value"), NanColumns.get(rows, "span_range"),
                                NanColumns.get(rows, "result_value"), NanColumns.get(rows, "limit_value"), rows.getString("source"), rows.getString("note"),
                                db.times().get(rows, "recorded_at")));
                    }
                }
                return List.copyOf(out);
            }
        });
    }
}
