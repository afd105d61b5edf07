package io.tanhe.engine.rules.alert;

import io.tanhe.engine.rules.fact.RuleFact;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An alert as a value: one state of its life. Every transition produces a new value with the same
 * id. All times are measurement times (the session's pseudo clock), so a replay yields equal values.
 *
 * @param id             stable id, derived from name, subject and raise time (equal on replay)
 * @param name           what is alerted, e.g. {@code threshold/boiler1-flow-high}, {@code data-gap}
 * @param rule           the DRL rule that raised it
 * @param subject        what it is about, e.g. {@code coal_burned[unit1]}
 * @param severity       the current severity (raised by escalation)
 * @param message        the text for the operator
 * @param raisedAt       when the condition started to count as an alert
 * @param acknowledgedAt when an operator acknowledged it; null if not yet
 * @param acknowledgedBy who acknowledged it; null if not yet
 * @param escalatedAt    when it was escalated; null if not
 * @param clearedAt      when the condition ended; null while active
 * @param triggers       the facts that matched when it was raised
 */
public record Alert(String id, String name, String rule, String subject, Severity severity, String message,
                    Instant raisedAt, Instant acknowledgedAt, String acknowledgedBy, Instant escalatedAt,
                    Instant clearedAt, List<RuleFact> triggers) {

    public Alert {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(raisedAt, "raisedAt");
        triggers = List.copyOf(triggers);
    }

    public boolean active() {
        return clearedAt == null;
    }

    public boolean acknowledged() {
        return acknowledgedAt != null;
    }

    public boolean escalated() {
        return escalatedAt != null;
    }

    Alert acknowledge(Instant at, String by) {
        return new Alert(id, name, rule, subject, severity, message, raisedAt, at, by, escalatedAt, clearedAt, triggers);
    }

    Alert escalate(Instant at) {
        return new Alert(id, name, rule, subject, severity.next(), message, raisedAt, acknowledgedAt, acknowledgedBy,
                at, clearedAt, triggers);
    }

    Alert clear(Instant at) {
        return new Alert(id, name, rule, subject, severity, message, raisedAt, acknowledgedAt, acknowledgedBy,
                escalatedAt, at, triggers);
    }
}
