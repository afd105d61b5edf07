package io.tanhe.server.terminal.operations;

import io.tanhe.server.security.access.Actor;
import io.tanhe.server.security.audit.AuditEvent;
import io.tanhe.server.security.audit.AuditOutcome;
import io.tanhe.server.security.audit.AuditTrail;
import io.tanhe.server.store.Alert;
import io.tanhe.server.store.AlertFilter;
import io.tanhe.server.store.AlertState;
import io.tanhe.server.store.AlertStore;
import io.tanhe.server.store.Limits;

import java.time.Clock;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The operator's alert actions: list with filters, and acknowledge with a comment. An acknowledgement is
 * stored with who and when and the comment, told to the rules (so the alert does not escalate) and audited
 * as {@code alert.acknowledge}. Acknowledging an alert that is already acknowledged changes nothing and says
 * so: a client that repeats the request after a lost answer gets the same alert back.
 */
public final class AlertActions {
    private final AlertStore alerts;
    private final AuditTrail audit;
    private final Clock clock;
    private final BiConsumer<String, String> rules;

    /**
     * @param rules told {@code (alert dedup key, who)} after each new acknowledgement
     */
    public AlertActions(AlertStore alerts, AuditTrail audit, Clock clock, BiConsumer<String, String> rules) {
        this.alerts = alerts;
        this.audit = audit;
        this.clock = clock;
        this.rules = rules;
    }

    /** The most alerts one list returns. */
    public static final int MAX_LIMIT = 10_000;

    /**
     * The alerts {@code filter} selects, newest first, at most {@code limit} of them.
     *
     * @throws OperationRefused naming {@code limit} outside 1 … {@link #MAX_LIMIT}
     */
    public List<Alert> list(AlertFilter filter, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw OperationRefused.badInput("limit", "`limit` is " + limit + "; give 1 … " + MAX_LIMIT);
        }
        return alerts.alerts(filter).stream().limit(limit).toList();
    }

    /** What an acknowledgement did: the alert as stored, and whether this request acknowledged it or an earlier one had. */
    public record Acknowledged(Alert alert, boolean already) {
    }

    /**
     * Acknowledges alert {@code id} as {@code actor} with {@code comment}.
     *
     * @throws OperationRefused naming {@code id} for an unknown alert (404), {@code comment} for one too long (400)
     */
    public Acknowledged acknowledge(Actor actor, long id, String comment) {
        String note = comment == null ? "" : comment.strip();
        if (note.length() > Limits.ACK_COMMENT) {
            throw OperationRefused.badInput("comment", "the comment has " + note.length() + " characters; at most "
                    + Limits.ACK_COMMENT + " are kept");
        }
        if (note.chars().anyMatch(c -> c < 0x20 && c != '\n')) {
            throw OperationRefused.badInput("comment", "the comment holds control characters; write plain text (line breaks are fine)");
        }
        Alert before = alerts.alert(id).orElseThrow(() -> {
            record(actor, id, AuditOutcome.FAILURE, "no such alert");
            return new OperationRefused(OperationRefused.Reason.NOT_FOUND, "id", "no alert " + id
                    + "; GET /api/alerts?state=all (or tanhe alerts list --state all) lists them");
        });
        if (before.acknowledgedAt() != null) {
            return new Acknowledged(before, true);
        }
        Alert after = alerts.acknowledge(id, actor.name(), clock.instant(), note).orElseThrow();
        if (before.state() != AlertState.CLEARED) {
            rules.accept(after.raised().dedupKey(), actor.name());
        }
        record(actor, id, AuditOutcome.SUCCESS, after.raised().ruleId() + (note.isEmpty() ? "" : "; comment: " + note));
        return new Acknowledged(after, false);
    }

    private void record(Actor actor, long id, AuditOutcome outcome, String detail) {
        audit.record(new AuditEvent(clock.instant(), actor.name(), actor.role(), actor.source(), "alert.acknowledge",
                "alert " + id, outcome, detail.length() > 1500 ? detail.substring(0, 1500) + "…" : detail));
    }
}
