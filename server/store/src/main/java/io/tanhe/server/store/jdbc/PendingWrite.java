package io.tanhe.server.store.jdbc;

import io.tanhe.server.store.BucketResult;
import io.tanhe.server.store.StoredReading;
import io.tanhe.server.store.WriteOutcome;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Writes waiting in the group committer's queue, with the future that completes after their commit.
 * Holds readings or results (one list is empty).
 */
record PendingWrite(List<StoredReading> readings, List<BucketResult> results,
                    CompletableFuture<List<WriteOutcome>> done) {

    static PendingWrite ofReadings(List<StoredReading> readings) {
        return new PendingWrite(List.copyOf(readings), List.of(), new CompletableFuture<>());
    }

    static PendingWrite ofResults(List<BucketResult> results) {
        return new PendingWrite(List.of(), List.copyOf(results), new CompletableFuture<>());
    }

    /** Rows this write occupies in the queue. */
    int rows() {
        return readings.size() + results.size();
    }
}
