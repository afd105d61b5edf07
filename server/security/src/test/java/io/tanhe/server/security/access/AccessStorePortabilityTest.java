package io.tanhe.server.security.access;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The access tables' SQL on each engine the store has or is gaining: Derby and SQLite always (real databases,
 * through JDBC); PostgreSQL when {@code TANHE_TEST_POSTGRES_URL} names a server (e.g.
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=tanhe}), in a fresh schema it drops afterwards.
 */
class AccessStorePortabilityTest {
    @TempDir
    Path dir;

    private Supplier<Connection> database(String engine) {
        if (engine.equals("derby")) {
            return TestDatabase.fresh();
        }
        if (engine.equals("postgresql")) {
            String schema = "access_" + Long.toHexString(System.nanoTime());
            String base = System.getenv("TANHE_TEST_POSTGRES_URL");
            try (Connection c = DriverManager.getConnection(base)) {
                c.createStatement().executeUpdate("CREATE SCHEMA " + schema);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
            return () -> {
                try {
                    Connection c = DriverManager.getConnection(url);
                    c.setAutoCommit(false);
                    return c;
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            };
        }
        String url = "jdbc:sqlite:" + dir.resolve("access.db");
        return () -> {
            try {
                Connection c = DriverManager.getConnection(url);
                c.setAutoCommit(false);
                return c;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"derby", "sqlite"})
    void everyStatementRunsAndTheTablesAreMadeOnce(String engine) {
        exercise(database(engine));
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "TANHE_TEST_POSTGRES_URL", matches = "jdbc:postgresql:.+")
    void everyStatementRunsOnPostgresql() {
        exercise(database("postgresql"));
    }

    private static void exercise(Supplier<Connection> db) {
        AccessStore store = new AccessStore(db);
        store = new AccessStore(db); // the tables exist now: not made again
        Instant t = Instant.parse("2026-06-01T08:00:00Z");
        assertTrue(store.insert(new Account("li", Role.VIEWER, "h0", t, true, false, 0, Instant.EPOCH, t)));
        assertFalse(store.insert(new Account("LI", Role.SYSTEM_ADMINISTRATOR, "h", t, true, false, 0, Instant.EPOCH, t)),
                "usernames are unique ignoring case");
        store.update(new Account("li", Role.VIEWER, "h1", t.plusSeconds(1), false, true, 3, t.plusSeconds(900), t));
        Account li = store.account("li").orElseThrow();
        assertEquals("h1", li.passwordHash());
        assertTrue(li.disabled() && !li.mustChange() && li.failures() == 3);
        assertEquals(t.plusSeconds(900), li.lockedUntil());
        for (int i = 0; i < 7; i++) {
            store.remember("li", t, "h" + i, 5);
        }
        assertEquals(List.of("h6", "h5", "h4", "h3", "h2"), store.history("li"));
        assertTrue(store.insertToken(new ApiToken("grafana", Role.VIEWER, t, "secop", Optional.empty()), "a".repeat(64)));
        assertFalse(store.insertToken(new ApiToken("grafana", Role.VIEWER, t, "secop", Optional.empty()), "b".repeat(64)));
        assertEquals("grafana", store.tokenByHash("a".repeat(64)).orElseThrow().name());
        assertTrue(store.revokeToken("grafana", t));
        assertTrue(store.tokenByHash("a".repeat(64)).isEmpty());
        assertTrue(store.insertToken(new ApiToken("grafana", Role.SECURITY_AUDITOR, t, "secop", Optional.empty()), "c".repeat(64)));
        assertEquals(1, store.tokens().size());
        store.setAllowList(Role.SECURITY_OPERATOR, List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("fd00::/8")));
        assertEquals(2, store.allowLists().get(Role.SECURITY_OPERATOR).size());
        store.setAllowList(Role.SECURITY_OPERATOR, List.of());
        assertTrue(store.allowLists().isEmpty());
    }
}
