package io.tanhe.server.store;

import io.tanhe.engine.rules.alert.Severity;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Alerts and their life cycle. Every method returns after a durable commit. */
public interface AlertStore {

    /** Stores a raised alert and returns it; when its dedup key is already stored, returns that alert unchanged. */
    Alert raise(NewAlert alert);

    /**
     * Records that {@code who} acknowledged the alert. Acknowledging twice keeps the first.
     *
     * @return the alert after the change; empty when there is no alert with that id
     */
    default Optional<Alert> acknowledge(long id, String who, Instant at) {
        return acknowledge(id, who, at, "");
    }

    /**
     * Records that {@code who} acknowledged the alert, with the operator's {@code comment} (at most
     * {@link Limits#ACK_COMMENT} characters; may be empty). Acknowledging twice keeps the first, comment included.
     *
     * @return the alert after the change; empty when there is no alert with that id
     */
    Optional<Alert> acknowledge(long id, String who, Instant at, String comment);

    /**
     * Records that the alert escalated to {@code severity} at {@code at} (it stayed active and
     * unacknowledged too long). Escalating twice keeps the first severity and time, so a restart that
     * replays the escalation changes nothing; an alert already acknowledged does not escalate (someone
     * is on it — the rules' own rule, kept here too because an acknowledgement may reach the store first).
     *
     * @return the alert after the change; empty when there is no alert with that id
     */
    Optional<Alert> escalate(long id, Severity severity, Instant at);

    /** Records that the condition ended. Clearing twice keeps the first time. Empty when there is no such alert. */
    Optional<Alert> clear(long id, Instant at);

    Optional<Alert> alert(long id);

    /** Alerts in one of {@code states} (every state when empty) raised in {@code range}, newest first. */
    List<Alert> alerts(Set<AlertState> states, TimeRange range);

    /** The alerts {@code filter} selects, newest first. */
    default List<Alert> alerts(AlertFilter filter) {
        return alerts(filter.states(), filter.raised()).stream().filter(filter::test).toList();
    }
}
