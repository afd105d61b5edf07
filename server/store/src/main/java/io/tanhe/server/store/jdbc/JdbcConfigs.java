package io.tanhe.server.store.jdbc;

import io.tanhe.server.store.ConfigStore;
import io.tanhe.server.store.ConfigVersion;
import io.tanhe.server.store.Limits;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Configuration versions. */
final class JdbcConfigs implements ConfigStore {
    private static final String SELECT = "SELECT version_no, content, sha256, author, saved_at, note FROM config_version";

    private final Database db;

    JdbcConfigs(Database db) {
        this.db = db;
    }

    @Override
    public ConfigVersion save(String content, String author, Instant at, String note) {
        Objects.requireNonNull(content, "content");
        Limits.required("author", author, Limits.ID);
        String checkedNote = Limits.optional("note", note, Limits.TEXT);
        String hash = Migrations.sha256(content);
        return db.inTransaction("saving a configuration version", c -> {
            Optional<ConfigVersion> latest = latest(c);
            if (latest.isPresent() && latest.get().sha256().equals(hash)) {
                return latest.get();
            }
            ConfigVersion saved = new ConfigVersion(latest.map(v -> v.version() + 1).orElse(1), content, hash, author,
                    at, checkedNote);
            try (PreparedStatement p = c.prepareStatement("INSERT INTO config_version VALUES (?, ?, ?, ?, ?, ?)")) {
                p.setInt(1, saved.version());
                p.setString(2, content);
                p.setString(3, hash);
                p.setString(4, author);
                db.times().set(p, 5, at);
                p.setString(6, saved.note());
                p.executeUpdate();
            }
            return saved;
        });
    }

    @Override
    public Optional<ConfigVersion> latest() {
        return db.read("reading the latest configuration", this::latest);
    }

    @Override
    public Optional<ConfigVersion> version(int version) {
        return db.read("reading configuration version " + version, c -> {
            try (PreparedStatement p = c.prepareStatement(SELECT + " WHERE version_no = ?")) {
                p.setInt(1, version);
                return collect(p).stream().findFirst();
            }
        });
    }

    @Override
    public List<ConfigVersion> history() {
        return db.read("reading the configuration history", c -> {
            try (PreparedStatement p = c.prepareStatement(SELECT + " ORDER BY version_no")) {
                return collect(p);
            }
        });
    }

    private Optional<ConfigVersion> latest(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(SELECT + " ORDER BY version_no DESC" + db.dialect().firstRows(1))) {
            return collect(p).stream().findFirst();
        }
    }

    private List<ConfigVersion> collect(PreparedStatement p) throws SQLException {
        List<ConfigVersion> found = new ArrayList<>();
        try (ResultSet rows = p.executeQuery()) {
            while (rows.next()) {
                found.add(new ConfigVersion(rows.getInt("version_no"), rows.getString("content"), rows.getString("sha256"),
                        rows.getString("author"), db.times().get(rows, "saved_at"), rows.getString("note")));
            }
        }
        return List.copyOf(found);
    }
}
