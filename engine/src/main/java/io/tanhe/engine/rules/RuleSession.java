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
import io.tanhe.engine.time.Grain;
import org.drools.core.common.InternalFactHandle;
import org.kie.api.KieServices;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.conf.ClockTypeOption;
import org.kie.api.runtime.rule.FactHandle;
import org.kie.api.time.SessionPseudoClock;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One stateful Drools session on a pseudo clock, with the working-memory policy: one fact per
 * {@link Slot} (a newer fact replaces the older one after the rules have seen both) and one fact per
 * threshold id. A reading no rule can match ({@link FactInterest}) is held beside the session
 * instead of in it: it is still the latest of its slot, handed over on a reload and brought in when a
 * threshold comes to watch its point, but it costs no insert, delete or network pass. A bucket result
 * no rule can match is not kept at all (there is one per node, key and grain, 20,001 per grain at
 * 10,000 points, against one reading per point): it replaces the older figure of its slot, which
 * leaves the session, and a rule or threshold that comes to match such figures later sees the next
 * one. Not thread-safe; {@link RulesEngine} serialises calls.
 */
final class RuleSession implements AutoCloseable {

    /**
     * The latest fact of a slot, updated in place (no allocation per reading).
     * {@code handle} is null while the fact is held beside the session.
     */
    private static final class Held {
        FactHandle handle;
        RuleFact fact;
        long order;
        /** When the fact came in: the order the session would hold it in had it been inserted. */
        long arrival;

        Held(FactHandle handle, RuleFact fact, long order, long arrival) {
            this.handle = handle;
            this.fact = fact;
            this.order = order;
            this.arrival = arrival;
        }
    }

    private final KieSession session;
    private final SessionPseudoClock pseudoClock;
    private final MeasurementClock clock;
    private final FactInterest interest;
    private final Map<Slot, Held> slots = new LinkedHashMap<>();
    // The slots of scalar readings (key "") again, by the point's own string: the lookup compares
    // string references and allocates no Slot, which matters for every reading of 10,000 points.
    private final Map<String, Held> scalarReadings = new HashMap<>();
    private final Map<String, FactHandle> thresholds = new LinkedHashMap<>();
    /** Observation thresholds per target point: the points whose readings the threshold rule joins. */
    private final Map<String, Integer> watchedPoints = new HashMap<>();
    private final FactInterest.WatchedPoints watched = watchedPoints::containsKey;
    /** Bucket thresholds per target node and grain: the results the bucket threshold rule joins. */
    private final Map<String, int[]> watchedNodes = new HashMap<>();
    private final FactInterest.WatchedResults watchedResults = (node, grain) -> {
        int[] byGrain = watchedNodes.get(node);
        return byGrain != null && byGrain[grain.ordinal()] > 0;
    };
    private long pseudoMillis;
    private long arrivals;
    private int heldAside;
    /** Something changed in the session (the clock, a threshold) since the last fireAllRules. */
    private boolean unfired;
    /** A fact was deleted since the last fireAllRules. */
    private boolean deleted;

