package io.tanhe.server.store.jdbc;

import io.tanhe.server.store.ActivationStep;
import io.tanhe.server.store.ConfigPackage;
import io.tanhe.server.store.ConfigPackages;
import io.tanhe.server.store.Limits;

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

/** The {@code config_package} and {@code config_activation_log} tables. */
final class JdbcConfigPackages implements ConfigPackages {
    private static final String SELECT = "SELECT id, kind, package_name, package_version, content, sha256, signatures,"
            + " uploaded_by, uploaded_at, state, effective_from, review, review_summary FROM config_package";

    private final Database db;

    JdbcConfigPackages(Database db) {
        this.db = db;
    }

    @Override
    public ConfigPackage add(String kind, String name, String version, String content, String signatures, String uploadedBy,
                             Instant at, String state, String detail) {
        Objects.requireNonNull(content, "content");
        Limits.required("kind", kind, 32);
        Limits.required("name", name, Limits.ID);
        Limits.required("version", version, Limits.SHORT);
        Limits.required("uploaded by", uploadedBy, Limits.ID);
        Limits.required("state", state, 32);
        String sigs = Limits.optional("signatures", signatures, Limits.TEXT);
        String hash = Migrations.sha256(content);
        long id = db.inTransaction("storing configuration package " + name + " " + version, c -> {
            long key;
            try (PreparedStatement p = c.prepareStatement("INSERT INTO config_package (kind, package_name, package_version,"
                    + " content, sha256, signatures, uploaded_by, uploaded_at, state, review_summary)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                p.setString(1, kind);
                p.setString(2, name);
                p.setString(3, version);
                p.setString(4, content);
                p.setString(5, hash);
                p.setString(6, sigs);
                p.setString(7, uploadedBy);
                db.times().set(p, 8, at);
                p.setString(9, state);
                p.setString(10, "");
                p.executeUpdate();
                try (ResultSet keys = p.getGeneratedKeys()) {
                    keys.next();
                    key = keys.getLong(1);
                }
            }
            log(c, key, uploadedBy, at, "", state, detail);
            return key;
        });
        return get(id).orElseThrow();
    }

    @Override
    public Optional<ConfigPackage> get(long id) {
        return db.read("reading configuration package " + id, c -> {
            try (PreparedStatement p = c.prepareStatement(SELECT + " WHERE id = ?")) {
                p.setLong(1, id);
                return packages(p).stream().findFirst();
            }
        });
    }

    @Override
    public List<ConfigPackage> all() {
        return db.read("reading the configuration packages", c -> {
            try (PreparedStatement p = c.prepareStatement(SELECT + " ORDER BY id")) {
                return packages(p);
            }
        });
    }

    @Override
    public boolean move(long id, String from, String to, String actor, Instant at, String detail) {
        Limits.required("state", to, 32);
        Limits.required("actor", actor, Limits.ID);
        return db.inTransaction("moving configuration package " + id + " from " + from + " to " + to, c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE config_package SET state = ? WHERE id = ? AND state = ?")) {
                p.setString(1, to);
                p.setLong(2, id);
                p.setString(3, from);
                if (p.executeUpdate() != 1) {
                    return false;
                }
            }
            log(c, id, actor, at, from, to, detail);
            return true;
        });
    }

    @Override
    public void saveReview(long id, String review, String summary) {
        String line = Limits.optional("review summary", summary, Limits.TEXT);
        db.inTransaction("storing the review of configuration package " + id, c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE config_package SET review = ?, review_summary = ? WHERE id = ?")) {
                p.setString(1, review);
                p.setString(2, line);
                p.setLong(3, id);
                p.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void setEffectiveFrom(long id, Instant effectiveFrom) {
        db.inTransaction("setting when configuration package " + id + " applies", c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE config_package SET effective_from = ? WHERE id = ?")) {
                db.times().set(p, 1, effectiveFrom);
                p.setLong(2, id);
                p.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<ActivationStep> log() {
        return db.read("reading the activation log", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT id, package_ref, at_time, actor, from_state, to_state, detail"
                    + " FROM config_activation_log ORDER BY id")) {
                List<ActivationStep> found = new ArrayList<>();
                try (ResultSet rows = p.executeQuery()) {
                    while (rows.next()) {
                        found.add(new ActivationStep(rows.getLong("id"), rows.getLong("package_ref"), db.times().get(rows, "at_time"),
                                rows.getString("actor"), rows.getString("from_state"), rows.getString("to_state"),
                                rows.getString("detail")));
                    }
                }
                return List.copyOf(found);
            }
        });
    }

    private void log(Connection c, long id, String actor, Instant at, String from, String to, String detail) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO config_activation_log (package_ref, at_time, actor, from_state,"
                + " to_state, detail) VALUES (?, ?, ?, ?, ?, ?)")) {
            p.setLong(1, id);
            db.times().set(p, 2, at);
            p.setString(3, actor);
            p.setString(4, from);
            p.setString(5, to);
            p.setString(6, clip(detail));
            p.executeUpdate();
        }
    }

    private static String clip(String text) {
        String t = text == null ? "" : text;
        return t.length() <= Limits.TEXT ? t : t.substring(0, Limits.TEXT - 1) + "…";
    }

    private List<ConfigPackage> packages(PreparedStatement p) throws SQLException {
        List<ConfigPackage> found = new ArrayList<>();
        try (ResultSet rows = p.executeQuery()) {
            while (rows.next()) {
                found.add(new ConfigPackage(rows.getLong("id"), rows.getString("kind"), rows.getString("package_name"),
                        rows.getString("package_version"), rows.getString("content"), rows.getString("sha256"),
                        rows.getString("signatures"), rows.getString("uploaded_by"), db.times().get(rows, "uploaded_at"),
                        rows.getString("state"), db.times().get(rows, "effective_from"), rows.getString("review"),
                        rows.getString("review_summary")));
            }
        }
        return List.copyOf(found);
    }
}
