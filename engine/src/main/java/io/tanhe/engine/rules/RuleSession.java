package io.tanhe.engine.rules;

import io.tanhe.engine.rules.alert.AlertBook;
import io.tanhe.engine.rules.clock.MeasurementClock;
import io.tanhe.engine.rules.fact.BucketResultFact;
import io.tanhe.engine.rules.fact.FactorFact;
import io.tanhe.engine.rules.fact.GapFact;
import io.tanhe.engine.rules.fact.ObservationFact;
import io.tanhe.engine.rules.fact.RuleFact;
import io.tanhe.engine.rules.fact.Slot;
import io.tanhe.engine.rules.fact.PeriodChangeFact;
import io.tanhe.engine.rules.verification.Findings;
import io.tanhe.engine.rules.fact.VerificationLimit;
import io.tanhe.engine.rules.fact.SourceSwitchFact;
import io.tanhe.engine.rules.fact.CalibrationFact;
import io.tanhe.engine.rules.threshold.Threshold;
import io.tanhe.engine.rules.threshold.ThresholdTracker;
import io.tanhe.engine.rules.validation.Verdicts;
import org.drools.core.common.InternalFactHandle;
import org.kie.api.KieServices;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.conf.ClockTypeOption;
import org.kie.api.runtime.rule.FactHandle;
import org.kie.api.time.SessionPseudoClock;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One stateful Drools session on a pseudo clock, with the working-memory policy: one fact per
 * {@link Slot} (a newer fact replaces the older one after the rules have seen both) and one fact per
 * threshold id. Not thread-safe; {@link RulesEngine} serialises calls.
 */
final class RuleSession implements AutoCloseable {

    private record Held(FactHandle handle, long order) {
    }

    private final KieSession session;
    private final SessionPseudoClock pseudoClock;
    private final MeasurementClock clock;
    private final Map<Slot, Held> slots = new LinkedHashMap<>();
    private final Map<String, FactHandle> thresholds = new LinkedHashMap<>();
    private long pseudoMillis;

    RuleSession(CompiledRules rules, MeasurementClock clock, AlertBook alerts, Verdicts verdicts,
                ThresholdTracker tracker, Findings findings) {
        KieSessionConfiguration conf = KieServices.get().newKieSessionConfiguration();
        conf.setOption(ClockTypeOption.PSEUDO);
        this.session = rules.base().newKieSession(conf, null);
        this.pseudoClock = session.getSessionClock();
        this.clock = clock;
        session.setGlobal("alerts", alerts);
        session.setGlobal("verdicts", verdicts);
        session.setGlobal("thresholds", tracker);
        session.setGlobal("findings", findings);
        syncClock();
    }

    /** Moves the session's pseudo clock to the measurement clock. */
    void syncClock() {
        long target = clock.millis();
        if (target > pseudoMillis) {
            pseudoClock.advanceTime(target - pseudoMillis, TimeUnit.MILLISECONDS);
            pseudoMillis = target;
        }
    }

    /**
     * Inserts {@code fact}, fires the rules, then keeps only the newer of it and the fact already in
     * its slot (so rules can compare a reading with the previous one of the same point). A fact a
     * validation rule rejected is already gone; the previous one stays.
     */
    void insert(RuleFact fact) {
        FactHandle handle = session.insert(fact);
        session.fireAllRules();
        if (((InternalFactHandle) handle).isValid()) { // else a validation rule deleted it
            keep(fact, handle);
        }
    }

    /** Keeps the newer of {@code fact} and the fact already in its slot. */
    private void keep(RuleFact fact, FactHandle handle) {
        Slot slot = fact.slot();
        long order = orderOf(fact);
        Held previous = slots.get(slot);
        if (previous != null && previous.order() > order) {
            session.delete(handle);
            return;
        }
        slots.put(slot, new Held(handle, order));
        if (previous != null) {
            session.delete(previous.handle());
        }
    }

    /**
     * Inserts {@code facts} (each of its own slot), fires the rules once for all of them, then keeps
     * the newer fact per slot as {@link #insert} does.
     */
    void insertAll(List<? extends RuleFact> facts) {
        FactHandle[] handles = new FactHandle[facts.size()];
        for (int i = 0; i < handles.length; i++) {
            handles[i] = session.insert(facts.get(i));
        }
        session.fireAllRules();
        for (int i = 0; i < handles.length; i++) {
            if (((InternalFactHandle) handles[i]).isValid()) {
                keep(facts.get(i), handles[i]);
            }
        }
    }

    /** Inserts or replaces the threshold with {@code t}'s id. Call {@link #fire} after a batch. */
    void putThreshold(Threshold t) {
        FactHandle h = thresholds.get(t.id());
        if (h == null) {
            thresholds.put(t.id(), session.insert(t));
        } else if (!session.getObject(h).equals(t)) {
            session.update(h, t);
        }
    }

    /** Removes the threshold {@code id}; true if there was one. */
    boolean removeThreshold(String id) {
        FactHandle h = thresholds.remove(id);
        if (h != null) {
            session.delete(h);
        }
        return h != null;
    }

    /** The ids of the thresholds in the session. */
    List<String> thresholdIds() {
        return List.copyOf(thresholds.keySet());
    }

    /** The threshold with this id, if the session has it. */
    Optional<Threshold> threshold(String id) {
        FactHandle h = thresholds.get(id);
        return h == null ? Optional.empty() : Optional.of((Threshold) session.getObject(h));
    }

    void fire() {
        session.fireAllRules();
    }

    /** Thresholds, then slotted facts in the order their slots were first filled: what a new session needs. */
    List<Object> facts() {
        List<Object> all = new ArrayList<>(thresholds.size() + slots.size());
        for (FactHandle h : thresholds.values()) {
            all.add(session.getObject(h));
        }
        for (Held held : slots.values()) {
            all.add(session.getObject(held.handle()));
        }
        return all;
    }

    /** Puts facts taken from another session with {@link #facts()}, then fires once. */
    void adopt(List<Object> facts) {
        for (Object o : facts) {
            if (o instanceof Threshold t) {
                thresholds.put(t.id(), session.insert(t));
            } else if (o instanceof RuleFact f) {
                slots.put(f.slot(), new Held(session.insert(f), orderOf(f)));
            }
        }
        session.fireAllRules();
    }

    long factCount() {
        return session.getFactCount();
    }

    @Override
    public void close() {
        session.dispose();
    }

    /** Which of two facts in a slot is newer: measurement time, or bucket start (a revision replaces). */
    private static long orderOf(RuleFact f) {
        return switch (f) {
            case ObservationFact o -> o.millis();
            case BucketResultFact b -> b.startMillis();
            case PeriodChangeFact c -> c.start().toEpochMilli();
            case SourceSwitchFact s -> s.at().toEpochMilli();
            case GapFact _, FactorFact _, CalibrationFact _, VerificationLimit _ -> Long.MIN_VALUE; // unordered: the latest arrival replaces the one before
        };
    }
}
