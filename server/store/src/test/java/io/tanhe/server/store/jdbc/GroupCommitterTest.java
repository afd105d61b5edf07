package io.tanhe.server.store.jdbc;

import io.tanhe.server.store.IntakeRejectedException;
import io.tanhe.server.store.StoredReading;
import io.tanhe.server.store.TimeRange;
import io.tanhe.server.store.WriteOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static io.tanhe.server.store.Samples.T0;
import static io.tanhe.server.store.Samples.reading;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GroupCommitterTest {
    @TempDir
    Path dir;

    @Test
    void concurrentWritersAreAllAcknowledgedAndStoredOnceEach() throws Exception {
        int threads = 8;
        int perThread = 500;
        try (JdbcStore store = TestStores.open(Engine.DERBY, dir)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<CompletableFuture<WriteOutcome>> all = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int t = 0; t < threads; t++) {
                String point = "p" + t;
                pool.execute(() -> {
                    for (int i = 0; i < perThread; i++) {
                        all.add(store.readings().write(reading(point, T0.plusSeconds(i), String.valueOf(i))));
                        if (i % 100 == 0) {
                            // half the writers repeat a reading another write of theirs already carries
                            all.add(store.readings().write(reading(point, T0.plusSeconds(i), String.valueOf(i))));
                        }
                    }
                });
            }
            pool.shutdown();
            assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            long stored = all.stream().filter(f -> f.join() == WriteOutcome.STORED).count();
            assertEquals(threads * perThread, stored);
            assertEquals(threads * perThread, store.readings().count());
            assertEquals(threads * perThread + threads * 5L, store.health().acknowledged());
            assertEquals(perThread, store.readings().readings("p3", TimeRange.of(T0, T0.plusSeconds(perThread))).size());
        }
    }

    @Test
    void aFullQueueBlocksTheWriterForTheTimeoutThenRejectsItAndTheQueuedWritesStillCommit() throws Exception {
        StoreSettings settings = TestStores.settings(Engine.DERBY, dir).withQueue(10, Duration.ofMillis(300));
        TestStores.open(Engine.DERBY, dir).close();
        try (JdbcStore store = JdbcStore.open(settings);
             Connection blocker = Database.open(settings).connect()) {
            try (Statement s = blocker.createStatement()) {
                s.execute("LOCK TABLE raw_reading IN EXCLUSIVE MODE");
            }
            List<CompletableFuture<WriteOutcome>> queued = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                queued.add(store.readings().write(reading("p", T0.plusSeconds(i), "1")));
            }
            long start = System.nanoTime();
            CompletableFuture<WriteOutcome> refused = store.readings().write(reading("p", T0.plusSeconds(99), "1"));
            long blockedMs = (System.nanoTime() - start) / 1_000_000;
            CompletionException e = assertThrows(CompletionException.class, refused::join);
            IntakeRejectedException rejected = assertInstanceOf(IntakeRejectedException.class, e.getCause());
            assertEquals(IntakeRejectedException.Reason.BUSY, rejected.reason());
            assertTrue(blockedMs >= 250, "the caller blocked " + blockedMs + " ms");
            assertTrue(queued.stream().noneMatch(CompletableFuture::isDone), "nothing is acknowledged before its commit");
            blocker.commit();
            CompletableFuture.allOf(queued.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            assertEquals(10, store.readings().count());
        }
    }

    @Test
    void aWriteLargerThanTheQueueIsRefusedWithAHint() {
        StoreSettings settings = TestStores.settings(Engine.DERBY, dir).withQueue(10, Duration.ofMillis(100));
        TestStores.open(Engine.DERBY, dir).close();
        try (JdbcStore store = JdbcStore.open(settings)) {
            List<StoredReading> many = new ArrayList<>();
            for (int i = 0; i < 11; i++) {
                many.add(reading("p", T0.plusSeconds(i), "1"));
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.readings().writeAll(many));
            assertTrue(e.getMessage().contains("split it"), e.getMessage());
        }
    }

    @Test
    void closingCommitsWhatIsQueuedAndThenRejects() {
        JdbcStore store = TestStores.open(Engine.DERBY, dir);
        List<CompletableFuture<WriteOutcome>> queued = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            queued.add(store.readings().write(reading("p", T0.plusSeconds(i), "1")));
        }
        store.close();
        assertTrue(queued.stream().allMatch(f -> f.join() == WriteOutcome.STORED));
        CompletionException e = assertThrows(CompletionException.class,
                () -> store.readings().write(reading("p", T0, "1")).join());
        assertEquals(IntakeRejectedException.Reason.CLOSED, ((IntakeRejectedException) e.getCause()).reason());
        try (JdbcStore again = TestStores.open(Engine.DERBY, dir)) {
            assertEquals(200, again.readings().count());
        }
    }

    @Test
    void anErrorInTheWriterFailsItsBatchAndEveryLaterWriteInsteadOfLeavingThemWaiting() throws Exception {
        TestStores.open(Engine.SQLITE, dir).close();
        StoreSettings settings = TestStores.settings(Engine.SQLITE, dir);
        java.util.concurrent.atomic.AtomicBoolean broken = new java.util.concurrent.atomic.AtomicBoolean();
        GroupCommitter committer = new GroupCommitter(Database.open(settings), settings, () -> {
            if (broken.get()) {
                throw new OutOfMemoryError("test: the heap is exhausted");
            }
            return null;
        });
        committer.start();
        try {
            assertEquals(List.of(WriteOutcome.STORED),
                    committer.submitReadings(List.of(reading("p", T0, "1"))).get(10, TimeUnit.SECONDS));
            broken.set(true);
            CompletableFuture<List<WriteOutcome>> lost = committer.submitReadings(List.of(reading("p", T0.plusSeconds(1), "2")));
            java.util.concurrent.ExecutionException failed = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> lost.get(10, TimeUnit.SECONDS));
            assertInstanceOf(OutOfMemoryError.class, failed.getCause().getCause(), "the writer's error is the cause");
            CompletionException later = assertThrows(CompletionException.class,
                    () -> committer.submitReadings(List.of(reading("p", T0.plusSeconds(2), "3"))).join());
            IntakeRejectedException refused = assertInstanceOf(IntakeRejectedException.class, later.getCause());
            assertEquals(IntakeRejectedException.Reason.STOPPED, refused.reason());
            assertTrue(refused.getMessage().contains("restart the terminal"), refused.getMessage());
        } finally {
            committer.close();
        }
    }
}
