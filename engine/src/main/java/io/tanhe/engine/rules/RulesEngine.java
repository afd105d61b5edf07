package io.tanhe.engine.rules;

import io.tanhe.engine.rules.alert.Alert;
import io.tanhe.engine.rules.alert.AlertBook;
import io.tanhe.engine.rules.alert.AlertListener;
import io.tanhe.engine.rules.clock.MeasurementClock;
import io.tanhe.engine.rules.fact.BucketResultFact;
import io.tanhe.engine.rules.fact.FactorFact;
import io.tanhe.engine.rules.fact.GapFact;
import io.tanhe.engine.rules.fact.ObservationFact;
import io.tanhe.engine.rules.fact.RuleFact;
import io.tanhe.engine.rules.fact.Slot;
import io.tanhe.engine.rules.fact.SourceSwitchFact;
import io.tanhe.engine.rules.fact.CalibrationFact;
import io.tanhe.engine.rules.gap.GapWatch;
import io.tanhe.engine.rules.threshold.Threshold;
import io.tanhe.engine.rules.threshold.ThresholdTracker;
import io.tanhe.engine.rules.validation.Verdict;
import io.tanhe.engine.rules.validation.Verdicts;
import io.tanhe.engine.rules.fact.PeriodChangeFact;
import io.tanhe.engine.rules.fact.VerificationLimit;
import io.tanhe.engine.rules.verification.FindingListener;
import io.tanhe.engine.rules.verification.Findings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The rules layer: validation and alert rules (Drools, STREAM mode) over observations, bucket
 * results, factors, gaps and source switches, on a pseudo clock driven by measurement times, so a
 * replay raises the same alerts as the live stream. Thresholds are facts; alerts go to listeners.
 *
 * <p>Feed it in measurement-time order per point. Every call is serialised; a hot reload compiles in
 * the background and swaps sessions between two calls, keeping alert state and facts.
 *
 * <pre>{@code
 * RulesEngine rules = RulesEngine.start(RuleSet.of("v1", Path.of("site.drl")), RulesSettings.defaults());
 * rules.addListener(e -> store.save(e));
 * rules.setThresholds(thresholdFile.values());
 * Verdict v = rules.observe(ObservationFact.measured("coal_feed", "unit1", t, 98.5, "t/h"));
 * }</pre>
 */
