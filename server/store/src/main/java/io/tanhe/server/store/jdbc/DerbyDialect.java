package io.tanhe.server.store.jdbc;

import io.tanhe.server.store.PrivateFiles;
import io.tanhe.server.store.StoreException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Embedded Apache Derby 10.16: kept so that data directories made before SQLite became the default still open. */
final class DerbyDialect implements Dialect {
    /** SQLState Derby uses for a single database that shut down as asked. */
    private static final String SHUTDOWN_OK = "08006";
    /** SQLState for a database that is not booted: Derby shut it down itself after a disk error. */
    private static final String NOT_BOOTED = "XJ004";
    /** Derby reports error severity as the error code; from session severity on, the connection is gone. */
    private static final int SESSION_SEVERITY = 40000;

    private final Path directory;
    private final String url;
    private final TimeColumns times = new TimeColumns.Timestamps();

    DerbyDialect(Path directory) {
        this.directory = directory;
        this.url = "jdbc:derby:" + directory;
    }

    @Override
    public Engine engine() {
        return Engine.DERBY;
    }

    @Override
    public String where() {
        return directory.toString();
    }

    /**
     * Boots (creating when absent) the database. {@code derby.system.home} is set to its parent unless already
     * set, so derby.log does not land in the working directory.
     */
    @Override
    public void create() throws SQLException {
        configure(directory.getParent());
        DriverManager.getConnection(url + ";create=true").close();
    }

    /**
     * Replaces the database with the backup in {@code backup} (a directory made by
     * {@code SYSCS_BACKUP_DATABASE}) and boots it.
     */
    void restore(Path backup) throws SQLException {
        if (!Files.isRegularFile(backup.resolve("service.properties"))) {
            throw new StoreException("no Derby backup in " + backup + " (service.properties is missing); give the directory"
                    + " that backup returned");
        }
        configure(directory.getParent());
        DriverManager.getConnection(url + ";restoreFrom=" + backup.toAbsolutePath()).close();
    }

    private static void configure(Path home) {
        try {
            PrivateFiles.directory(home); // 0700: the data directory is the terminal's alone
        } catch (IOException e) {
            throw new StoreException("cannot create the store directory " + home + ": " + e.getMessage(), e);
        }
        // Derby then creates its files (database, logs, derby.log) readable by the owner only (0600)
        System.setProperty("derby.storage.useDefaultFilePermissions", "false");
        if (System.getProperty("derby.system.home") == null) {
            System.setProperty("derby.system.home", home.toString());
        }
        System.setProperty("derby.infolog.append", "true");
        if (System.getProperty("derby.storage.pageCacheSize") == null) {
            System.setProperty("derby.storage.pageCacheSize", "1000");
        }
    }

    /** An embedded connection costs microseconds, and a connection per unit of work keeps Derby's state out of shared hands. */
    @Override
    public Connection open(boolean write) throws SQLException {
        Connection c = DriverManager.getConnection(url);
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        return c;
    }

    @Override
    public boolean pooled() {
        return false;
    }

    @Override
    public void shutdown() {
        try {
            DriverManager.getConnection(url + ";shutdown=true").close();
        } catch (SQLException e) {
            if (!SHUTDOWN_OK.equals(e.getSQLState()) && !NOT_BOOTED.equals(e.getSQLState())) {
                throw new StoreException("shutting down the store at " + directory + " failed: " + Database.describe(e), e);
            }
        }
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
        return null;
    }

    @Override
    public String translate(String statement) {
        return statement;
    }

    @Override
    public boolean diskFull(SQLException e) {
        return StoreFailures.messageSaysDiskFull(e);
    }

    @Override
    public boolean fatal(SQLException e) {
        return StoreFailures.chain(e).stream().anyMatch(t -> t instanceof SQLException s
                && (s.getErrorCode() >= SESSION_SEVERITY || (s.getSQLState() != null && s.getSQLState().startsWith("08"))));
    }

    /** Derby's online backup ({@code SYSCS_UTIL.SYSCS_BACKUP_DATABASE}): a consistent copy while writes go on. */
    @Override
    public Path backup(Database db, Path target) {
        Path copy = target.resolve(Engine.DERBY_DIRECTORY);
        if (Files.exists(copy)) {
            throw new StoreException("backup target " + copy + " already exists; choose an empty directory");
        }
        db.inTransaction("backing up to " + target, c -> {
            try (PreparedStatement p = c.prepareStatement("CALL SYSCS_UTIL.SYSCS_BACKUP_DATABASE(?)")) {
                p.setString(1, target.toString());
                p.execute();
            }
            return null;
        });
        return copy;
    }
}
