package io.tanhe.server.store.jdbc;

import io.tanhe.server.store.IntakeRejectedException;
import io.tanhe.server.store.StoreException;
import io.tanhe.server.store.StoreHealth;
import io.tanhe.server.store.StoredReading;
import io.tanhe.server.store.WriteOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static io.tanhe.server.store.Samples.T0;
import static io.tanhe.server.store.Samples.reading;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A full disk stops intake with a clear health signal, damages nothing, and intake continues once space is
 * back, on both embedded engines (a PostgreSQL server watches its own disk).
 */
@ParameterizedClass
@EnumSource(value = Engine.class, names = {"SQLITE", "DERBY"})
class DiskFullTest {
    @Parameter
    Engine engine;

    @TempDir
    Path tmp;
    TinyDisk disk;

    @BeforeEach
    void mount() throws Exception {
        disk = TinyDisk.mount(tmp.resolve("tiny"), 24);
        assumeTrue(disk != null, () -> TinyDisk.whyNot);
    }

    @AfterEach
    void unmount() throws Exception {
        if (disk != null) {
            disk.close();
        }
    }

    /** Writes batches of readings until one fails; returns the keys acknowledged and the failure. */
    private static RuntimeException writeUntilRefused(JdbcStore store, Set<String> acknowledged) {
        for (int batch = 0; batch < 100_000; batch++) {
            List<StoredReading> readings = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                long n = batch * 100L + i;
                readings.add(reading("p" + n % 5, T0.plusMillis(n), Long.toString(n)));
            }
            try {
                store.readings().writeAll(readings).join();
                readings.forEach(r -> acknowledged.add(r.idempotencyKey()));
            } catch (CompletionException e) {
                return (RuntimeException) e.getCause();
            }
        }
        throw new AssertionError("the disk never filled up");
    }

    private static void assertAllStored(JdbcStore store, Set<String> acknowledged) {
        Set<String> stored = new HashSet<>();
        store.readings().scan(io.tanhe.server.store.ReadingFilter.of(io.tanhe.server.store.TimeRange.of(T0, T0.plusSeconds(86_400))),
                r -> stored.add(r.idempotencyKey()));
        Set<String> missing = new HashSet<>(acknowledged);
        missing.removeAll(stored);
        assertEquals(Set.of(), missing, "acknowledged but lost");
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void belowTheReserveIntakeStopsWithAHealthSignalAndResumesByItselfWhenSpaceIsFreed() throws Exception {
        Path dir = disk.root.resolve("store");
        StoreSettings settings = TestStores.settings(engine, dir).withMinFreeBytes(4L << 20);
        List<StoreHealth> signals = new CopyOnWriteArrayList<>();
        Set<String> acknowledged = new HashSet<>();
        try (JdbcStore store = JdbcStore.open(settings)) {
            store.onHealthChange(signals::add);
            Path filler = disk.fillLeaving(5L << 20);
            RuntimeException refused = writeUntilRefused(store, acknowledged);

            IntakeRejectedException rejected = (IntakeRejectedException) refused;
            assertEquals(IntakeRejectedException.Reason.STOPPED, rejected.reason());
            assertTrue(rejected.getMessage().contains("below the reserve of 4096 KiB"), rejected.getMessage());
            assertEquals(StoreHealth.State.INTAKE_STOPPED, store.health().state());
            assertEquals(StoreHealth.State.INTAKE_STOPPED, signals.get(0).state());
            assertTrue(acknowledged.size() > 0);
            assertAllStored(store, acknowledged);

            Files.delete(filler);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!store.health().ok() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(StoreHealth.State.OK, store.health().state(), "intake resumes once space is free");
            assertEquals(WriteOutcome.STORED, store.readings().write(reading("after", T0, "1")).join());
        }
        try (JdbcStore store = JdbcStore.open(settings)) {
            assertAllStored(store, acknowledged);
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void runningIntoAFullDiskLosesNothingAcknowledgedAndResumesOnceSpaceIsFreed() throws Exception {
        Path dir = disk.root.resolve("store");
        StoreSettings settings = TestStores.settings(engine, dir).withMinFreeBytes(0);
        Set<String> acknowledged = new HashSet<>();
        try (JdbcStore store = JdbcStore.open(settings)) {
            Path filler = disk.fillLeaving(1L << 20);
            RuntimeException failed = writeUntilRefused(store, acknowledged);
            assertTrue(failed instanceof StoreException, failed.toString());
            assertEquals(StoreHealth.State.INTAKE_STOPPED, store.health().state());
            assertTrue(store.health().detail().contains("is full"), store.health().detail());
            CompletionException refused = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                    () -> store.readings().write(reading("while-full", T0, "1")).join());
            assertEquals(IntakeRejectedException.Reason.STOPPED, ((IntakeRejectedException) refused.getCause()).reason());

            Files.delete(filler);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!store.health().ok() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(StoreHealth.State.OK, store.health().state(), "the engine recovers once space is free");
            assertAllStored(store, acknowledged);
            assertEquals(WriteOutcome.STORED, store.readings().write(reading("after", T0, "1")).join());
        }
        try (JdbcStore store = JdbcStore.open(settings)) {
            assertAllStored(store, acknowledged);
            assertEquals(1, store.readings().readings("after", io.tanhe.server.store.TimeRange.of(T0, T0.plusSeconds(1))).size());
        }
    }
}
