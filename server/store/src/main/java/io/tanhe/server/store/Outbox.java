package io.tanhe.server.store;

import java.time.Instant;
import java.util.List;

/**
 * Messages for the data centres (section 7.2.4), kept until each centre acknowledges them. Every method
 * returns after a durable commit.
 */
public interface Outbox {

    /** Queues a message, due at once. Returns false (and stores nothing) when its idempotency key is already queued. */
    boolean enqueue(OutboxMessage message, Instant at);

    /**
     * The messages of one centre to send now, at most {@code limit}: for each indicator the pending
     * messages from its oldest period on, stopping at the first that is not due yet, so an indicator's
     * periods are always delivered in order. Grouped by indicator, in period order within each.
     */
    List<OutboxEntry> due(String centreId, Instant now, int limit);

    /** Marks a message delivered. */
    void acknowledge(long id, Instant at);

    /** Records a failed attempt: one more attempt, not before {@code nextAttempt}. */
    void retryLater(long id, Instant nextAttempt, String error);

    /** How many messages of the centre are not yet acknowledged. */
    long pending(String centreId);
}
