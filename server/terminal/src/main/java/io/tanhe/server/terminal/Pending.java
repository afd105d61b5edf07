package io.tanhe.server.terminal;

import io.tanhe.server.site.PointBinding;
import io.tanhe.server.store.StoredReading;
import io.tanhe.server.store.WriteOutcome;

import java.util.concurrent.CompletableFuture;

/**
 * A reading handed to the store and waiting for evaluation, which happens only once its write is
 * durable.
 *
 * @param reading     the reading as stored
 * @param binding     the input key it feeds; null for a point that feeds none
 * @param written     completes when the store has committed it
 * @param submittedNs {@link System#nanoTime()} at intake, for latency figures
 */
record Pending(StoredReading reading, PointBinding binding, CompletableFuture<WriteOutcome> written, long submittedNs) {
}
