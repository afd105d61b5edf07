package io.tanhe.server.store.jdbc;

import io.tanhe.engine.rules.alert.Severity;
import io.tanhe.engine.time.Grain;
import io.tanhe.server.store.Event;
import io.tanhe.server.store.EventKind;
import io.tanhe.server.store.LateData;
import io.tanhe.server.store.NewAlert;
import io.tanhe.server.store.OutboxMessage;
import io.tanhe.server.store.StoreException;
import io.tanhe.server.store.StoredReading;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.tanhe.server.store.Samples.POWER;
import static io.tanhe.server.store.Samples.T0;
import static io.tanhe.server.store.Samples.minute;
import static io.tanhe.server.store.Samples.reading;
import static io.tanhe.server.store.Samples.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TableCopyTest {
    @TempDir
    Path dir;

    /** A store with rows in every table, revisions, nanosecond instants and ids with gaps. */
    private static void fill(JdbcStore store) {
        List<StoredReading> readings = new ArrayList<>();
        for (int i = 0; i < 12_000; i++) {
            readings.add(reading("p" + i % 5, T0.plusMillis(i * 1000L + 1).plusNanos(i % 1000), Integer.toString(i)));
        }
        store.readings().writeAll(readings.subList(0, 6000)).join();
        store.readings().writeAll(readings.subList(6000, 12_000)).join();
        for (int m = 0; m < 300; m++) {
            store.results().write(minute("E", "", T0.plus(Duration.ofMinutes(m)), m * 0.5)).join();
        }
        store.results().write(result("E", "", Grain.MINUTE, T0, 99.0, POWER, "recomputed")).join();
        store.alerts().raise(new NewAlert("a1", "rule", Severity.WARNING, T0, "message ünïcode 碳", "{}"));
        long second = store.alerts().raise(new NewAlert("a2", "rule", Severity.INFO, T0.plusSeconds(1), "m", "{}")).id();
        store.alerts().acknowledge(second, "operator", T0.plusSeconds(60));
        store.events().append(new Event(T0, EventKind.RESTART, "", "started", null));
        store.configs().save("site: a", "admin", T0, "first");
        store.configs().save("site: b", "admin", T0.plusSeconds(5), "second");
        store.outbox().enqueue(new OutboxMessage("c", "E", T0, T0.plusSeconds(60), "payload", "c/E/" + T0), T0);
        store.recomputeQueue().request(List.of(new LateData(LocalDate.of(2024, 3, 1), "p1", 3, T0)), T0);
    }

    @Test
    void aRoundTripDerbyToSqliteToPostgresqlGivesIdenticalChecksums() {
        StoreSettings derby = TestStores.settings(Engine.DERBY, dir.resolve("derby"));
        try (JdbcStore store = JdbcStore.open(derby)) {
            fill(store);
        }
        StoreSettings sqlite = TestStores.settings(Engine.SQLITE, dir.resolve("sqlite"));
        StoreSettings postgres = TestStores.settings(Engine.POSTGRESQL, dir.resolve("pg"));
        Map<String, TableCopy.TableSum> original = TableCopy.checksums(derby);
        TableCopy.Report first = TableCopy.migrate(derby, sqlite, TableCopy.Progress.QUIET);
        TableCopy.Report second = TableCopy.migrate(sqlite, postgres, TableCopy.Progress.QUIET);
        assertEquals(original, first.target());
        assertEquals(original, second.target());
        assertEquals(12_000, original.get("raw_reading").rows());
        assertEquals(1, original.get("result_revision").rows());
        try (JdbcStore store = JdbcStore.open(postgres)) {
            long id = store.alerts().raise(new NewAlert("a3", "rule", Severity.INFO, T0, "m", "{}")).id();
            assertTrue(id > 2, "a new alert continues after the copied ids: " + id);
            assertEquals(2, store.configs().latest().orElseThrow().version());
        }
    }

    @Test
    void anInterruptedMigrationRunAgainFinishesWithoutDuplicates() throws Exception {
        StoreSettings source = TestStores.settings(Engine.SQLITE, dir.resolve("a"));
        try (JdbcStore store = JdbcStore.open(source)) {
            fill(store);
        }
        StoreSettings target = TestStores.settings(Engine.SQLITE, dir.resolve("b"));
        TableCopy.migrate(source, target, TableCopy.Progress.QUIET);
        // As if the copy had stopped inside raw_reading and before result: drop the later half of both.
        try (Database db = Database.open(target); Connection c = db.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM raw_reading WHERE measured_at > (SELECT MIN(measured_at) + 5000000000000 FROM raw_reading)");
            s.executeUpdate("DELETE FROM result");
        }
        assertNotEquals(TableCopy.checksums(source), TableCopy.checksums(target));
        TableCopy.Report again = TableCopy.migrate(source, target, TableCopy.Progress.QUIET);
        assertTrue(again.identical(), again.toString());
    }

    @Test
    void derbyIsNoTargetOfAMigration() {
        StoreException e = assertThrows(StoreException.class, () -> TableCopy.migrate(
                TestStores.settings(Engine.SQLITE, dir.resolve("a")), TestStores.settings(Engine.DERBY, dir.resolve("b")),
                TableCopy.Progress.QUIET));
        assertTrue(e.getMessage().contains("cannot migrate into Derby"), e.getMessage());
    }
}
