package io.tanhe.server.terminal;

import io.tanhe.server.evaluation.Replay;
import io.tanhe.server.store.EventKind;
import io.tanhe.server.store.TimeRange;
import io.tanhe.server.store.jdbc.StoreSettings;
import io.tanhe.server.store.jdbc.JdbcStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12, defect 2: a worker that died (the evaluation thread's OutOfMemoryError) left the process
 * running without evaluation and ending "stopped cleanly". Now the death is reported to the
 * terminal's failure listener (the CLI exits 70), shown by {@link Terminal#deadWorkers} (the status
 * API's {@code workers}) and recorded as a {@code WORKER_FAILURE} event.
 */
class WorkerFailureTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aWorkerThatDiesIsReportedShownAndRecordedAsAnEvent() throws Exception {
        Path data = dir.resolve("data");
        CompletableFuture<String> failure = new CompletableFuture<>();
        try (Terminal t = DemoRuns.open(dir.resolve("site"), data, UnaryOperator.identity(), DemoRuns.settings(data))) {
            t.onFailure(failure::complete);
            t.onAcknowledged(r -> {
                throw new OutOfMemoryError("Java heap space (simulated by the test)");
            });
            DemoRuns.simulate(t, DemoRuns.START, Duration.ofMinutes(1));
            String what = failure.get(30, TimeUnit.SECONDS);
            assertTrue(what.startsWith("worker tanhe-eval died: java.lang.OutOfMemoryError"), what);
            assertEquals(List.of("tanhe-eval"), List.copyOf(t.deadWorkers().keySet()));
        }
        try (JdbcStore store = JdbcStore.open(StoreSettings.at(data))) {
            List<String> failures = store.events().events(TimeRange.of(Instant.EPOCH, Replay.END_OF_TIME)).stream()
                    .filter(e -> e.event().kind() == EventKind.WORKER_FAILURE).map(e -> e.event().subject()).toList();
            assertEquals(List.of("tanhe-eval"), failures);
        }
    }

    @Test
    void workerThreadsAreRecognisedByName() {
        for (String worker : List.of("tanhe-eval", "tanhe-store-writer", "tanhe-recompute", "tanhe-poll-timer", "uplink-centre-a")) {
            assertTrue(Terminal.isWorker(worker), worker);
        }
        for (String other : List.of("tanhe-shutdown", "tanhe-summary", "main", "qtp123-45")) {
            assertTrue(!Terminal.isWorker(other), other);
        }
    }
}
