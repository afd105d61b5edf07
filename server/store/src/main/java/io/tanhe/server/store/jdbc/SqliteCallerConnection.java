package io.tanhe.server.store.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A SQLite connection as {@code Store.connect()} hands it out: without auto-commit to its user, but
 * beginning its transaction ({@code BEGIN IMMEDIATE}, waiting for the store's writer up to the busy
 * timeout) only when the user prepares a statement, and holding no lock between a commit and the next
 * statement. The driver's own non-auto-commit mode begins the next transaction at once on commit, which
 * would keep the store's writer out for as long as the connection stays open.
 */
final class SqliteCallerConnection implements InvocationHandler {
    private final Connection connection;
    private boolean inTransaction;

    private SqliteCallerConnection(Connection connection) {
        this.connection = connection;
    }

    /** Wraps {@code connection}, which must be in auto-commit mode. */
    static Connection wrap(Connection connection) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                new SqliteCallerConnection(connection));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "createStatement", "prepareStatement", "prepareCall" -> begin();
            case "commit" -> {
                end("COMMIT");
                return null;
            }
            case "rollback" -> {
                if (args == null) {
                    end("ROLLBACK");
                    return null;
                }
            }
            case "getAutoCommit" -> {
                return false;
            }
            case "setAutoCommit" -> {
                if ((Boolean) args[0]) {
                    end("COMMIT");
                }
                return null;
            }
            case "close" -> {
                if (inTransaction && !connection.isClosed()) {
                    end("ROLLBACK");
                }
            }
            case "unwrap", "isWrapperFor", "equals", "hashCode", "toString" -> {
                // passed on as they are
            }
            default -> {
                // everything else goes to the driver's connection
            }
        }
        try {
            return method.invoke(connection, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private void begin() throws SQLException {
        if (!inTransaction) {
            try (Statement s = connection.createStatement()) {
                s.execute("BEGIN IMMEDIATE");
            }
            inTransaction = true;
        }
    }

    private void end(String how) throws SQLException {
        if (inTransaction) {
            inTransaction = false;
            try (Statement s = connection.createStatement()) {
                s.execute(how);
            }
        }
    }
}
