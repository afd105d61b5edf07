package io.tanhe.server.store;

/** Delivery state of an outbox entry. There is no "given up": section 7.2.3 (6) resends until the centre acknowledges. */
public enum OutboxStatus {
    PENDING, ACKED
}
