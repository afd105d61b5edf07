package io.tanhe.server.store.jdbc;

import io.tanhe.engine.rules.verification.VerificationFinding;
import io.tanhe.engine.time.Grain;
import io.tanhe.server.store.FindingStore;
import io.tanhe.server.store.Limits;
import io.tanhe.server.store.StoreException;
import io.tanhe.server.store.StoredFinding;
import io.tanhe.server.store.TimeRange;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The {@code verification_finding} table. */
final class JdbcFindings implements FindingStore {
    private static final String COLUMNS = "id, check_id, clause, template_check, subject, grain, period_start, period_end,"
            + " measured_value, unit, bound, message, rule_name, found_at";
    private final Database db;

    JdbcFindings(Database db) {
        this.db = db;
    }

    @Override
    public StoredFinding record(VerificationFinding f, Instant foundAt) {
        String key = Limits.required("finding key", f.dedupKey(), Limits.KEY);
        Limits.required("finding check", f.check(), Limits.SHORT);
        Limits.required("finding clause", f.clause(), 256);
        Limits.required("finding subject", f.subject(), 256);
        Limits.optional("finding unit", f.unit(), Limits.SHORT);
        Limits.optional("finding bound", f.bound(), 256);
        String message = f.message().length() > Limits.TEXT ? f.message().substring(0, Limits.TEXT - 1) + "…" : f.message();
        String rule = f.rule().length() > 256 ? f.rule().substring(0, 256) : f.rule();
        return db.inTransaction("storing verification finding " + key, c -> {
            Optional<StoredFinding> existing = byKey(c, key);
            if (existing.isPresent()) {
                VerificationFinding old = existing.get().finding();
                if (same(old.measured(), f.measured()) && old.bound().equals(f.bound()) && old.message().equals(message)
                        && old.to().equals(f.to())) {
                    return existing.get();
                }
                try (PreparedStatement p = c.prepareStatement("UPDATE verification_finding SET measured_value = ?, bound = ?,"
                        + " message = ?, period_end = ?, found_at = ? WHERE id = ?")) {
                    NanColumns.set(p, 1, f.measured());
                    p.setString(2, f.bound());
                    p.setString(3, message);
                    db.times().set(p, 4, f.to());
                    db.times().set(p, 5, foundAt);
                    p.setLong(6, existing.get().id());
                    p.executeUpdate();
                }
            } else {
                try (PreparedStatement p = c.prepareStatement("INSERT INTO verification_finding (dedup_key, check_id, clause,"
                        + " template_check, subject, grain, period_start, period_end, measured_value, unit, bound, message, rule_name,"
                        + " found_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    p.setString(1, key);
                    p.setString(2, f.check());
                    p.setString(3, f.clause());
                    p.setLong(4, f.template() ? 1 : 0);
                    p.setString(5, f.subject());
                    p.setString(6, f.grain() == null ? "" : f.grain().label());
                    db.times().set(p, 7, f.from());
                    db.times().set(p, 8, f.to());
                    NanColumns.set(p, 9, f.measured());
                    p.setString(10, f.unit());
                    p.setString(11, f.bound());
                    p.setString(12, message);
                    p.setString(13, rule);
                    db.times().set(p, 14, foundAt);
                    p.executeUpdate();
                }
            }
            return byKey(c, key).orElseThrow(() -> new StoreException("the verification finding " + key + " just stored is not there"));
        });
    }

    @Override
    public List<StoredFinding> between(TimeRange range, Optional<String> subject, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit is " + limit + "; give at least 1");
        }
        return db.read("reading verification findings", c -> {
            String sql = "SELECT " + COLUMNS + " FROM verification_finding WHERE period_start < ? AND"
                    + " (period_end > ? OR (period_end = period_start AND period_start >= ?))"
                    + (subject.isPresent() ? " AND (subject = ? OR subject LIKE ?)" : "") + " ORDER BY period_start, id";
            try (PreparedStatement p = c.prepareStatement(sql)) {
                db.times().set(p, 1, range.to());
                db.times().set(p, 2, range.from());
                db.times().set(p, 3, range.from());
                if (subject.isPresent()) {
                    p.setString(4, subject.get());
                    p.setString(5, subject.get().replace("[", "") + "[%");
                }
                p.setMaxRows(limit);
                List<StoredFinding> out = new ArrayList<>();
                try (ResultSet rows = p.executeQuery()) {
                    while (rows.next() && out.size() < limit) {
                        out.add(row(rows));
                    }
                }
                return List.copyOf(out);
            }
        });
    }

    private Optional<StoredFinding> byKey(Connection c, String key) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM verification_finding WHERE dedup_key = ?")) {
            p.setString(1, key);
            try (ResultSet rows = p.executeQuery()) {
                return rows.next() ? Optional.of(row(rows)) : Optional.empty();
            }
        }
    }

    private StoredFinding row(ResultSet rows) throws SQLException {
        String grain = rows.getString("grain");
        VerificationFinding f = new VerificationFinding(rows.getString("check_id"), rows.getString("clause"),
                rows.getLong("template_check") != 0, rows.getString("subject"), grain.isEmpty() ? null : grainOf(grain),
                db.times().get(rows, "period_start"), db.times().get(rows, "period_end"), NanColumns.get(rows, "measured_value"),
                rows.getString("unit"), rows.getString("bound"), rows.getString("message"), rows.getString("rule_name"));
        return new StoredFinding(rows.getLong("id"), f, db.times().get(rows, "found_at"));
    }

    private static Grain grainOf(String label) {
        try {
            return Grain.fromLabel(label);
        } catch (IllegalArgumentException e) {
            throw new StoreException("verification_finding has the unknown grain `" + label + "`; was the store written by a newer Tanhe?");
        }
    }

    private static boolean same(double a, double b) {
        return Objects.equals(a, b) || (Double.isNaN(a) && Double.isNaN(b));
    }
}
