package io.tanhe.server.store.jdbc;

import io.tanhe.server.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Brings a database's schema to the version this code knows: applies the missing numbered migrations in
 * order, each with its {@code schema_version} row in one transaction (DDL is transactional in all three
 * engines, so a failed migration leaves nothing behind). There is one definition, written in Derby's SQL
 * ({@code migrations/V…sql}); another engine runs it through its dialect's {@link Dialect#translate}
 * (types, identity columns), and only where that cannot express a change it has its own text in
 * {@code migrations/<engine>/V…sql} (the raw-reading table WITHOUT ROWID on SQLite, ALTER COLUMN on
 * PostgreSQL). The checksum is that of the text the engine ran. Refuses a database whose schema is newer than the code, and one
 * whose applied migrations differ from the code's.
 */
final class Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
    private static final String FOLDER = "migrations/";
    private static final Pattern NAME = Pattern.compile("V(\\d+)__[a-z0-9_]+\\.sql");

    private final List<Migration> known;

    Migrations(List<Migration> known) {
        this.known = List.copyOf(known);
    }

    /** The migrations shipped with this code for {@code engine}, as listed in {@code migrations/migrations.list}. */
    static Migrations bundled(Engine engine) {
        List<Migration> list = new ArrayList<>();
        for (String line : resource("migrations.list").split("\n")) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                String own = optionalResource(engine.label() + "/" + name);
                list.add(parse(name, own != null ? own : resource(name)));
            }
        }
        return new Migrations(list);
    }

    /** The highest version this code knows. */
    int latestVersion() {
        return known.isEmpty() ? 0 : known.get(known.size() - 1).version();
    }

    /**
     * Applies what is missing.
     *
     * @return the versions applied now (empty when the schema was current)
     */
    List<Integer> migrate(Database db) {
        db.inTransaction("creating the schema_version table", c -> createVersionTable(db, c));
        Map<Integer, String> applied = db.read("reading schema_version", Migrations::applied);
        checkCompatible(db, applied);
        List<Integer> done = new ArrayList<>();
        for (Migration m : known) {
            if (!applied.containsKey(m.version())) {
                db.inTransaction("applying migration " + m.name(), c -> apply(db, c, m));
                LOG.info("store {}: applied migration {}", db.directory(), m.name());
                done.add(m.version());
            }
        }
        return List.copyOf(done);
    }

    private void checkCompatible(Database db, Map<Integer, String> applied) {
        int newest = applied.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        if (newest > latestVersion()) {
            throw new StoreException("the store at " + db.directory() + " has schema version " + newest
                    + ", newer than this Tanhe knows (" + latestVersion() + "); run the Tanhe version that wrote it,"
                    + " or restore a backup made with this one");
        }
        for (Migration m : known) {
            String checksum = applied.get(m.version());
            if (checksum != null && !checksum.equals(m.checksum())) {
                throw new StoreException("migration " + m.name() + " differs from the one applied to the store at "
                        + db.directory() + " (checksum " + checksum + " there, " + m.checksum() + " here); applied"
                        + " migrations must never change: put the change in a new migration");
            }
        }
    }

    private static Void createVersionTable(Database db, Connection c) throws SQLException {
        for (String name : List.of("SCHEMA_VERSION", "schema_version")) { // Derby keeps names upper case, the others lower
            try (ResultSet tables = c.getMetaData().getTables(null, null, name, null)) {
                if (tables.next()) {
                    return null;
                }
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute(db.dialect().translate("CREATE TABLE schema_version (version INT NOT NULL PRIMARY KEY, name VARCHAR(200) NOT NULL,"
                    + " checksum CHAR(64) NOT NULL, applied_at TIMESTAMP NOT NULL)"));
        }
        return null;
    }

    private static Map<Integer, String> applied(Connection c) throws SQLException {
        Map<Integer, String> result = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery("SELECT version, checksum FROM schema_version")) {
            while (rows.next()) {
                result.put(rows.getInt(1), rows.getString(2));
            }
        }
        return result;
    }

    private static Void apply(Database db, Connection c, Migration m) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (int i = 0; i < m.statements().size(); i++) {
                String sql = db.dialect().translate(m.statements().get(i));
                if (sql.isBlank()) {
                    continue;
                }
                try {
                    s.execute(sql);
                } catch (SQLException e) {
                    throw new SQLException(m.name() + " statement " + (i + 1) + " failed: " + e.getMessage(), e.getSQLState(), e);
                }
            }
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO schema_version VALUES (?, ?, ?, ?)")) {
            p.setInt(1, m.version());
            p.setString(2, m.name());
            p.setString(3, m.checksum());
            db.times().set(p, 4, Instant.now());
            p.executeUpdate();
        }
        return null;
    }

    /** A migration from its resource name and text: statements end with {@code ;} at the end of a line; {@code --} lines are comments. */
    static Migration parse(String name, String text) {
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            throw new IllegalArgumentException("migration resource " + name + " is not named V<number>__<lower_case_name>.sql");
        }
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = current.toString().strip();
                statements.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            throw new IllegalArgumentException("migration " + name + " ends with a statement without `;`");
        }
        return new Migration(Integer.parseInt(m.group(1)), name, sha256(text), List.copyOf(statements));
    }

    private static String resource(String name) {
        String text = optionalResource(name);
        if (text == null) {
            throw new IllegalStateException("migration resource " + FOLDER + name + " is missing from the build");
        }
        return text;
    }

    private static String optionalResource(String name) {
        try (InputStream in = Migrations.class.getResourceAsStream(FOLDER + name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migration resource " + FOLDER + name, e);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
