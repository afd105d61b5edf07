package io.tanhe.server.store;

import io.tanhe.engine.time.Grain;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Results per node, key, grain and bucket, with their revision history. Writes go through the group
 * committer with the durability and back-pressure of {@link ReadingStore}.
 *
 * <p>Writing a result for a bucket that has none stores it as revision 1. Writing a different figure
 * for a bucket makes it current and keeps the previous one as a revision. Writing the same figure
 * again (see {@link BucketResult#sameFigure}) changes nothing, so replays and imports are idempotent.
 */
public interface ResultStore {

    CompletableFuture<WriteOutcome> write(BucketResult result);

    CompletableFuture<List<WriteOutcome>> writeAll(List<BucketResult> results);

    /**
     * The current results of one node at one grain whose buckets start in {@code range}, in bucket
     * order (by key within a bucket).
     *
     * @param key only this key; empty for every key of the node
     */
    List<StoredResult> current(String nodeId, String key, Grain grain, TimeRange range);

    /**
     * Every value one bucket has had, oldest revision first, the current one last. Empty when the
     * bucket has no result.
     */
    List<StoredResult> revisions(String nodeId, String key, Grain grain, Instant bucketStart);

    /** Streams the current results that match {@code filter}, by bucket start. Returns how many. */
    long scan(ResultFilter filter, Consumer<StoredResult> sink);

    /**
     * Streams the earlier values (every revision but the current one) of the buckets that match {@code filter}, by
     * bucket start, node, key, grain and revision, without holding them in memory; with {@link #scan} it gives a
     * bucket's whole history (what an evidence bundle exports). Returns how many.
     */
    long scanRevisions(ResultFilter filter, Consumer<StoredResult> sink);

    /** How many buckets have a current result. */
    long count();
}
