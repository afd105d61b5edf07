package io.tanhe.server.uplink.outbox;

import io.tanhe.server.store.Outbox;
import io.tanhe.server.store.OutboxEntry;
import io.tanhe.server.store.OutboxMessage;

import java.time.Instant;
import java.util.List;

/**
 * The store's outbox with the uplink's calls made one at a time. Concurrent outbox transactions of
 * several centre threads and a manual backfill made embedded Derby fail with lock timeouts
 * (SQLState 40XL1) in the tests; each call is a short local transaction, never network I/O, so taking
 * them in turn costs a centre nothing it would notice and never lets one centre's outage delay another.
 */
public final class SerializedOutbox implements Outbox {
    private final Outbox outbox;

    /** Serializes calls to {@code outbox}. */
    public SerializedOutbox(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public synchronized boolean enqueue(OutboxMessage message, Instant at) {
        return outbox.enqueue(message, at);
    }

    @Override
    public synchronized List<OutboxEntry> due(String centreId, Instant now, int limit) {
        return outbox.due(centreId, now, limit);
    }

    @Override
    public synchronized void acknowledge(long id, Instant at) {
        outbox.acknowledge(id, at);
    }

    @Override
    public synchronized void retryLater(long id, Instant nextAttempt, String error) {
        outbox.retryLater(id, nextAttempt, error);
    }

    @Override
    public synchronized long pending(String centreId) {
        return outbox.pending(centreId);
    }
}
