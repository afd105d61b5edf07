package io.tanhe.server.store.jdbc;

import io.tanhe.server.store.StoreException;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * One database behind its {@link Dialect}: hands out connections, runs transactions and ends with it.
 * Connections of the engines that pool are kept idle between transactions, a few for writing and a few
 * for reading.
 */
final class Database implements AutoCloseable {
    private static final int MAX_IDLE = 4;

    private final Dialect dialect;
    private final ConcurrentLinkedDeque<Connection> idleWriters = new ConcurrentLinkedDeque<>();
    private final ConcurrentLinkedDeque<Connection> idleReaders = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    private Database(Dialect dialect) {
        this.dialect = dialect;
    }

    /**
     * Opens (creating an embedded one when absent) the database the settings name.
     *
     * @throws StoreException when it cannot be opened or reached
     */
    static Database open(StoreSettings settings) {
        Dialect dialect = Dialect.of(settings);
        try {
            dialect.create();
        } catch (SQLException e) {
            String hint = describe(e).contains("XSDB6")
                    ? " (another Tanhe process holds this directory; stop it, or choose another directory)" : "";
            throw new StoreException("cannot open the store database at " + dialect.where() + ": " + describe(e) + hint, e);
        }
        return new Database(dialect);
    }

    /** Opens the database over {@code dialect} that was prepared already (a restore). */
    static Database over(Dialect dialect) {
        return new Database(dialect);
    }

    Dialect dialect() {
        return dialect;
    }

    Engine engine() {
        return dialect.engine();
    }

    TimeColumns times() {
        return dialect.times();
    }

    /** Where the database is, for messages. */
    String directory() {
        return dialect.where();
    }

    /** A new connection for a single long-lived user (the group committer); begin and end transactions with this class. */
    Connection connect() throws SQLException {
        return dialect.open(true);
    }

    void begin(Connection c, boolean write) throws SQLException {
        dialect.begin(c, write);
    }

    void commit(Connection c) throws SQLException {
        dialect.commit(c);
    }

    void rollbackQuietly(Connection c) {
        try {
            dialect.rollback(c);
        } catch (SQLException ignored) {
            // The connection is already unusable; the transaction dies with it.
        }
    }

    /**
     * Runs {@code work} in one write transaction and commits; rolls back when it fails.
     *
     * @param what what the work does, for the error message ("saving configuration version")
     */
    <T> T inTransaction(String what, SqlWork<T> work) {
        return run(what, work, true);
    }

    /** Runs {@code work}, which only reads, in one transaction (on SQLite it does not wait for writers). */
    <T> T read(String what, SqlWork<T> work) {
        return run(what, work, false);
    }

    private <T> T run(String what, SqlWork<T> work, boolean write) {
        Connection c = null;
        boolean reusable = false;
        try {
            c = borrow(write);
            dialect.begin(c, write);
            try {
                T result = work.run(c);
                dialect.commit(c);
                reusable = true;
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException(what + " failed in the store at " + dialect.where() + ": " + describe(e), e);
        } finally {
            if (c != null) {
                giveBack(c, write, reusable);
            }
        }
    }

    private Connection borrow(boolean write) throws SQLException {
        if (dialect.pooled()) {
            Connection c = (write ? idleWriters : idleReaders).pollFirst();
            if (c != null) {
                return c;
            }
        }
        return dialect.open(write);
    }

    private void giveBack(Connection c, boolean write, boolean reusable) {
        ConcurrentLinkedDeque<Connection> idle = write ? idleWriters : idleReaders;
        if (reusable && dialect.pooled() && !closed && idle.size() < MAX_IDLE) {
            idle.addFirst(c);
            if (!closed) {
                return;
            }
            idle.remove(c);
        }
        closeQuietly(c);
    }

    static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // A broken connection cannot be closed cleanly; the driver frees it.
        }
    }

    /** Closes the idle connections and ends with the database; what is committed is on disk. */
    @Override
    public void close() {
        closed = true;
        for (var idle : java.util.List.of(idleWriters, idleReaders)) {
            for (Connection c = idle.pollFirst(); c != null; c = idle.pollFirst()) {
                closeQuietly(c);
            }
        }
        dialect.shutdown();
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
