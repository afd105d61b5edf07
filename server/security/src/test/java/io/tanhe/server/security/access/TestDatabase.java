package io.tanhe.server.security.access;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import java.util.function.Supplier;

/** A fresh in-memory Derby database per call, handing out connections as {@code Store.connect()} does (no auto-commit). */
final class TestDatabase {
    private TestDatabase() {
    }

    static Supplier<Connection> fresh() {
        String url = "jdbc:derby:memory:access-" + UUID.randomUUID();
        open(url + ";create=true");
        return () -> open(url);
    }

    private static Connection open(String url) {
        try {
            Connection c = DriverManager.getConnection(url);
            c.setAutoCommit(false);
            return c;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
