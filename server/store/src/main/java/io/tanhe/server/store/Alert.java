package io.tanhe.server.store;

import io.tanhe.engine.rules.alert.Severity;

import java.time.Instant;
import java.util.Optional;

/**
 * A stored alert.
 *
 * @param id             the store's id
 * @param raised         what was raised (with the severity it was raised with)
 * @param state          where it is now
 * @param severity       its current severity: the raised one, or the one it escalated to
 * @param acknowledgedAt when an operator acknowledged it; null when nobody has
 * @param acknowledgedBy who acknowledged it; empty when nobody has
 * @param acknowledgeComment what the operator wrote when acknowledging it; empty when nothing
 * @param escalatedAt    when it escalated to {@code severity}; null when it has not
 * @param clearedAt      when the condition ended; null while it holds
 */
public record Alert(long id, NewAlert raised, AlertState state, Severity severity, Instant acknowledgedAt,
                    String acknowledgedBy, String acknowledgeComment, Instant escalatedAt, Instant clearedAt) {

    public Alert {
        acknowledgeComment = acknowledgeComment == null ? "" : acknowledgeComment;
    }

    /** When an operator acknowledged it, if anyone did. */
    public Optional<Instant> acknowledged() {
        return Optional.ofNullable(acknowledgedAt);
    }

    /** When it escalated, if it did. */
    public Optional<Instant> escalated() {
        return Optional.ofNullable(escalatedAt);
    }

    /** When the condition ended, if it did. */
    public Optional<Instant> cleared() {
        return Optional.ofNullable(clearedAt);
    }
}
