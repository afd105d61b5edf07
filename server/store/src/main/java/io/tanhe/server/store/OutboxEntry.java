package io.tanhe.server.store;

import java.time.Instant;

/**
 * A stored outbox message with its delivery state.
 *
 * @param id            the store's id
 * @param message       the message
 * @param status        pending or acknowledged
 * @param attempts      failed delivery attempts so far
 * @param nextAttemptAt when it may be tried (again)
 * @param ackedAt       when the centre acknowledged it; null while pending
 * @param lastError     the last delivery error; empty when none
 */
public record OutboxEntry(long id, OutboxMessage message, OutboxStatus status, int attempts, Instant nextAttemptAt,
                          Instant ackedAt, String lastError) {
}
