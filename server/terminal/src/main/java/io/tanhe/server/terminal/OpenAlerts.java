package io.tanhe.server.terminal;

import io.tanhe.server.evaluation.Replay;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tanhe.server.store.Alert;
import io.tanhe.server.store.AlertState;
import io.tanhe.server.store.AlertStore;
import io.tanhe.server.store.TimeRange;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * The rules' alerts that were open when the terminal stopped, read back from the store as the rules'
 * own values (same id, name, subject, severity, acknowledgement and escalation), for
 * {@link io.tanhe.engine.rules.RulesEngine#restore}. Alerts the terminal raised itself (storage) carry no
 * subject and are left out: no rule clears them.
 */
final class OpenAlerts {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An open alert: the store's id and the rules' value. */
    record Open(long storeId, io.tanhe.engine.rules.alert.Alert alert) {
    }

    private OpenAlerts() {
    }

    /** The open rule alerts of {@code store}, oldest first. */
    static List<Open> of(AlertStore store) {
        List<Alert> open = new ArrayList<>(store.alerts(EnumSet.of(AlertState.RAISED, AlertState.ACKNOWLEDGED),
                TimeRange.of(Instant.EPOCH, Replay.END_OF_TIME)));
        Collections.reverse(open);
        List<Open> out = new ArrayList<>(open.size());
        for (Alert a : open) {
            ruleAlert(a).ifPresent(r -> out.add(new Open(a.id(), r)));
        }
        return List.copyOf(out);
    }

    /** The rules' value of stored alert {@code a}; empty when the rules did not raise it. */
    static Optional<io.tanhe.engine.rules.alert.Alert> ruleAlert(Alert a) {
        JsonNode facts;
        try {
            facts = JSON.readTree(a.raised().factsJson());
        } catch (IOException e) {
            return Optional.empty();
        }
        JsonNode subject = facts.get(AlertRecorder.SUBJECT);
        if (subject == null || !subject.isTextual()) {
            return Optional.empty();
        }
        JsonNode rule = facts.get(AlertRecorder.RULE);
        return Optional.of(new io.tanhe.engine.rules.alert.Alert(a.raised().dedupKey(), a.raised().ruleId(),
                rule == null || rule.isNull() ? "" : rule.asText(), subject.asText(), a.severity(), a.raised().message(),
                a.raised().raisedAt(), a.acknowledgedAt(), a.acknowledgedAt() == null ? null : a.acknowledgedBy(),
                a.escalatedAt(), null, List.of()));
    }
}
