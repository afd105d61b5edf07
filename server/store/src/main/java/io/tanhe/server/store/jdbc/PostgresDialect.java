package io.tanhe.server.store.jdbc;

import io.tanhe.server.store.StoreException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * A PostgreSQL server through {@code org.postgresql:postgresql}. Connections are kept between transactions
 * (a new one costs a login round trip). TLS follows the login's {@code sslmode}. Instants are BIGINT
 * nanoseconds since the epoch, as on SQLite: PostgreSQL's TIMESTAMP keeps microseconds, and the store
 * promises the same {@link java.time.Instant} back (and identical checksums after a migration).
 */
final class PostgresDialect implements Dialect {
    private static final Pattern DOUBLE = Pattern.compile("\\bDOUBLE\\b");
    private static final Pattern TIMESTAMP = Pattern.compile("\\bTIMESTAMP\\b");
    private static final Pattern CLOB = Pattern.compile("\\bCLOB\\b");
    private static final Pattern RENAME = Pattern.compile("^RENAME TABLE (\\w+) TO (\\w+)$");
    /** SQLState of disk_full. */
    private static final String DISK_FULL = "53100";

    private final ServerLogin login;
    private final TimeColumns times = new TimeColumns.EpochNanos();

    PostgresDialect(ServerLogin login) {
        this.login = login;
    }

    @Override
    public Engine engine() {
        return Engine.POSTGRESQL;
    }

    @Override
    public String where() {
        return login.url();
    }

    @Override
    public void create() throws SQLException {
        open(false).close();
    }

    @Override
    public Connection open(boolean write) throws SQLException {
        Properties p = new Properties();
        if (!login.user().isEmpty()) {
            p.setProperty("user", login.user());
        }
        if (!login.password().isEmpty()) {
            p.setProperty("password", login.password());
        }
        p.setProperty("sslmode", login.sslMode());
        p.setProperty("ApplicationName", "tanhe");
        p.setProperty("connectTimeout", "10");
        Connection c = DriverManager.getConnection(login.url(), p);
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        return c;
    }

    @Override
    public boolean pooled() {
        return true;
    }

    @Override
    public void shutdown() {
        // The server stays up; the store's connections are closed by then.
    }

    @Override
    public TimeColumns times() {
        return times;
    }

    @Override
    public String firstRows(int n) {
        return " FETCH FIRST " + n + " ROWS ONLY";
    }

    @Override
    public String insertSkippingDuplicates(String table, String columns, String values) {
        return "INSERT INTO " + table + " (" + columns + ") VALUES (" + values + ") ON CONFLICT DO NOTHING";
    }

    @Override
    public String overridingIdentity() {
        return " OVERRIDING SYSTEM VALUE";
    }

    @Override
    public void identityCopied(Connection c, String table) throws SQLException {
        try (var s = c.createStatement()) {
            s.execute("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), (SELECT COALESCE(MAX(id), 0) + 1 FROM "
                    + table + "), false)");
        }
    }

    /** Derby's types in PostgreSQL's terms (DOUBLE PRECISION, TEXT, instants as BIGINT); Derby's system procedures are left out. */
    @Override
    public String translate(String statement) {
        if (statement.startsWith("CALL SYSCS_UTIL.")) {
            return "";
        }
        var rename = RENAME.matcher(statement.strip());
        if (rename.matches()) {
            return "ALTER TABLE " + rename.group(1) + " RENAME TO " + rename.group(2);
        }
        String s = DOUBLE.matcher(statement).replaceAll("DOUBLE PRECISION");
        s = TIMESTAMP.matcher(s).replaceAll("BIGINT");
        return CLOB.matcher(s).replaceAll("TEXT");
    }

    @Override
    public boolean diskFull(SQLException e) {
        return StoreFailures.chain(e).stream().anyMatch(t -> t instanceof SQLException s && DISK_FULL.equals(s.getSQLState()))
                || StoreFailures.messageSaysDiskFull(e);
    }

    /** Connection failures (class 08) and an administrator's shutdown (57P). */
    @Override
    public boolean fatal(SQLException e) {
        return StoreFailures.chain(e).stream().anyMatch(t -> t instanceof SQLException s && s.getSQLState() != null
                && (s.getSQLState().startsWith("08") || s.getSQLState().startsWith("57P")));
    }

    /**
     * A consistent copy of every table into a SQLite file in {@code target} (one REPEATABLE READ snapshot), so
     * a backup needs no PostgreSQL tools and restores onto any engine.
     */
    @Override
    public Path backup(Database db, Path target) {
        Path copy = target.resolve(Engine.SQLITE_FILE);
        if (Files.exists(copy)) {
            throw new StoreException("backup target " + copy + " already exists; choose an empty directory");
        }
        TableCopy.copy(db, Database.open(StoreSettings.at(target).withEngine(Engine.SQLITE)), TableCopy.Progress.QUIET, true);
        return copy;
    }
}
