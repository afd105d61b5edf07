package io.tanhe.server.store;

/** What a durable write did. Every outcome means the data is committed. */
public enum WriteOutcome {
    /** New data, now stored. */
    STORED,
    /** A result for a bucket that had another value: the new value is current, the old one a revision. */
    REVISED,
    /** Already stored (same idempotency key, or the same result figure): nothing changed. */
    UNCHANGED
}
