package io.tanhe.server.store.jdbc;

import io.tanhe.server.store.StoreException;
import io.tanhe.server.store.StoredReading;
import io.tanhe.server.store.TimeRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static io.tanhe.server.store.Samples.T0;
import static io.tanhe.server.store.Samples.minute;
import static io.tanhe.server.store.Samples.reading;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ParameterizedClass
@EnumSource(Engine.class)
class BackupRestoreTest {
    @Parameter
    Engine engine;

    @TempDir
    Path dir;

    @Test
    void anOnlineBackupTakenWhileWritingRestoresEverythingCommittedBeforeIt() {
        Path live = dir.resolve("live");
        Path backups = dir.resolve("backups");
        Path copy;
        try (JdbcStore store = TestStores.open(engine, live)) {
            List<StoredReading> first = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                first.add(reading("p", T0.plusSeconds(i), String.valueOf(i)));
            }
            store.readings().writeAll(first).join();
            store.results().write(minute("E", "", T0, 1.5)).join();
            store.configs().save("site: a", "admin", T0, "");
            List<CompletableFuture<?>> during = new ArrayList<>();
            for (int i = 1000; i < 1200; i++) {
                during.add(store.readings().write(reading("p", T0.plusSeconds(i), String.valueOf(i))));
            }
            copy = store.backup(backups);
            CompletableFuture.allOf(during.toArray(CompletableFuture[]::new)).join();
            store.readings().write(reading("p", T0.plusSeconds(5000), "5000")).join();
            assertThrows(StoreException.class, () -> store.backup(backups), "a backup is never overwritten");
        }
        assertTrue(Files.exists(copy), copy.toString());

        Path restored = dir.resolve("restored");
        try (JdbcStore store = JdbcStore.restore(copy, TestStores.settings(engine, restored))) {
            long n = store.readings().count();
            assertTrue(n >= 1000 && n <= 1200, "readings in the backup: " + n);
            assertTrue(store.readings().readings("p", TimeRange.of(T0.plusSeconds(5000), T0.plusSeconds(5001))).isEmpty());
            assertEquals(1, store.results().count());
            assertEquals("site: a", store.configs().latest().orElseThrow().content());
            store.readings().write(reading("p", T0.plusSeconds(6000), "1")).join();
        }
        try (JdbcStore store = JdbcStore.restore(copy, TestStores.settings(engine, live))) {
            assertTrue(store.readings().readings("p", TimeRange.of(T0.plusSeconds(5000), T0.plusSeconds(5001))).isEmpty(),
                    "restoring over a store replaces it");
        }
    }

    @Test
    void restoringFromSomethingThatIsNoBackupSaysWhatToGive() {
        StoreException e = assertThrows(StoreException.class,
                () -> JdbcStore.restore(dir.resolve("nothing"), TestStores.settings(engine, dir.resolve("x"))));
        assertTrue(e.getMessage().startsWith("no ") && e.getMessage().contains("backup"), e.getMessage());
    }
}
