package io.tanhe.server.store.derby;

import io.tanhe.server.store.StoreException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * One embedded Derby database: boots it, hands out connections, runs transactions and shuts it down.
 * Connections are opened per use: an embedded connection costs microseconds, and a connection per
 * thread of work keeps Derby's per-connection state out of shared hands.
 */
final class DerbyDatabase {
    /** SQLState Derby uses for a single database that shut down as asked. */
    private static final String SHUTDOWN_OK = "08006";
    /** SQLState for a database that is not booted: Derby shut it down itself after a disk error. */
    private static final String NOT_BOOTED = "XJ004";

    private final Path directory;
    private final String url;

    private DerbyDatabase(Path directory) {
        this.directory = directory;
        this.url = "jdbc:derby:" + directory;
    }

    /**
     * Opens (creating when absent) the database in {@code directory}. {@code derby.system.home} is set
     * to its parent unless already set, so derby.log does not land in the working directory.
     */
    static DerbyDatabase open(Path directory) {
        configureDerby(directory.getParent());
        DerbyDatabase db = new DerbyDatabase(directory);
        try (Connection c = DriverManager.getConnection(db.url + ";create=true")) {
            return db;
        } catch (SQLException e) {
            String hint = describe(e).contains("XSDB6")
                    ? " (another Tanhe process holds this directory; stop it, or choose another directory)" : "";
            throw new StoreException("cannot open the store database at " + directory + ": " + describe(e) + hint, e);
        }
    }

    /**
     * Replaces the database in {@code directory} with the backup in {@code backup} (a directory made by
     * {@code SYSCS_BACKUP_DATABASE}) and opens it.
     */
    static DerbyDatabase restore(Path directory, Path backup) {
        if (!Files.isRegularFile(backup.resolve("service.properties"))) {
            throw new StoreException("no Derby backup in " + backup + " (service.properties is missing); give the directory"
                    + " that backup() returned");
        }
        configureDerby(directory.getParent());
        DerbyDatabase db = new DerbyDatabase(directory);
        try (Connection c = DriverManager.getConnection(db.url + ";restoreFrom=" + backup.toAbsolutePath())) {
            return db;
        } catch (SQLException e) {
            throw new StoreException("cannot restore " + directory + " from " + backup + ": " + describe(e), e);
        }
    }

    private static void configureDerby(Path home) {
        try {
            io.tanhe.server.store.PrivateFiles.directory(home); // 0700: the data directory is the terminal's alone
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

    Path directory() {
        return directory;
    }

    /** A new connection without auto-commit, reading committed data. */
    Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(url);
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        return c;
    }

    /**
     * Runs {@code work} in one transaction on a fresh connection and commits; rolls back when it fails.
     *
     * @param what what the work does, for the error message ("saving configuration version")
     */
    <T> T inTransaction(String what, SqlWork<T> work) {
        try (Connection c = connect()) {
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException(what + " failed in the store at " + directory + ": " + describe(e), e);
        }
    }

    /** Shuts the database down; what is committed is on disk. */
    void shutdown() {
        try {
            DriverManager.getConnection(url + ";shutdown=true").close();
        } catch (SQLException e) {
            if (!SHUTDOWN_OK.equals(e.getSQLState()) && !NOT_BOOTED.equals(e.getSQLState())) {
                throw new StoreException("shutting down the store at " + directory + " failed: " + describe(e), e);
            }
        }
    }

    static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // The connection is already unusable; the transaction dies with it.
        }
    }

    /** The message and SQLState of an error and of the errors chained to it. */
    static String describe(SQLException e) {
        StringBuilder text = new StringBuilder();
        for (SQLException next = e; next != null && text.length() < 600; next = next.getNextException()) {
            if (!text.isEmpty()) {
                text.append("; ");
            }
            text.append(next.getMessage()).append(" [").append(next.getSQLState()).append(']');
        }
        return text.toString();
    }
}