public final class RulesEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RulesEngine.class);
    private static final String THRESHOLD_PREFIX = "threshold/";

    private final RuleCompiler compiler = new RuleCompiler();
    private final MeasurementClock clock = new MeasurementClock();
    private final Verdicts verdicts = new Verdicts();
    private final Findings findings = new Findings();
    private final AlertBook alerts;
    private final ThresholdTracker tracker;
    private final GapWatch gaps;
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tanhe-rules-compiler");
        t.setDaemon(true);
        return t;
    });
    private CompiledRules rules;
    private RuleSession session;

    private RulesEngine(CompiledRules rules, RulesSettings settings) {
        this.alerts = new AlertBook(clock, settings.escalateAfter());
        this.tracker = new ThresholdTracker(alerts, verdicts);
        this.gaps = new GapWatch(settings.gapAfter(), settings.gapOverrides());
        this.rules = rules;
        this.session = newSession(rules);
        settings.verificationLimits().forEach((name, value) -> insertQuietly(new VerificationLimit(name, value)));
    }

    /**
     * Compiles {@code rules} (with the generic rules) and starts a session.
     *
     * @throws RulesRejectedException with each error's DRL file and line
     */
    public static RulesEngine start(RuleSet rules, RulesSettings settings) throws RulesRejectedException {
        return start(new RuleCompiler().compile(rules), settings);
    }

    /** Starts a session on rules compiled beforehand (e.g. by {@link RuleCompiler#compileInBackground}). */
    public static RulesEngine start(CompiledRules compiled, RulesSettings settings) {
        compiled.warnings().forEach(w -> LOG.warn("rules {}: {}", compiled.version(), w.headline()));
        LOG.info("rules started version={} rules={}", compiled.version(), compiled.ruleNames().size());
        return new RulesEngine(compiled, settings);
    }

    public void addListener(AlertListener listener) {
        alerts.addListener(listener);
    }

    public void removeListener(AlertListener listener) {
        alerts.removeListener(listener);
    }

    /** Receives the verification findings (核查发现) of the rules: neither verdicts nor alerts. */
    public void addFindingListener(FindingListener listener) {
        findings.addListener(listener);
    }

    public void removeFindingListener(FindingListener listener) {
        findings.removeListener(listener);
    }

    /**
     * Validates and evaluates one reading. Its time moves the clock (opening due gaps and escalating
     * due alerts first, each at its own time).
     *
     * @return what the validation rules say: apply {@link Verdict#qualityFor} before the value reaches a total
     */
    public synchronized Verdict observe(ObservationFact o) {
        moveClock(o.millis());
        Verdict verdict = judge(o);
        gaps.seen(o, o.good() && !verdict.invalid()).ifPresent(this::insertQuietly);
        return verdict;
    }

    /**
     * Validates and evaluates the readings of one evaluation step (e.g. one poll of a device) in
     * order; faster than {@link #observe} one by one because the readings of one measurement time,
     * each of its own point and key, are inserted together and the rules fire once for them. Verdicts,
     * thresholds, gaps and validation give the same alerts as one by one; within one measurement
     * time the events come rule by rule (a step's gap closures after its threshold alerts). A
     * custom rule joining two points sees both new readings together: pairs of a new reading with
     * the other point's previous one fire too, as they would one by one in either order.
     *
     * @return the verdict on each reading, in the order given
     */
    public synchronized List<Verdict> observeAll(List<ObservationFact> step) {
        List<Verdict> verdictsOut = new ArrayList<>(step.size());
        int from = 0;
        while (from < step.size()) {
            int to = runEnd(step, from);
            List<ObservationFact> run = step.subList(from, to);
            moveClock(run.getFirst().millis());
            verdicts.beginAll();
            session.insertAll(run);
            List<Verdict> judged = verdicts.finishAll(run);
            for (int i = 0; i < run.size(); i++) {
                ObservationFact o = run.get(i);
                gaps.seen(o, o.good() && !judged.get(i).invalid()).ifPresent(this::insertQuietly);
            }
            verdictsOut.addAll(judged);
            from = to;
        }
        return verdictsOut;
    }

    /** The end of the run starting at {@code from}: readings of one measurement time, each of its own slot. */
    private static int runEnd(List<ObservationFact> step, int from) {
        long millis = step.get(from).millis();
        Set<Slot> slots = new HashSet<>();
        int to = from;
        while (to < step.size() && step.get(to).millis() == millis && slots.add(step.get(to).slot())) {
            to++;
        }
        return to;
    }

    /**
     * Validates and evaluates one bucket result (a revision of a bucket replaces it). Does not move the clock. A
     * result no rule can match is not kept: it takes the earlier figure of its node, key and grain out of working
     * memory, and a threshold or rule added later sees the next figure.
     */
    public synchronized Verdict result(BucketResultFact r) {
        return judge(r);
    }

    /**
     * A closed period's figure next to the same period a year before, for the verification checks of year-on-year
     * change. Does not move the clock.
     */
    public synchronized void change(PeriodChangeFact c) {
        insertQuietly(c);
    }

    /** Validates a factor value before it is used. */
    public synchronized Verdict factor(FactorFact f) {
        return judge(f);
    }

    /** A gap the evaluator recorded, for custom rules. */
    public synchronized void gap(GapFact g) {
        insertQuietly(g);
    }

    /** A point changed its feeding device; its time moves the clock. */
    public synchronized void sourceSwitch(SourceSwitchFact s) {
        moveClock(s.at().toEpochMilli());
        insertQuietly(s);
    }

    /**
     * A meter's calibration state on a day (section 7.3.1), judged at data time {@code at} (which moves the
     * clock): an overdue meter raises an alert, a calibrated one clears it.
     */
    public synchronized void calibration(CalibrationFact c, Instant at) {
        moveClock(at.toEpochMilli());
        insertQuietly(c);
    }

    /** Moves the clock without a fact (e.g. at a bucket's end while every point is silent), so gaps and escalations come due. */
    public synchronized void advanceTo(Instant t) {
        moveClock(t.toEpochMilli());
        session.fire();
    }

    /**
     * Makes {@code next} the complete set of thresholds: new ids are added, changed ones replaced
     * (their duration state stays), missing ones removed with their active alerts cleared. Takes
     * effect for the next fact; a new threshold on readings also checks the latest reading of its point
     * now, one on bucket results the next figure of its node and grain (figures no rule could match are
     * not kept).
     */
    public synchronized void setThresholds(Collection<Threshold> next) {
        Set<String> keep = new HashSet<>();
        for (Threshold t : next) {
            if (!keep.add(t.id())) {
                throw new IllegalArgumentException("duplicate threshold id " + t.id() + "; ids must be unique");
            }
        }
        for (String id : session.thresholdIds()) {
            if (!keep.contains(id)) {
                dropThreshold(id);
            }
        }
        next.forEach(session::putThreshold);
        session.fire();
    }

    /** Adds or replaces one threshold. */
    public synchronized void putThreshold(Threshold t) {
        session.putThreshold(t);
        session.fire();
    }

    /** Removes one threshold and clears its active alerts; false if there was none. */
    public synchronized boolean removeThreshold(String id) {
        boolean removed = session.thresholdIds().contains(id);
        if (removed) {
            dropThreshold(id);
            session.fire();
        }
        return removed;
    }

    /**
     * Acknowledges the active alert {@code alertId} on behalf of {@code by}.
     *
     * @return the acknowledged alert; empty when no active alert has that id
     */
    public synchronized Optional<Alert> acknowledge(String alertId, String by) {
        return alerts.acknowledge(alertId, by);
    }

    /**
     * Takes back alerts that were active when the terminal stopped (as its store has them), with their
     * severity, acknowledgement and escalation, so that a restart neither raises them again nor
     * forgets who acknowledged them. Publishes nothing. Call after {@link #setThresholds} and before
     * the first fact. An alert whose threshold or rule is no longer in the running rules is not taken
     * back (nothing would ever clear it).
     *
     * @return the alerts not taken back: already active, or their threshold or rule is gone
     */
    public synchronized List<Alert> restore(Collection<Alert> open) {
        List<Alert> refused = new ArrayList<>();
        for (Alert a : open) {
            boolean known;
            Duration escalateAfter = null;
            if (a.name().startsWith(THRESHOLD_PREFIX)) {
                Optional<Threshold> t = session.threshold(a.name().substring(THRESHOLD_PREFIX.length()));
                known = t.isPresent();
                escalateAfter = t.map(Threshold::escalateAfter).orElse(null);
            } else {
                known = a.rule() != null && rules.ruleNames().contains(a.rule());
            }
            if (!known || !alerts.restore(a, escalateAfter)) {
                refused.add(a);
            }
        }
        return List.copyOf(refused);
    }

    /** The active alerts, oldest first. */
    public synchronized List<Alert> activeAlerts() {
        return alerts.active();
    }

    /** The measurement clock: the latest measurement time fed in. */
    public synchronized Instant clock() {
        return clock.now();
    }

    /** The running ruleset's version. */
    public synchronized String version() {
        return rules.version();
    }

    /** Facts in working memory (thresholds and the latest fact per slot): flat over a long stream. */
    public synchronized long factCount() {
        return session.factCount();
    }

    /**
     * Readings held beside the session because no rule of the running rules can match them (no
     * pattern's tests pass, no observation threshold on their point): each is still the latest of its
     * slot and counts in {@link #factCount}, but costs no insert, delete or network pass.
     */
    public synchronized long readingsHeldAside() {
        return session.heldAside();
    }

    /**
     * Compiles {@code next} in the background. If it compiles, the engine swaps to it between two
     * calls: the facts move to a new session and the rules fire once on them; alert and threshold
     * state are kept, and alerts raised by rules that no longer exist are cleared. Bucket results the
     * old rules could not match were not kept: a new rule on them sees the next figure. If it does not
     * compile, the running rules stay and the outcome lists the errors.
     */
    public CompletableFuture<ReloadOutcome> reload(RuleSet next) {
        return CompletableFuture.supplyAsync(() -> compileAndSwap(next), background);
    }

    @Override
    public synchronized void close() {
        background.shutdownNow();
        session.close();
    }

    private ReloadOutcome compileAndSwap(RuleSet next) {
        long t0 = System.nanoTime();
        CompiledRules compiled;
        try {
            compiled = compiler.compile(next);
        } catch (RulesRejectedException e) {
            LOG.warn("rules reload rejected version={} errors={} running={}", next.version(), e.problems().size(), version());
            return new ReloadOutcome.Rejected(next.version(), e.problems());
        }
        long compileMillis = (System.nanoTime() - t0) / 1_000_000;
        long swapMicros = swap(compiled);
        LOG.info("rules reloaded version={} compile_ms={} swap_us={}", next.version(), compileMillis, swapMicros);
        return new ReloadOutcome.Applied(next.version(), compileMillis, swapMicros, compiled.warnings());
    }

    private synchronized long swap(CompiledRules compiled) {
        long t0 = System.nanoTime();
        List<Object> facts = session.facts();
        RuleSession fresh = newSession(compiled);
        verdicts.begin(null);
        fresh.adopt(facts);
        verdicts.finish();
        RuleSession old = session;
        session = fresh;
        rules = compiled;
        old.close();
        alerts.clearWhere(a -> !a.name().startsWith(THRESHOLD_PREFIX) && !compiled.ruleNames().contains(a.rule()));
        return (System.nanoTime() - t0) / 1_000;
    }

    private RuleSession newSession(CompiledRules compiled) {
        return new RuleSession(compiled, clock, alerts, verdicts, tracker, findings);
    }

    private Verdict judge(RuleFact fact) {
        verdicts.begin(fact);
        session.insert(fact);
        return verdicts.finish();
    }

    private void insertQuietly(RuleFact fact) {
        verdicts.begin(fact);
        session.insert(fact);
        verdicts.finish();
    }

    private void dropThreshold(String id) {
        session.removeThreshold(id);
        tracker.forget(id);
        alerts.clearWhere(a -> a.name().equals(THRESHOLD_PREFIX + id));
    }

    /** Moves the clock to {@code millis}, stopping at each gap deadline on the way. */
    private void moveClock(long millis) {
        if (clock.started() && millis <= clock.millis()) {
            return;
        }
        for (GapWatch.Due due : gaps.due(millis)) {
            step(due.atMillis());
            insertQuietly(due.gap());
        }
        step(millis);
    }

    private void step(long millis) {
        clock.advanceTo(millis);
        session.syncClock();
        alerts.escalateDue(millis);
    }
}
