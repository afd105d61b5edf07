package io.tanhe.server.store.jdbc;

import io.tanhe.engine.rules.alert.Severity;
import io.tanhe.server.store.Alert;
import io.tanhe.server.store.StoreException;
import io.tanhe.server.store.TimeRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MigrationsTest {
    @TempDir
    Path dir;

    @Test
    void freshDatabaseGetsEverySchemaVersionAndItsTables() throws Exception {
        Database db = Database.open(TestStores.settings(Engine.DERBY, dir));
        try {
            assertEquals(bundledVersions(), Migrations.bundled(Engine.DERBY).migrate(db));
            List<String> tables = db.inTransaction("list", c -> tables(c));
            assertTrue(tables.containsAll(List.of("RAW_READING", "RESULT", "RESULT_REVISION", "ALERT", "EVENT",
                    "CONFIG_VERSION", "OUTBOX", "RECOMPUTE_REQUEST", "SCHEMA_VERSION")), tables.toString());
        } finally {
            db.close();
        }
        assertFalse(Files.exists(Path.of("derby.log")), "derby.log belongs in derby.system.home, not the working directory");
    }

    @Test
    void readingsStoredUnderTheFirstSchemaKeepTheirValuesAndIdentityAfterV002() throws Exception {
        String v001;
        try (var in = Migrations.class.getResourceAsStream("migrations/V001__initial_schema.sql")) {
            v001 = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        Database db = Database.open(TestStores.settings(Engine.DERBY, dir));
        try {
            new Migrations(List.of(Migrations.parse("V001__initial_schema.sql", v001))).migrate(db);
            db.inTransaction("old rows", c -> {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("INSERT INTO raw_reading (point_id, reading_key, measured_at, value_text, unit, quality, source_id,"
                            + " detail, received_at, idem_key) VALUES ('coal', 'a', TIMESTAMP('2024-03-01 00:01:00'), '12.30', 't',"
                            + " 'MEASURED', 'm1', '', TIMESTAMP('2024-03-01 00:01:01'), 'coal[a]@2024-03-01T00:01:00Z#m1'),"
                            + " ('coal', 'a', TIMESTAMP('2024-03-01 00:00:00'), NULL, 't', 'TIMEOUT', 'm1', 'no answer',"
                            + " TIMESTAMP('2024-03-01 00:00:01'), 'coal[a]@2024-03-01T00:00:00Z#m1')");
                }
                return null;
            });
            assertEquals(List.of(2), Migrations.bundled(Engine.DERBY).migrate(db).subList(0, 1));
            List<String> rows = db.inTransaction("new rows", c -> {
                List<String> out = new ArrayList<>();
                try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                        "SELECT point_id, reading_key, source_id, value_text, quality, detail FROM raw_reading ORDER BY measured_at")) {
                    while (r.next()) {
                        out.add(r.getString(1) + "[" + r.getString(2) + "]#" + r.getString(3) + "=" + r.getString(4) + " "
                                + r.getString(5) + " " + r.getString(6));
                    }
                }
                return out;
            });
            assertEquals(List.of("coal[a]#m1=null TIMEOUT no answer", "coal[a]#m1=12.30 MEASURED "), rows);
        } finally {
            db.close();
        }
    }

    @Test
    void migratingTwiceAppliesNothingTheSecondTime() {
        Database db = Database.open(TestStores.settings(Engine.DERBY, dir));
        try {
            Migrations.bundled(Engine.DERBY).migrate(db);
            assertEquals(List.of(), Migrations.bundled(Engine.DERBY).migrate(db));
        } finally {
            db.close();
        }
    }

    @Test
    void reopeningAStoreKeepsItsData() {
        try (JdbcStore store = TestStores.open(Engine.DERBY, dir)) {
            store.configs().save("site: a", "test", io.tanhe.server.store.Samples.T0, "");
        }
        try (JdbcStore store = TestStores.open(Engine.DERBY, dir)) {
            assertEquals("site: a", store.configs().latest().orElseThrow().content());
        }
    }

    @Test
    void aDatabaseNewerThanTheCodeIsRefusedAndLeftAlone() {
        Database db = Database.open(TestStores.settings(Engine.DERBY, dir));
        int applied = Migrations.bundled(Engine.DERBY).migrate(db).size();
        db.inTransaction("pretend a newer Tanhe ran", c -> {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO schema_version VALUES (999, 'V999__future.sql', '"
                        + "0".repeat(64) + "', CURRENT_TIMESTAMP)");
            }
            return null;
        });
        db.close();
        StoreException e = assertThrows(StoreException.class, () -> TestStores.open(Engine.DERBY, dir).close());
        assertTrue(e.getMessage().contains("schema version 999, newer than this Tanhe knows (" + Migrations.bundled(Engine.DERBY).latestVersion() + ")"), e.getMessage());
        Database again = Database.open(TestStores.settings(Engine.DERBY, dir));
        long rows = again.inTransaction("count", c -> {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM schema_version")) {
                r.next();
                return r.getLong(1);
            }
        });
        again.close();
        assertEquals(applied + 1, rows);
    }

    @Test
    void aGapInTheNumbersIsAcceptedAndAMigrationNumberedInsideItIsAppliedLater() {
        Migration one = Migrations.parse("V001__one.sql", "CREATE TABLE one (a INT);\n");
        Migration four = Migrations.parse("V004__four.sql", "ALTER TABLE one ADD COLUMN d INT;\n");
        Migration two = Migrations.parse("V002__two.sql", "CREATE TABLE two (b INT);\n");
        Database db = Database.open(TestStores.settings(Engine.DERBY, dir));
        try {
            assertEquals(List.of(1, 4), new Migrations(List.of(one, four)).migrate(db));
            assertEquals(List.of(2), new Migrations(List.of(one, two, four)).migrate(db),
                    "a migration landed later with a lower number is applied; the applied ones are kept");
            assertTrue(db.inTransaction("list", MigrationsTest::tables).contains("TWO"));
        } finally {
            db.close();
        }
    }

    @Test
    void anAlertStoredBeforeEscalationExistedKeepsItsSeverityAsTheRaisedOne() throws Exception {
        Database db = Database.open(TestStores.settings(Engine.DERBY, dir));
        String v001;
        try (var in = Migrations.class.getResourceAsStream("migrations/V001__initial_schema.sql")) {
            v001 = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        new Migrations(List.of(Migrations.parse("V001__initial_schema.sql", v001))).migrate(db);
        db.inTransaction("an alert of the old schema", c -> {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO alert (dedup_key, rule_id, severity, state, raised_at, acked_by, message, facts_json)"
                        + " VALUES ('k', 'r', 'MAJOR', 'RAISED', CURRENT_TIMESTAMP, '', 'm', '{}')");
            }
            return null;
        });
        db.close();
        try (JdbcStore store = JdbcStore.open(TestStores.settings(Engine.DERBY, dir))) {
            Alert a = store.alerts().alerts(Set.of(), TimeRange.of(Instant.EPOCH, Instant.parse("9999-01-01T00:00:00Z"))).get(0);
            assertEquals(Severity.MAJOR, a.severity());
            assertEquals(Severity.MAJOR, a.raised().severity());
            assertTrue(a.escalated().isEmpty());
        }
    }

    @Test
    void aMigrationEditedAfterItWasAppliedIsRefused() {
        Database db = Database.open(TestStores.settings(Engine.DERBY, dir));
        try {
            new Migrations(List.of(Migrations.parse("V001__one.sql", "CREATE TABLE one (a INT);\n"))).migrate(db);
            Migrations edited = new Migrations(List.of(Migrations.parse("V001__one.sql", "CREATE TABLE one (a BIGINT);\n")));
            StoreException e = assertThrows(StoreException.class, () -> edited.migrate(db));
            assertTrue(e.getMessage().contains("migration V001__one.sql differs"), e.getMessage());
        } finally {
            db.close();
        }
    }

    @Test
    void aFailingMigrationLeavesNoTraceAndNamesItsStatement() {
        Database db = Database.open(TestStores.settings(Engine.DERBY, dir));
        try {
            Migrations broken = new Migrations(List.of(Migrations.parse("V001__broken.sql",
                    "CREATE TABLE half (a INT);\nCREATE TABLE oops (a NOSUCHTYPE);\n")));
            StoreException e = assertThrows(StoreException.class, () -> broken.migrate(db));
            assertTrue(e.getMessage().contains("V001__broken.sql statement 2 failed"), e.getMessage());
            assertFalse(db.inTransaction("list", MigrationsTest::tables).contains("HALF"));
        } finally {
            db.close();
        }
    }

    @Test
    void badlyNamedOrUnterminatedMigrationsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Migrations.parse("one.sql", "SELECT 1;\n"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Migrations.parse("V002__x.sql", "CREATE TABLE x (a INT)\n"));
        assertTrue(e.getMessage().contains("without `;`"));
    }

    /** The numbers in migrations.list, in order: they may have gaps (a number reserved for work landing later). */
    private static List<Integer> bundledVersions() throws java.io.IOException {
        try (var in = Migrations.class.getResourceAsStream("migrations/migrations.list")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .filter(l -> l.startsWith("V")).map(l -> Integer.parseInt(l.substring(1, l.indexOf("__")))).toList();
        }
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