    RuleSession(CompiledRules rules, MeasurementClock clock, AlertBook alerts, Verdicts verdicts,
                ThresholdTracker tracker, Findings findings) {
        KieSessionConfiguration conf = KieServices.get().newKieSessionConfiguration();
        conf.setOption(ClockTypeOption.PSEUDO);
        this.session = rules.base().newKieSession(conf, null);
        this.pseudoClock = session.getSessionClock();
        this.clock = clock;
        this.interest = FactInterest.of(session);
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
            unfired = true;
        }
    }

    /**
     * Inserts {@code fact}, fires the rules, then keeps only the newer of it and the fact already in
     * its slot (so rules can compare a reading with the previous one of the same point). A fact a
     * validation rule rejected is already gone; the previous one stays. A reading no rule can match
     * is held beside the session; the rules fire only if something is pending (a moved clock, a
     * deleted fact), as they would have with it inserted. A bucket result no rule can match is not
     * kept: a newer one takes the older figure of its slot out of the session.
     */
    void insert(RuleFact fact) {
        if (fact instanceof ObservationFact o && !interest.matters(o, watched)) {
            fireIfPending();
            keepAside(o);
            return;
        }
        if (fact instanceof BucketResultFact r && !interest.matters(r, watchedResults)) {
            fireIfPending();
            passBy(r);
            return;
        }
        FactHandle handle = session.insert(fact);
        fire();
        if (((InternalFactHandle) handle).isValid()) { // else a validation rule deleted it
            keep(fact, handle);
        }
    }

    /** Keeps the newer of {@code fact} and the fact already in its slot. */
    private void keep(RuleFact fact, FactHandle handle) {
        long order = orderOf(fact);
        Held previous = heldFor(fact);
        if (previous == null) {
            add(fact, new Held(handle, fact, order, ++arrivals));
            return;
        }
        if (previous.order > order) {
            session.delete(handle);
            deleted = true;
            return;
        }
        release(previous);
        previous.handle = handle;
        previous.fact = fact;
        previous.order = order;
        previous.arrival = ++arrivals;
    }

    /** As {@link #keep}, for a reading no rule can match: it replaces the slot's fact but stays out of the session. */
    private void keepAside(ObservationFact o) {
        long order = o.millis();
        Held previous = heldFor(o);
        if (previous == null) {
            add(o, new Held(null, o, order, ++arrivals));
            heldAside++;
            return;
        }
        if (previous.order > order) {
            return;
        }
        release(previous);
        previous.handle = null;
        previous.fact = o;
        previous.order = order;
        previous.arrival = ++arrivals;
        heldAside++;
    }

    /**
     * What keeping {@code r} would have done to its slot, for a result no rule can match: a newer one
     * would have replaced the slot's fact, so that fact leaves the session, and the slot with it
     * (nothing of no interest is kept); an older one (a revision of an earlier bucket) changes nothing.
     */
    private void passBy(BucketResultFact r) {
        Slot slot = r.slot();
        Held previous = slots.get(slot);
        if (previous != null && previous.order <= r.startMillis()) {
            release(previous);
            slots.remove(slot);
        }
    }

    private Held heldFor(RuleFact fact) {
        return fact instanceof ObservationFact o && o.key().isEmpty() ? scalarReadings.get(o.point()) : slots.get(fact.slot());
    }

    /** Fills a new slot. */
    private void add(RuleFact fact, Held held) {
        slots.put(fact.slot(), held);
        if (fact instanceof ObservationFact o && o.key().isEmpty()) {
            scalarReadings.put(o.point(), held);
        }
    }

    /** Takes a slot's fact out of the session, or out of the count of those held aside. */
    private void release(Held held) {
        if (held.handle == null) {
            heldAside--;
        } else {
            session.delete(held.handle);
            deleted = true;
        }
    }

    /**
     * Inserts {@code facts} (each of its own slot), fires the rules once for all of them, then keeps
     * the newer fact per slot as {@link #insert} does; readings no rule can match are held aside.
     */
    void insertAll(List<? extends RuleFact> facts) {
        FactHandle[] handles = new FactHandle[facts.size()];
        boolean any = false;
        for (int i = 0; i < handles.length; i++) {
            RuleFact fact = facts.get(i);
            if (!(fact instanceof ObservationFact o) || interest.matters(o, watched)) {
                handles[i] = session.insert(fact);
                any = true;
            }
        }
        if (any) {
            fire();
        } else {
            fireIfPending();
        }
        for (int i = 0; i < handles.length; i++) {
            if (handles[i] == null) {
                keepAside((ObservationFact) facts.get(i));
            } else if (((InternalFactHandle) handles[i]).isValid()) {
                keep(facts.get(i), handles[i]);
            }
        }
    }

    /** Inserts or replaces the threshold with {@code t}'s id. Call {@link #fire} after a batch. */
    void putThreshold(Threshold t) {
        FactHandle h = thresholds.get(t.id());
        if (h == null) {
            watch(t);
            thresholds.put(t.id(), session.insert(t));
        } else {
            Threshold before = (Threshold) session.getObject(h);
            if (!before.equals(t)) {
                watch(t);
                unwatch(before);
                session.update(h, t);
            }
        }
        unfired = true;
    }

    /** Removes the threshold {@code id}; true if there was one. */
    boolean removeThreshold(String id) {
        FactHandle h = thresholds.remove(id);
        if (h != null) {
            unwatch((Threshold) session.getObject(h));
            session.delete(h);
            deleted = true;
        }
        return h != null;
    }

    /**
     * Counts {@code t} on its point; when it is the point's first observation threshold, the point's
     * readings held aside come into the session (in the order they came), so that the threshold
     * checks them as it would have had they been there all along.
     */
    private void watch(Threshold t) {
        if (t.grain() != null) {
            watchedNodes.computeIfAbsent(t.target(), node -> new int[Grain.values().length])[t.grain().ordinal()]++;
            return;
        }
        if (watchedPoints.merge(t.target(), 1, Integer::sum) > 1 || heldAside == 0) {
            return;
        }
        List<Held> aside = new ArrayList<>();
        for (Held held : slots.values()) {
            if (held.handle == null && held.fact instanceof ObservationFact o && o.point().equals(t.target())) {
                aside.add(held);
            }
        }
        aside.sort(Comparator.comparingLong(held -> held.arrival));
        for (Held held : aside) {
            held.handle = session.insert(held.fact);
            heldAside--;
        }
    }

    private void unwatch(Threshold t) {
        if (t.grain() == null) {
            watchedPoints.computeIfPresent(t.target(), (point, n) -> n == 1 ? null : n - 1);
        } else {
            int[] byGrain = watchedNodes.get(t.target());
            if (byGrain != null && --byGrain[t.grain().ordinal()] == 0 && Arrays.stream(byGrain).allMatch(n -> n == 0)) {
                watchedNodes.remove(t.target());
            }
        }
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
        unfired = false;
        deleted = false;
    }

    /**
     * Fires if the rules would have something to do had the reading held aside been inserted: a
     * moved clock or a changed threshold, or a delete in a network where deletes can fire rules.
     */
    private void fireIfPending() {
        if (unfired || deleted && !interest.deletesFireNothing()) {
            fire();
        }
    }

    /** Thresholds, then slotted facts (held aside or not) in the order their slots were first filled: what a new session needs. */
    List<Object> facts() {
        List<Object> all = new ArrayList<>(thresholds.size() + slots.size());
        for (FactHandle h : thresholds.values()) {
            all.add(session.getObject(h));
        }
        for (Held held : slots.values()) {
            all.add(held.fact);
        }
        return all;
    }

    /**
     * Puts facts taken from another session with {@link #facts()}, then fires once. Readings the new
     * rules cannot match are held aside; bucket results they cannot match are dropped (those the old
     * rules could not match were not kept: new rules see the next figure of such a slot).
     */
    void adopt(List<Object> facts) {
        for (Object o : facts) {
            if (o instanceof Threshold t) {
                watch(t);
                thresholds.put(t.id(), session.insert(t));
            } else if (o instanceof ObservationFact r && !interest.matters(r, watched)) {
                add(r, new Held(null, r, orderOf(r), ++arrivals));
                heldAside++;
            } else if (o instanceof BucketResultFact r && !interest.matters(r, watchedResults)) {
                continue;
            } else if (o instanceof RuleFact f) {
                add(f, new Held(session.insert(f), f, orderOf(f), ++arrivals));
            }
        }
        fire();
    }

    long heldAside() {
        return heldAside;
    }

    /** Facts held: in the session, and readings held aside (each the latest of its slot). */
    long factCount() {
        return session.getFactCount() + heldAside;
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
