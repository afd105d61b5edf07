package io.tanhe.server.store.derby;

import io.tanhe.server.store.StoreException;
import io.tanhe.server.store.StoredReading;
import io.tanhe.server.store.TimeRange;
import org.junit.jupiter.api.Test;
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

class BackupRestoreTest {
    @TempDir
    Path dir;

    @Test
    void anOnlineBackupTakenWhileWritingRestoresEverythingCommittedBeforeIt() {
        Path live = dir.resolve("live");
        Path backups = dir.resolve("backups");
        Path copy;
        try (DerbyStore store = TestStores.open(live)) {
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
        assertTrue(Files.isRegularFile(copy.resolve("service.properties")));

        Path restored = dir.resolve("restored");
        try (DerbyStore store = DerbyStore.restore(copy, TestStores.settings(restored))) {
            long n = store.readings().count();
            assertTrue(n >= 1000 && n <= 1200, "readings in the backup: " + n);
            assertTrue(store.readings().readings("p", TimeRange.of(T0.plusSeconds(5000), T0.plusSeconds(5001))).isEmpty());
            assertEquals(1, store.results().count());
            assertEquals("site: a", store.configs().latest().orElseThrow().content());
            store.readings().write(reading("p", T0.plusSeconds(6000), "1")).join();
        }
        try (DerbyStore store = DerbyStore.restore(copy, TestStores.settings(live))) {
            assertTrue(store.readings().readings("p", TimeRange.of(T0.plusSeconds(5000), T0.plusSeconds(5001))).isEmpty(),
                    "restoring over a store replaces it");
        }
    }

    @Test
    void restoringFromSomethingThatIsNoBackupSaysWhatToGive() {
        StoreException e = assertThrows(StoreException.class,
                () -> DerbyStore.restore(dir.resolve("nothing"), TestStores.settings(dir.resolve("x"))));
        assertTrue(e.getMessage().contains("no Derby backup in"), e.getMessage());
    }
}
