package io.tanhe.server.store.derby;

import io.tanhe.server.store.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MigrationsTest {
    @TempDir
    Path dir;

    @Test
    void freshDatabaseGetsEverySchemaVersionAndItsTables() throws Exception {
        DerbyDatabase db = DerbyDatabase.open(dir.resolve("db"));
        try {
            assertEquals(List.of(1), Migrations.bundled().migrate(db));
            List<String> tables = db.inTransaction("list", c -> tables(c));
            assertTrue(tables.containsAll(List.of("RAW_READING", "RESULT", "RESULT_REVISION", "ALERT", "EVENT",
                    "CONFIG_VERSION", "OUTBOX", "SCHEMA_VERSION")), tables.toString());
        } finally {
            db.shutdown();
        }
        assertFalse(Files.exists(Path.of("derby.log")), "derby.log belongs in derby.system.home, not the working directory");
    }

    @Test
    void migratingTwiceAppliesNothingTheSecondTime() {
        DerbyDatabase db = DerbyDatabase.open(dir.resolve("db"));
        try {
            Migrations.bundled().migrate(db);
            assertEquals(List.of(), Migrations.bundled().migrate(db));
        } finally {
            db.shutdown();
        }
    }

    @Test
    void reopeningAStoreKeepsItsData() {
        try (DerbyStore store = TestStores.open(dir)) {
            store.configs().save("site: a", "test", io.tanhe.server.store.Samples.T0, "");
        }
        try (DerbyStore store = TestStores.open(dir)) {
            assertEquals("site: a", store.configs().latest().orElseThrow().content());
        }
    }

    @Test
    void aDatabaseNewerThanTheCodeIsRefusedAndLeftAlone() {
        DerbyDatabase db = DerbyDatabase.open(dir.resolve(DerbySettings.DATABASE_NAME));
        Migrations.bundled().migrate(db);
        db.inTransaction("pretend a newer Tanhe ran", c -> {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO schema_version VALUES (999, 'V999__future.sql', '"
                        + "0".repeat(64) + "', CURRENT_TIMESTAMP)");
            }
            return null;
        });
        db.shutdown();
        StoreException e = assertThrows(StoreException.class, () -> TestStores.open(dir).close());
        assertTrue(e.getMessage().contains("schema version 999, newer than this Tanhe knows (1)"), e.getMessage());
        DerbyDatabase again = DerbyDatabase.open(dir.resolve(DerbySettings.DATABASE_NAME));
        long rows = again.inTransaction("count", c -> {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM schema_version")) {
                r.next();
                return r.getLong(1);
            }
        });
        again.shutdown();
        assertEquals(2, rows);
    }

    @Test
    void aMigrationEditedAfterItWasAppliedIsRefused() {
        DerbyDatabase db = DerbyDatabase.open(dir.resolve("db"));
        try {
            new Migrations(List.of(Migrations.parse("V001__one.sql", "CREATE TABLE one (a INT);\n"))).migrate(db);
            Migrations edited = new Migrations(List.of(Migrations.parse("V001__one.sql", "CREATE TABLE one (a BIGINT);\n")));
            StoreException e = assertThrows(StoreException.class, () -> edited.migrate(db));
            assertTrue(e.getMessage().contains("migration V001__one.sql differs"), e.getMessage());
        } finally {
            db.shutdown();
        }
    }

    @Test
    void aFailingMigrationLeavesNoTraceAndNamesItsStatement() {
        DerbyDatabase db = DerbyDatabase.open(dir.resolve("db"));
        try {
            Migrations broken = new Migrations(List.of(Migrations.parse("V001__broken.sql",
                    "CREATE TABLE half (a INT);\nCREATE TABLE oops (a NOSUCHTYPE);\n")));
            StoreException e = assertThrows(StoreException.class, () -> broken.migrate(db));
            assertTrue(e.getMessage().contains("V001__broken.sql statement 2 failed"), e.getMessage());
            assertFalse(db.inTransaction("list", MigrationsTest::tables).contains("HALF"));
        } finally {
            db.shutdown();
        }
    }

    @Test
    void badlyNamedOrUnterminatedMigrationsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Migrations.parse("one.sql", "SELECT 1;\n"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Migrations.parse("V002__x.sql", "CREATE TABLE x (a INT)\n"));
        assertTrue(e.getMessage().contains("without `;`"));
    }

    private static List<String> tables(Connection c) throws java.sql.SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet r = c.getMetaData().getTables(null, "APP", "%", new String[]{"TABLE"})) {
            while (r.next()) {
                names.add(r.getString("TABLE_NAME"));
            }
        }
        return names;
    }
}
