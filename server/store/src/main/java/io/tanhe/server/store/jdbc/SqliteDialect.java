package io.tanhe.server.store.jdbc;

import io.tanhe.server.store.PrivateFiles;
import io.tanhe.server.store.StoreException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Embedded SQLite through {@code org.xerial:sqlite-jdbc}: one file, write-ahead log, {@code synchronous=FULL}
 * (the WAL is synced at every commit, so an acknowledged write survives a power cut, not only kill -9).
 *
 * <p>Transactions are begun and ended by statements on connections left in auto-commit mode: the driver
 * begins the next transaction as soon as one commits, and a {@code BEGIN IMMEDIATE} begun that way would
 * hold the write lock while the connection sits idle. Write transactions begin {@code IMMEDIATE} (they wait
 * for the lock up to the busy timeout instead of failing when a read turns into a write), reads begin
 * deferred and, with the WAL, never wait for a writer.
 */
final class SqliteDialect implements Dialect {
    /** How long a writer waits for another's transaction before SQLITE_BUSY. */
    static final int BUSY_TIMEOUT_MS = 60_000;
    private static final Pattern IDENTITY = Pattern.compile("BIGINT GENERATED ALWAYS AS IDENTITY");
    private static final Pattern TIMESTAMP = Pattern.compile("\\bTIMESTAMP\\b");
    private static final Pattern CLOB = Pattern.compile("\\bCLOB\\b");
    private static final Pattern RENAME = Pattern.compile("^RENAME TABLE (\\w+) TO (\\w+)$");
    /** SQLite's primary result codes (the low byte of an extended one). */
    private static final int IOERR = 10;
    private static final int CORRUPT = 11;
    private static final int FULL = 13;
    private static final int CANTOPEN = 14;
    private static final int NOTADB = 26;

    private final Path file;
    private final String url;
    private final TimeColumns times = new TimeColumns.EpochNanos();

    SqliteDialect(Path file) {
        this.file = file;
        this.url = "jdbc:sqlite:" + file;
    }

    @Override
    public Engine engine() {
        return Engine.SQLITE;
    }

    @Override
    public String where() {
        return file.toString();
    }

    /** Creates the directory (0700) and the file (0600: SQLite gives its WAL and index files the same mode). */
    @Override
    public void create() throws SQLException {
        try {
            PrivateFiles.directory(file.getParent());
            if (!Files.exists(file)) {
                PrivateFiles.file(Files.createFile(file));
            }
        } catch (IOException e) {
            throw new StoreException("cannot create the store file " + file + ": " + e.getMessage(), e);
        }
        try (Connection c = open(true); Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL"); // kept in the file: every later connection uses the WAL
        }
    }

    @Override
    public Connection open(boolean write) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.setCacheSize(write ? -8_000 : -2_000); // KiB per connection: readers are many and mostly scan once
        config.setTempStore(SQLiteConfig.TempStore.MEMORY);
        Properties properties = config.toProperties();
        return DriverManager.getConnection(url, properties);
    }

    /** A connection for a module that commits itself (Store.connect): see {@link SqliteCallerConnection}. */
    Connection openForCaller() throws SQLException {
        return SqliteCallerConnection.wrap(open(true));
    }

    @Override
    public boolean pooled() {
        return true;
    }

    @Override
    public void begin(Connection c, boolean write) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(write ? "BEGIN IMMEDIATE" : "BEGIN");
        }
    }

    @Override
    public void commit(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("COMMIT");
        }
    }

    @Override
    public void rollback(Connection c) throws SQLException {
        if (!c.getAutoCommit()) {
            c.rollback();
            return;
        }
        try (Statement s = c.createStatement()) {
            s.execute("ROLLBACK");
        } catch (SQLException e) {
            if (!String.valueOf(e.getMessage()).contains("no transaction is active")) {
                throw e;
            }
        }
    }

    @Override
    public void shutdown() {
        // Nothing stays open once the connections are closed; the last one to close checkpoints the WAL.
    }

    @Override
    public TimeColumns times() {
        return times;
    }

    @Override
    public String firstRows(int n) {
        return " LIMIT " + n;
    }

    @Override
    public String insertSkippingDuplicates(String table, String columns, String values) {
        return "INSERT OR IGNORE INTO " + table + " (" + columns + ") VALUES (" + values + ")";
    }

    /**
     * Derby's types in SQLite's terms: instants are INTEGER nanoseconds ({@link TimeColumns.EpochNanos}), an
     * identity column is an INTEGER primary key (SQLite's rowid), CLOB is TEXT; Derby's system procedures
     * have no counterpart and are left out.
     */
    @Override
    public String translate(String statement) {
        if (statement.startsWith("CALL SYSCS_UTIL.")) {
            return "";
        }
        var rename = RENAME.matcher(statement.strip());
        if (rename.matches()) {
            return "ALTER TABLE " + rename.group(1) + " RENAME TO " + rename.group(2);
        }
        String s = IDENTITY.matcher(statement).replaceAll("INTEGER");
        s = TIMESTAMP.matcher(s).replaceAll("INTEGER");
        return CLOB.matcher(s).replaceAll("TEXT");
    }

    @Override
    public boolean diskFull(SQLException e) {
        return StoreFailures.messageSaysDiskFull(e) || StoreFailures.chain(e).stream()
                .anyMatch(t -> t instanceof SQLiteException s && (s.getErrorCode() & 0xff) == FULL);
    }

    @Override
    public boolean fatal(SQLException e) {
        return StoreFailures.chain(e).stream().anyMatch(t -> t instanceof SQLiteException s
                && switch (s.getErrorCode() & 0xff) {
                    case IOERR, CORRUPT, CANTOPEN, NOTADB -> true;
                    default -> false;
                });
    }

    /** {@code VACUUM INTO}: a consistent, compacted copy of the database, taken while writes go on. */
    @Override
    public Path backup(Database db, Path target) {
        Path copy = target.resolve(Engine.SQLITE_FILE);
        if (Files.exists(copy)) {
            throw new StoreException("backup target " + copy + " already exists; choose an empty directory");
        }
        try {
            PrivateFiles.directory(target);
        } catch (IOException e) {
            throw new StoreException("cannot create the backup directory " + target + ": " + e.getMessage(), e);
        }
        try (Connection c = open(false); PreparedStatement p = c.prepareStatement("VACUUM INTO ?")) {
            p.setString(1, copy.toString());
            p.execute();
            PrivateFiles.file(copy);
        } catch (SQLException | IOException e) {
            throw new StoreException("backing up " + file + " to " + copy + " failed: " + e.getMessage(), e);
        }
        return copy;
    }

    /** Replaces the (closed) database with the copy {@link #backup} made. */
    void restore(Path backup) {
        Path source = Files.isDirectory(backup) ? backup.resolve(Engine.SQLITE_FILE) : backup;
        if (!Files.isRegularFile(source)) {
            throw new StoreException("no SQLite backup at " + source + "; give the directory or file that backup returned");
        }
        try {
            PrivateFiles.directory(file.getParent());
            Files.deleteIfExists(Path.of(file + "-wal"));
            Files.deleteIfExists(Path.of(file + "-shm"));
            Files.copy(source, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            PrivateFiles.file(file);
        } catch (IOException e) {
            throw new StoreException("cannot restore " + file + " from " + source + ": " + e.getMessage(), e);
        }
    }
}
