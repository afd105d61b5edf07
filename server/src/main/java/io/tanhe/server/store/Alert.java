package io.tanhe.server.store;

import java.time.Instant;
import java.util.Optional;

/**
 * A stored alert.
 *
 * @param id             the store's id
 * @param raised         what was raised
 * @param state          where it is now
 * @param acknowledgedAt when an operator acknowledged it; null when nobody has
 * @param acknowledgedBy who acknowledged it; empty when nobody has
 * @param clearedAt      when the condition ended; null while it holds
 */
public record Alert(long id, NewAlert raised, AlertState state, Instant acknowledgedAt, String acknowledgedBy,
                    Instant clearedAt) {

    /** When an operator acknowledged it, if anyone did. */
    public Optional<Instant> acknowledged() {
        return Optional.ofNullable(acknowledgedAt);
    }

    /** When the condition ended, if it did. */
    public Optional<Instant> cleared() {
        return Optional.ofNullable(clearedAt);
    }
}
