package io.tanhe.server.terminal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tanhe.engine.rules.alert.Alert;
import io.tanhe.engine.rules.alert.AlertEvent;
import io.tanhe.engine.rules.alert.AlertListener;
import io.tanhe.server.store.AlertStore;
import io.tanhe.server.store.NewAlert;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps the rules' alerts in the store. The rules give an alert a stable id (name, subject and
 * raise time, all measurement time), used as the store's dedup key: a restart that replays the
 * open days raises the same alerts again and the store keeps one of each; clearing, acknowledging
 * and escalating twice keep the first time. The alert's subject and rule go into its facts document
 * ({@link #SUBJECT}, {@link #RULE}), from where {@link OpenAlerts} gives them back to the rules at the next start.
 */
final class AlertRecorder implements AlertListener {
    private static final Logger LOG = LoggerFactory.getLogger(AlertRecorder.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    static final String SUBJECT = "subject";
    static final String RULE = "rule";

    private final AlertStore store;

    AlertRecorder(AlertStore store) {
        this.store = store;
    }

    @Override
    public void onAlert(AlertEvent event) {
        Alert a = event.alert();
        long id = store.raise(newAlert(a)).id();
        switch (event.transition()) {
            case RAISED -> LOG.info("alert raised id={} name={} subject={} severity={}: {}", a.id(), a.name(), a.subject(),
                    a.severity(), a.message());
            case CLEARED -> {
                store.clear(id, a.clearedAt());
                LOG.info("alert cleared id={} name={} subject={}", a.id(), a.name(), a.subject());
            }
            case ACKNOWLEDGED -> store.acknowledge(id, a.acknowledgedBy() == null ? "rules" : a.acknowledgedBy(), a.acknowledgedAt());
            case ESCALATED -> {
                store.escalate(id, a.severity(), a.escalatedAt());
                LOG.warn("alert escalated id={} name={} subject={} severity={} at={} (unacknowledged since {})",
                        a.id(), a.name(), a.subject(), a.severity(), a.escalatedAt(), a.raisedAt());
            }
        }
    }

    private static NewAlert newAlert(Alert a) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put(SUBJECT, a.subject());
        facts.put(RULE, a.rule());
        facts.put("triggers", a.triggers().stream().map(Object::toString).toList());
        String json;
        try {
            json = JSON.writeValueAsString(facts);
        } catch (JsonProcessingException e) {
            json = "{}";
        }
        String message = a.message() == null || a.message().isBlank() ? a.name() + " on " + a.subject() : a.message();
        return new NewAlert(a.id(), a.name(), a.severity(), a.raisedAt(), message, json.length() > 30_000 ? "{}" : json);
    }
}
