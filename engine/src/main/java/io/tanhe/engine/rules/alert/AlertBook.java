package io.tanhe.engine.rules.alert;

import io.tanhe.engine.rules.clock.MeasurementClock;
import io.tanhe.engine.rules.fact.RuleFact;
import org.kie.api.runtime.rule.RuleContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * The active alerts and their lifecycle. Rules reach it as the global {@code alerts}:
 * {@code alerts.raise(kcontext, "name", subject, Severity.WARNING, "message")} while a condition
 * holds and {@code alerts.clear(kcontext, "name", subject)} when it ends. Raising an alert that is
 * already active changes nothing, so a rule may say it on every matching fact.
 *
 * <p>An alert is identified by its name and subject. It escalates (severity one step up, once) when
 * it stays active and unacknowledged for its escalation time; an acknowledged alert does not
 * escalate, because someone is already on it.
 *
 * <p>Not thread-safe: the rules engine calls it under its own lock.
 */
public final class AlertBook {
    private static final Logger LOG = LoggerFactory.getLogger(AlertBook.class);

    private record Key(String name, String subject) {
        // Written out: looked up per threshold check, and the record's generated methods are slow under C1.
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && name.equals(k.name) && subject.equals(k.subject);
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + subject.hashCode();
        }
    }

    private static final class Entry {
        Alert alert;
        final long escalateAtMillis;

        Entry(Alert alert, long escalateAtMillis) {
            this.alert = alert;
            this.escalateAtMillis = escalateAtMillis;
        }
    }

    private final MeasurementClock clock;
    private final Duration defaultEscalation;
    private final Map<Key, Entry> active = new LinkedHashMap<>();
    private final Map<String, Key> byId = new LinkedHashMap<>();
    private final List<AlertListener> listeners = new CopyOnWriteArrayList<>();
    private long nextEscalationMillis = Long.MAX_VALUE;

    /**
     * @param clock             the session's measurement clock
     * @param defaultEscalation how long an unacknowledged alert may stay active before it escalates;
     *                          null for never (a threshold may set its own)
     */
    public AlertBook(MeasurementClock clock, Duration defaultEscalation) {
        this.clock = clock;
        this.defaultEscalation = defaultEscalation;
    }

    public void addListener(AlertListener listener) {
        listeners.add(listener);
    }

    public void removeListener(AlertListener listener) {
        listeners.remove(listener);
    }

    /** From a rule: the condition {@code name} holds for {@code subject}; the matched facts become the triggers. */
    public void raise(RuleContext context, String name, String subject, Severity severity, String message) {
        raise(context.getRule().getName(), name, subject, severity, message, triggersOf(context), null);
    }

    /** From a rule: the condition {@code name} no longer holds for {@code subject}. */
    public void clear(RuleContext context, String name, String subject) {
        clear(name, subject);
    }

    /** True while the alert {@code name} on {@code subject} is active. */
    public boolean isActive(String name, String subject) {
        return active.containsKey(new Key(name, subject));
    }

    /**
     * Raises an alert unless it is already active.
     *
     * @param escalateAfter this alert's escalation time; null for the book's default
     * @return true when a new alert was raised
     */
    public boolean raise(String rule, String name, String subject, Severity severity, String message,
                         List<RuleFact> triggers, Duration escalateAfter) {
        Key key = new Key(name, subject);
        if (active.containsKey(key)) {
            return false;
        }
        Instant now = clock.now();
        Alert alert = new Alert(idOf(name, subject, now), name, rule, subject, severity, message, now,
                null, null, null, null, triggers);
        Duration escalation = escalateAfter != null ? escalateAfter : defaultEscalation;
        long escalateAt = escalation == null ? Long.MAX_VALUE : now.plus(escalation).toEpochMilli();
        active.put(key, new Entry(alert, escalateAt));
        byId.put(alert.id(), key);
        nextEscalationMillis = Math.min(nextEscalationMillis, escalateAt);
        publish(Transition.RAISED, alert);
        return true;
    }

    /**
     * Takes back an alert that was active before a restart, as it was (severity, acknowledgement,
     * escalation), without telling the listeners: they recorded it the first time. It escalates, if
     * it has not, at its raise time plus its escalation time, and is not cleared by data measured
     * before its raise time.
     *
     * @param escalateAfter this alert's escalation time; null for the book's default
     * @return false when an alert of that name and subject is already active (nothing changes)
     */
    public boolean restore(Alert alert, Duration escalateAfter) {
        Key key = new Key(alert.name(), alert.subject());
        if (active.containsKey(key) || !alert.active()) {
            return false;
        }
        Duration escalation = escalateAfter != null ? escalateAfter : defaultEscalation;
        long escalateAt = escalation == null ? Long.MAX_VALUE : alert.raisedAt().plus(escalation).toEpochMilli();
        active.put(key, new Entry(alert, escalateAt));
        byId.put(alert.id(), key);
        if (!alert.escalated() && !alert.acknowledged()) {
            nextEscalationMillis = Math.min(nextEscalationMillis, escalateAt);
        }
        LOG.info("alert restored id={} name={} subject={} severity={} acknowledged={} escalated={}", alert.id(), alert.name(),
                alert.subject(), alert.severity(), alert.acknowledged(), alert.escalated());
        return true;
    }

    /**
     * Clears the alert {@code name} on {@code subject} if it is active.
     *
     * @return true when an alert was cleared
     */
    public boolean clear(String name, String subject) {
        Entry entry = active.get(new Key(name, subject));
        if (entry == null || clock.now().isBefore(entry.alert.raisedAt())) {
            // a restart replays data from before a restored alert was raised: that cannot end it
            return false;
        }
        end(entry);
        return true;
    }

    /** Clears every active alert the predicate selects (e.g. those of a threshold that was removed). */
    public void clearWhere(Predicate<Alert> which) {
        for (Entry entry : List.copyOf(active.values())) {
            if (which.test(entry.alert)) {
                end(entry);
            }
        }
    }

    /**
     * Records that {@code by} acknowledged the active alert {@code id}.
     *
     * @return the acknowledged alert; empty when no active alert has that id (it may have cleared)
     */
    public Optional<Alert> acknowledge(String id, String by) {
        Key key = byId.get(id);
        if (key == null) {
            return Optional.empty();
        }
        Entry entry = active.get(key);
        if (entry.alert.acknowledged()) {
            return Optional.of(entry.alert);
        }
        entry.alert = entry.alert.acknowledge(clock.now(), by);
        publish(Transition.ACKNOWLEDGED, entry.alert);
        return Optional.of(entry.alert);
    }

    /** Escalates the alerts whose escalation time has come by {@code nowMillis}, at their exact due time. */
    public void escalateDue(long nowMillis) {
        if (nowMillis < nextEscalationMillis) {
            return;
        }
        long next = Long.MAX_VALUE;
        for (Entry entry : active.values()) {
            if (entry.alert.escalated() || entry.alert.acknowledged()) {
                continue;
            }
            if (entry.escalateAtMillis <= nowMillis) {
                entry.alert = entry.alert.escalate(Instant.ofEpochMilli(entry.escalateAtMillis));
                publish(Transition.ESCALATED, entry.alert);
            } else {
                next = Math.min(next, entry.escalateAtMillis);
            }
        }
        nextEscalationMillis = next;
    }

    /** The active alerts in the order they were raised. */
    public List<Alert> active() {
        List<Alert> list = new ArrayList<>(active.size());
        for (Entry e : active.values()) {
            list.add(e.alert);
        }
        return List.copyOf(list);
    }

    private void end(Entry entry) {
        active.remove(new Key(entry.alert.name(), entry.alert.subject()));
        byId.remove(entry.alert.id());
        Instant now = clock.now();
        publish(Transition.CLEARED, entry.alert.clear(now.isBefore(entry.alert.raisedAt()) ? entry.alert.raisedAt() : now));
    }

    private void publish(Transition transition, Alert alert) {
        LOG.info("alert {} id={} name={} subject={} severity={} at={}", transition, alert.id(), alert.name(),
                alert.subject(), alert.severity(), clock.now());
        AlertEvent event = new AlertEvent(transition, alert);
        for (AlertListener l : listeners) {
            try {
                l.onAlert(event);
            } catch (RuntimeException e) {
                LOG.error("alert listener {} failed on {} of alert {}; the rules go on", l, transition, alert.id(), e);
            }
        }
    }

    private static List<RuleFact> triggersOf(RuleContext context) {
        List<RuleFact> facts = new ArrayList<>(2);
        for (Object o : context.getMatch().getObjects()) {
            if (o instanceof RuleFact f) {
                facts.add(f);
            }
        }
        return facts;
    }

    /** Equal for equal name, subject and raise time, so that a replay reproduces the ids. */
    private static String idOf(String name, String subject, Instant raisedAt) {
        String seed = name + '\n' + subject + '\n' + raisedAt;
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
