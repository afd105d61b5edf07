package io.tanhe.server.store;

/**
 * How long the store's durable group commits take, for the metrics: a Prometheus scraper derives the
 * mean write latency from the rate of {@code totalNanos} over the rate of {@code commits}.
 *
 * @param commits    group commits done since the store opened
 * @param rows       rows those commits wrote
 * @param totalNanos their summed duration (begin to durable commit)
 * @param lastNanos  the duration of the latest one; 0 before the first
 */
public record CommitTimes(long commits, long rows, long totalNanos, long lastNanos) {
    /** No commit yet (a store that does not time its commits). */
    public static final CommitTimes NONE = new CommitTimes(0, 0, 0, 0);
}
