package io.tanhe.engine.incremental;

import io.tanhe.engine.factors.FactorLibrary;
import io.tanhe.engine.factors.FactorValue;
import io.tanhe.engine.graph.ComputationGraph;
import io.tanhe.engine.graph.Keys;
import io.tanhe.engine.graph.Node;
import io.tanhe.engine.graph.NodeKind;
import io.tanhe.engine.graph.SetInfo;
import io.tanhe.engine.time.BucketAmount;
import io.tanhe.engine.time.Change;
import io.tanhe.engine.time.Grain;
import io.tanhe.engine.time.MeterReplacement;
import io.tanhe.engine.time.Observation;
import io.tanhe.engine.time.Quality;
import io.tanhe.engine.time.TimeBucket;
import io.tanhe.engine.time.TimeModel;
import io.tanhe.grammar.diagnostics.ErrorCode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Evaluates a compiled methodology continuously from observations, per time bucket.
 *
 * <p>The model: every node is computed per <em>base</em> bucket (a minute on a terminal) from the
 * amounts the {@link TimeModel} gives for that bucket and the factor values valid on its date.
 * In coarser buckets (15 minutes … year), <em>extensive</em> values — emissions, totals, amounts
 * such as t, GJ, MWh — are the sums of their base buckets, and <em>intensive</em> values — ratios,
 * intensities, factors, per-unit contents such as GJ/t or tCO2/MWh — are recomputed from the
 * coarser values of their operands, never averaged ({@link ExtensiveClassifier} decides which is which).
 *
 * <p>One observation changes the base buckets its {@link Change} covers; in each, only the
 * instances depending on the observed input key are recomputed, and each changed extensive
 * value passes its difference up to the coarser buckets. A change to a bucket that had already
 * closed (its end is not after the measurement-time watermark) is recorded as a {@link Revision}.
 *
 * <p>Not thread-safe: one thread feeds it (the terminal's evaluation thread).
 */
public final class IncrementalEvaluator {
    private final ComputationGraph graph;
    private final TimeModel timeModel;
    private final ZoneId zone;
    private final Grain base;
    private final List<Grain> rolled;
    private final Execution execution;
    private final Map<String, List<String>> members = new HashMap<>();
    /** The same members as sets: learning a key asks whether its member is known, a hash lookup (a set may have 10,000 points). */
    private final Map<String, Set<String>> memberIndex = new HashMap<>();
    /** Keys of each input already taken into the sets' members: the check of every observation stays a hash lookup. */
    private final Map<String, Set<String>> learnedKeys = new HashMap<>();
    private final EnumMap<Grain, TreeMap<Instant, BucketState>> states = new EnumMap<>(Grain.class);
    private final List<Revision> revisions = new ArrayList<>();
    private final Set<TimeBucket> changedBuckets = new LinkedHashSet<>();
    private FactorLibrary factors;
    private InstanceGraph instances;
    private boolean[] extensive;
    private BucketCalculator calculator;
    private Instant watermark;
    private java.time.Duration closingDelay = DEFAULT_CLOSING_DELAY;
    /** Base buckets starting in [deferFrom, deferTo) are not created by observations (see {@link #defer}). */
    private Instant deferFrom;
    private Instant deferTo;
    /** Starts of the deferred base buckets that observations touched: what {@link #openDeferred} creates. */
    private final java.util.TreeSet<Instant> owed = new java.util.TreeSet<>();
    /** Factor leaves of the date last filled: every bucket of a day reads the same factor values. */
    private final FactorLeaves factorLeaves;
    /** The base bucket created last: its coarser buckets are most likely those of the next one (see {@link #createBaseWithParents}). */
    private BucketState lastCreated;

    /**
     * How long after its end a bucket still takes data without it being a revision: readings of
     * points polled every 15 minutes arrive up to 15 minutes after the minutes they cover.
     */
    public static final java.time.Duration DEFAULT_CLOSING_DELAY = java.time.Duration.ofMinutes(15);

    /**
     * An evaluator with the {@linkplain Execution#configured() configured} execution (generated code by default).
     *
     * @param base   the grain every node is computed at (MINUTE on a terminal; a test of one month uses MONTH)
     * @param rolled the coarser grains kept up to date by roll-up
     */
    public IncrementalEvaluator(ComputationGraph graph, FactorLibrary factors, ZoneId zone, Grain base, List<Grain> rolled) {
        this(graph, factors, zone, base, rolled, Execution.configured());
    }

    /**
     * @param base      the grain every node is computed at (MINUTE on a terminal; a test of one month uses MONTH)
     * @param rolled    the coarser grains kept up to date by roll-up
     * @param execution generated code or the interpreter (they give the same values)
     */
    public IncrementalEvaluator(ComputationGraph graph, FactorLibrary factors, ZoneId zone, Grain base, List<Grain> rolled,
                                Execution execution) {
        this.graph = graph;
        this.execution = execution;
        this.factors = factors;
        this.zone = zone;
        this.factorLeaves = new FactorLeaves(zone, this::lookUpFactorLeaf);
        this.base = base;
        this.rolled = rolled.stream().filter(g -> g != base && base.nestsIn(g)).distinct().sorted().toList();
        this.timeModel = TimeModel.forGraph(graph, zone);
        for (SetInfo s : graph.sets()) {
            members.put(s.name(), new ArrayList<>(s.members()));
            memberIndex.put(s.name(), new HashSet<>(s.members()));
        }
        states.put(base, new TreeMap<>());
        this.rolled.forEach(g -> states.put(g, new TreeMap<>()));
        expand();
    }

    /** Sets how long after its end a bucket closes (see {@link #DEFAULT_CLOSING_DELAY}). */
    public void setClosingDelay(java.time.Duration delay) {
        this.closingDelay = delay;
    }

    /**
     * Stops observations from creating the base buckets that start in [{@code from}, {@code to}): held
     * ones are still updated, and the observations go into the time model as usual, so a caller can
     * {@link #open} those buckets later, a range at a time, and write and evict each range before the
     * next. Buckets before {@code from} that are not held are not created either (they are final
     * elsewhere). This is how a terminal catches up an outage in bounded memory: a counter's first reading
     * after two weeks would otherwise create every minute of the two weeks at once.
     * {@code to == null} (or from == null) ends the deferral.
     */
    public void defer(Instant from, Instant to) {
        this.deferFrom = from == null || to == null ? null : from;
        this.deferTo = deferFrom == null ? null : to;
    }

    /**
     * Creates the deferred base buckets in [{@code from}, {@code to}) that observations touched, from
     * what the time model holds now (with their coarser buckets), as if the observations had created
     * them; returns how many.
     */
    public int openDeferred(Instant from, Instant to) {
        java.util.NavigableSet<Instant> due = owed.subSet(from, true, to, false);
        int n = due.size();
        for (Instant start : due) {
            open(TimeBucket.of(base, start, zone));
        }
        due.clear();
        return n;
    }

    /** How many deferred base buckets wait for {@link #openDeferred}. */
    public int deferredCount() {
        return owed.size();
    }

    /** The time model: configure counters (rollover), rates (gap limit) and period inputs here before feeding. */
    public TimeModel timeModel() {
        return timeModel;
    }

    public ComputationGraph graph() {
        return graph;
    }

    public ZoneId zone() {
        return zone;
    }

    public Grain baseGrain() {
        return base;
    }

    /** The grains results are kept for: the base grain and the rolled-up ones. */
    public List<Grain> grains() {
        List<Grain> all = new ArrayList<>();
        all.add(base);
        all.addAll(rolled);
        return all;
    }

    /** How many instances (node × key, plus lifted aggregates) one bucket holds. */
    public int instanceCount() {
        return instances.size();
    }

    /**
     * Declares members of open sets ahead of data (the site's points bound to keys), so that the
     * first observation of a new key does not have to re-expand the graph.
     */
    public void addMembers(String set, List<String> newMembers) {
        List<String> list = members.get(set);
        if (list == null) {
            throw new IllegalArgumentException("no set `" + set + "` in " + graph.info().id());
        }
        boolean grew = false;
        Set<String> known = memberIndex.get(set);
        for (String m : newMembers) {
            if (known.add(m)) {
                list.add(m);
                grew = true;
            }
        }
        if (grew) {
            rebuild();
        }
    }

    /**
     * Takes one observation, late or not, and recomputes what it changes.
     *
     * @return the number of base buckets it changed
     * @throws io.tanhe.engine.time.ObservationException for an unknown input, a bad key or unit
     */
    public int accept(Observation o) {
        learnKey(o.input(), o.key());
        Instant before = watermark;
        Change change = timeModel.add(o);
        advance(o.timestamp());
        return apply(change, before, "late observation " + o.where());
    }

    /** Takes a meter replacement of a counter input. */
    public int accept(MeterReplacement r) {
        learnKey(r.input(), r.key());
        Instant before = watermark;
        Change change = timeModel.add(r);
        advance(r.at());
        return apply(change, before, "meter replacement of " + r.input() + (r.key().isEmpty() ? "" : "[" + r.key() + "]"));
    }

    /**
     * Replaces the factor library (a pushed update, a lab value entered late) and recomputes every
     * bucket held; values of closed buckets that change are recorded as revisions with {@code reason}.
     */
    public void replaceFactors(FactorLibrary newFactors, String reason) {
        this.factors = newFactors;
        factorLeaves.clear();
        for (BucketState s : new ArrayList<>(states.get(base).values())) {
            for (int id = 0; id < instances.size(); id++) {
                if (instances.instance(id).kind() == Instance.Kind.FACTOR) {
                    setFactorLeaf(s, id, false, reason, true);
                }
            }
        }
        for (Grain g : rolled) {
            for (BucketState s : states.get(g).values()) {
                for (int id = 0; id < instances.size(); id++) {
                    if (instances.instance(id).kind() == Instance.Kind.FACTOR) {
                        setFactorLeaf(s, id, true, reason, false);
                    }
                }
            }
        }
    }

    /**
     * Recomputes every value of a held bucket from its leaves, as if it were new: the full
     * evaluation the incremental path avoids (benchmarks compare the two; a repair tool may use it).
     *
     * @return false if the bucket is not held
     */
    public boolean recompute(TimeBucket bucket) {
        BucketState s = state(bucket).orElse(null);
        if (s == null) {
            return false;
        }
        calculator.evaluateAll(s, bucket.grain() != base);
        return true;
    }

    /**
     * Holds a base bucket that has no observation yet, computed from what the time model has for
     * it (factor-only results, a test period without inputs). Does nothing if it is held already.
     */
    public void open(TimeBucket bucket) {
        if (bucket.grain() != base) {
            throw new IllegalArgumentException("open a " + base.label() + " bucket; coarser ones follow");
        }
        if (!states.get(base).containsKey(bucket.start())) {
            createBaseWithParents(bucket);
        }
    }

    /** The value of {@code node[key]} in {@code bucket}, if the bucket is held. */
    public Optional<ResultValue> result(String node, String key, TimeBucket bucket) {
        TreeMap<Instant, BucketState> byStart = states.get(bucket.grain());
        BucketState s = byStart == null ? null : byStart.get(bucket.start());
        int id = instances.id(node, key);
        if (s == null || id < 0) {
            return Optional.empty();
        }
        return Optional.of(new ResultReader(this, s).read(id));
    }

    /** Every value of the given nodes (all nodes when empty) in the held buckets of {@code grain} starting in [from, to). */
    public List<ResultValue> results(Grain grain, Instant from, Instant to, Set<String> nodes) {
        TreeMap<Instant, BucketState> byStart = states.get(grain);
        if (byStart == null) {
            throw new IllegalArgumentException("grain " + grain.label() + " is not kept; kept: "
                    + grains().stream().map(Grain::label).toList());
        }
        List<ResultValue> out = new ArrayList<>();
        for (BucketState s : byStart.subMap(from, true, to, false).values()) {
            ResultReader reader = new ResultReader(this, s);
            for (Node n : graph.nodes()) {
                if (nodes.isEmpty() ? !n.kind().computed() : !nodes.contains(n.name())) {
                    continue;
                }
                instances.instancesOf(n.name()).values().forEach(id -> out.add(reader.read(id)));
            }
        }
        return out;
    }

    /**
     * The factor values a bucket's present results were computed with (a factor counts when some
     * present value reads it), for flagging unverified defaults.
     */
    public List<FactorValue> factorValuesUsed(TimeBucket bucket) {
        BucketState s = state(bucket).orElse(null);
        if (s == null) {
            return List.of();
        }
        List<FactorValue> used = new ArrayList<>();
        for (int id = 0; id < instances.size(); id++) {
            if (instances.instance(id).kind() == Instance.Kind.FACTOR && s.status[id] == Status.PRESENT && readByPresent(s, id)) {
                factorValue(id, bucket).ifPresent(used::add);
            }
        }
        return used;
    }

    private boolean readByPresent(BucketState s, int id) {
        for (int d : instances.dependents(id)) {
            if (s.status[d] == Status.PRESENT) {
                return true;
            }
        }
        return false;
    }

    /**
     * How the value of {@code node[key]} in {@code bucket} came about, as a tree down to factor
     * values and observations.
     *
     * @param sourceLines the methodology's source text by file, for quoting formulas
     * @param methodology id, version and content hash of the methodology
     */
    public Optional<io.tanhe.engine.provenance.Explanation> explain(String node, String key, TimeBucket bucket,
            Map<String, List<String>> sourceLines, io.tanhe.engine.provenance.Explanation.Methodology methodology) {
        BucketState s = state(bucket).orElse(null);
        int id = instances.id(node, key);
        if (s == null || id < 0) {
            return Optional.empty();
        }
        var step = new ExplanationBuilder(this, s, sourceLines).step(id, 0);
        return Optional.of(new io.tanhe.engine.provenance.Explanation(io.tanhe.engine.provenance.Explanation.SCHEMA,
                methodology, zone.getId(), step));
    }

    /** The keys of a node's instances, in order. */
    public List<String> keys(String node) {
        return new ArrayList<>(instances.instancesOf(node).keySet());
    }

    /** The buckets held at {@code grain}, in time order. */
    public List<TimeBucket> buckets(Grain grain) {
        TreeMap<Instant, BucketState> byStart = states.get(grain);
        return byStart == null ? List.of() : byStart.values().stream().map(s -> s.bucket).toList();
    }

    public List<Revision> revisions() {
        return Collections.unmodifiableList(revisions);
    }

    /** The revisions recorded since the last call, forgotten here (a terminal stores them; memory stays flat). */
    public List<Revision> drainRevisions() {
        List<Revision> out = List.copyOf(revisions);
        revisions.clear();
        return out;
    }

    /** The buckets changed since the last call (for a store to persist), in order of first change. */
    public List<TimeBucket> drainChangedBuckets() {
        List<TimeBucket> out = new ArrayList<>(changedBuckets);
        changedBuckets.clear();
        return out;
    }

    /** Forgets the buckets (of every grain) that ended before {@code horizon}, once a store holds them. */
    public void evictBefore(Instant horizon) {
        lastCreated = null; // its coarser buckets may be evicted
        states.values().forEach(m -> m.headMap(horizon, false).entrySet().removeIf(e -> !e.getValue().bucket.end().isAfter(horizon)));
    }

    /** The measurement-time watermark: the latest timestamp seen. */
    public Optional<Instant> watermark() {
        return Optional.ofNullable(watermark);
    }

    // ---- internals shared with the reader and the explainer ----

    InstanceGraph instances() {
        return instances;
    }

    boolean extensive(int id) {
        return extensive[id];
    }

    FactorLibrary factors() {
        return factors;
    }

    Optional<BucketState> state(TimeBucket bucket) {
        TreeMap<Instant, BucketState> byStart = states.get(bucket.grain());
        return Optional.ofNullable(byStart == null ? null : byStart.get(bucket.start()));
    }

    Optional<FactorValue> factorValue(int id, TimeBucket bucket) {
        Instance in = instances.instance(id);
        return factors.lookup(in.node().name(), in.key(), date(bucket));
    }

    /** The base-bucket states inside a coarser bucket. */
    List<BucketState> baseStatesIn(TimeBucket bucket) {
        return new ArrayList<>(states.get(base).subMap(bucket.start(), true, bucket.end(), false).values());
    }

    // ---- applying changes ----

    private int apply(Change change, Instant watermarkBefore, String lateReason) {
        if (change.isEmpty()) {
            return 0;
        }
        int leaf = instances.id(change.input(), change.key());
        if (!extensive[leaf]) {
            return applyIntensive(change, leaf, watermarkBefore, lateReason);
        }
        List<TimeBucket> touched = change.buckets(base);
        for (TimeBucket b : touched) {
            BucketState s = states.get(base).get(b.start());
            if (s == null && deferTo != null && b.start().isBefore(deferTo)) {
                if (!b.start().isBefore(deferFrom)) {
                    owed.add(b.start()); // opened later by the caller (catch-up)
                }
                continue; // before the deferred range: final elsewhere (a store)
            }
            if (s == null) {
                createBaseWithParents(b);
                continue;
            }
            parents(s);
            BucketCalculator.Changes changes = setInput(s, leaf, false);
            record(s, changes, watermarkBefore, lateReason);
            rollUp(s, changes, watermarkBefore, lateReason);
        }
        return touched.size();
    }

    /**
     * An intensive value (a lab NCV for a month) applies to every bucket of its period but does not
     * create buckets: held buckets are updated, and buckets created later read it from the time model.
     */
    private int applyIntensive(Change change, int leaf, Instant watermarkBefore, String lateReason) {
        int n = 0;
        for (BucketState s : new ArrayList<>(states.get(base).subMap(change.from(), true, change.to(), false).values())) {
            BucketCalculator.Changes changes = setInput(s, leaf, false);
            record(s, changes, watermarkBefore, lateReason);
            rollUp(s, changes, watermarkBefore, lateReason);
            n++;
        }
        TimeBucket first = TimeBucket.of(base, change.from(), zone);
        BucketState firstState = states.get(base).get(first.start());
        if (firstState != null && first.start().isBefore(change.from())) {
            BucketCalculator.Changes changes = setInput(firstState, leaf, false);
            record(firstState, changes, watermarkBefore, lateReason);
            rollUp(firstState, changes, watermarkBefore, lateReason);
            n++;
        }
        for (Grain g : rolled) {
            for (BucketState cs : states.get(g).values()) {
                if (change.affects(cs.bucket)) {
                    record(cs, setInput(cs, leaf, true), watermarkBefore, lateReason);
                }
            }
        }
        return n;
    }

    private BucketCalculator.Changes setInput(BucketState s, int id, boolean rolledUp) {
        Instance in = instances.instance(id);
        BucketAmount a = timeModel.amount(in.node().name(), in.key(), s.bucket);
        byte status = a.fed() ? Status.PRESENT : in.node().optional() ? Status.MISSING_OPTIONAL : Status.ABSENT;
        changedBuckets.add(s.bucket);
        int covered = instances.coveredLeaf(id);
        if (covered < 0 || rolledUp) {
            return calculator.setLeaf(s, rolledUp, id, a.amount(), status); // covered time in coarser buckets is summed
        }
        return calculator.setLeaves(s, false, id, a.amount(), status, covered, coveredHours(a), coveredStatus(a));
    }

    /** The time of the bucket that the input's readings cover, in h; NaN when nothing fed it. */
    private static double coveredHours(BucketAmount a) {
        return a.fed() ? a.completeness() * a.bucket().duration().toNanos() / 3.6e12 : Double.NaN;
    }

    private static byte coveredStatus(BucketAmount a) {
        return a.fed() ? Status.PRESENT : Status.ABSENT;
    }

    /** Passes the extensive changes of a base bucket up to its coarser buckets. */
    private void rollUp(BucketState baseState, BucketCalculator.Changes changes, Instant watermarkBefore, String reason) {
        int n = changes.size();
        if (n == 0) {
            return;
        }
        int[] ids = new int[n];
        double[] oldValues = new double[n];
        byte[] oldStatus = new byte[n];
        for (int i = 0; i < n; i++) {
            ids[i] = changes.id(i);
            oldValues[i] = changes.oldValue(i);
            oldStatus[i] = changes.oldStatus(i);
        }
        for (BucketState cs : parents(baseState)) {
            changedBuckets.add(cs.bucket);
            for (int i = 0; i < n; i++) {
                int id = ids[i];
                if (extensive[id]) {
                    record(cs, calculator.rollUp(cs, id, oldValues[i], oldStatus[i], baseState.values[id], baseState.status[id]),
                            watermarkBefore, reason);
                }
            }
        }
    }

    /** A new base bucket: every extensive value enters the coarser buckets for the first time. */
    private void rollUpWhole(BucketState s) {
        for (BucketState cs : parents(s)) {
            changedBuckets.add(cs.bucket);
            for (int id = 0; id < instances.size(); id++) {
                if (extensive[id] && s.status[id] != Status.ABSENT) {
                    calculator.rollUp(cs, id, Double.NaN, Status.ABSENT, s.values[id], s.status[id]);
                }
            }
        }
    }

    private void record(BucketState s, BucketCalculator.Changes changes, Instant watermarkBefore, String reason) {
        if (watermarkBefore == null || openAt(s.bucket.end(), watermarkBefore)) {
            return; // the bucket was still open: a normal update, not a revision
        }
        for (int i = 0; i < changes.size(); i++) {
            Instance in = instances.instance(changes.id(i));
            if (!in.synthetic() && in.node().kind().computed()) {
                revisions.add(new Revision(in.node().name(), in.key(), s.bucket, changes.oldValue(i), s.values[in.id()],
                        watermark, reason));
            }
        }
    }

    /**
     * True when a bucket ending at {@code end} still took data without revision at {@code watermark}: its end plus the
     * closing delay is after it. Compared in seconds and nanoseconds: this runs for every coarser bucket of every reading,
     * and {@code end.plus(closingDelay)} made an instant each time (the evaluation thread's largest garbage after the zone rules).
     */
    private boolean openAt(Instant end, Instant watermark) {
        long seconds = end.getEpochSecond() + closingDelay.getSeconds();
        long nanos = end.getNano() + (long) closingDelay.getNano();
        if (nanos >= 1_000_000_000L) {
            seconds++;
            nanos -= 1_000_000_000L;
        }
        return seconds > watermark.getEpochSecond() || seconds == watermark.getEpochSecond() && nanos > watermark.getNano();
    }

    private void setFactorLeaf(BucketState s, int id, boolean rolledUp, String reason, boolean rollUpAfter) {
        double oldValue = s.values[id];
        byte oldStatus = s.status[id];
        double[] value = new double[1];
        byte status = factorLeaf(s, id, value);
        if (status == oldStatus && Double.doubleToLongBits(value[0]) == Double.doubleToLongBits(oldValue)) {
            return;
        }
        BucketCalculator.Changes changes = calculator.setLeaf(s, rolledUp, id, value[0], status);
        changedBuckets.add(s.bucket);
        record(s, changes, watermark, reason);
        if (rollUpAfter) {
            rollUp(s, changes, watermark, reason);
        }
    }

    // ---- states ----

    /**
     * The coarser buckets of a base bucket, one per rolled grain, created where missing; kept in the
     * base bucket's state, since finding a month or a year in a zone is dear and every observation
     * needs them. A coarser bucket is evicted only after every base bucket in it, so none goes stale.
     */
    private BucketState[] parents(BucketState s) {
        if (s.parents == null) {
            BucketState[] p = new BucketState[rolled.size()];
            for (int i = 0; i < p.length; i++) {
                p[i] = coarseState(s.bucket.parent(rolled.get(i)));
            }
            s.parents = p;
        }
        return s.parents;
    }

    /**
     * Creates a base bucket and enters it into its coarser buckets. These are created first where
     * missing (a new coarser bucket sums the base buckets it already holds, so the new one must not be
     * among them yet). They are usually those of the base bucket created last — minutes are created in
     * time order — and finding a bucket's day or hour in a zone is dear, so those are tried first.
     */
    private void createBaseWithParents(TimeBucket b) {
        BucketState[] p = new BucketState[rolled.size()];
        BucketState[] near = lastCreated == null ? null : lastCreated.parents;
        for (int i = 0; i < p.length; i++) {
            BucketState n = near == null ? null : near[i];
            p[i] = n != null && n.bucket.encloses(b) ? n : coarseState(b.parent(rolled.get(i)));
        }
        BucketState s = createBase(b);
        s.parents = p;
        rollUpWhole(s);
        lastCreated = s;
    }

    private BucketState createBase(TimeBucket b) {
        BucketState s = new BucketState(b, instances.size());
        fillLeaves(s, false);
        calculator.evaluateAll(s, false);
        states.get(base).put(b.start(), s);
        changedBuckets.add(b);
        return s;
    }

    private BucketState coarseState(TimeBucket cb) {
        TreeMap<Instant, BucketState> byStart = states.get(cb.grain());
        BucketState cs = byStart.get(cb.start());
        if (cs != null) {
            return cs;
        }
        cs = new BucketState(cb, instances.size());
        fillLeaves(cs, true);
        for (BucketState s : baseStatesIn(cb)) {
            for (int id = 0; id < instances.size(); id++) {
                if (extensive[id] && s.status[id] != Status.ABSENT) {
                    accumulate(cs, id, s.values[id], s.status[id]);
                }
            }
        }
        calculator.evaluateAll(cs, true);
        byStart.put(cb.start(), cs);
        return cs;
    }

    private static void accumulate(BucketState cs, int id, double value, byte status) {
        if (status == Status.PRESENT) {
            cs.sums[id] += value;
            cs.present[id]++;
        } else if (status == Status.FAILED) {
            cs.failed[id]++;
        }
        boolean failed = cs.failed[id] > 0;
        cs.status[id] = failed ? Status.FAILED : cs.present[id] > 0 ? Status.PRESENT : Status.ABSENT;
        cs.values[id] = cs.status[id] == Status.PRESENT ? cs.sums[id] : Double.NaN;
    }

    /** Sets factor leaves and input leaves (all inputs in a base bucket; intensive ones in a rolled-up bucket). */
    private void fillLeaves(BucketState s, boolean rolledUp) {
        for (int id = 0; id < instances.size(); id++) {
            Instance in = instances.instance(id);
            if (in.kind() == Instance.Kind.FACTOR) {
                double[] value = new double[1];
                s.status[id] = factorLeaf(s, id, value);
                s.values[id] = value[0];
            } else if (in.kind() == Instance.Kind.INPUT && !(rolledUp && extensive[id])) {
                BucketAmount a = timeModel.amount(in.node().name(), in.key(), s.bucket);
                s.status[id] = a.fed() ? Status.PRESENT : in.node().optional() ? Status.MISSING_OPTIONAL : Status.ABSENT;
                s.values[id] = a.fed() ? a.amount() : Double.NaN;
                int covered = instances.coveredLeaf(id);
                if (covered >= 0 && !rolledUp) {
                    s.status[covered] = coveredStatus(a);
                    s.values[covered] = coveredHours(a);
                }
            }
        }
    }

    private byte factorLeaf(BucketState s, int id, double[] value) {
        FactorLeaves.Leaf leaf = factorLeaves.leaf(id, s.bucket.start());
        s.causes.remove(id);
        if (leaf.cause() != null) {
            s.causes.put(id, leaf.cause());
        }
        value[0] = leaf.value();
        return leaf.status();
    }

    /** The value a factor instance takes on {@code on}, looked up and converted to the node's unit (uncached). */
    private FactorLeaves.Leaf lookUpFactorLeaf(int id, LocalDate on) {
        Instance in = instances.instance(id);
        Optional<FactorValue> found = factors.lookup(in.node().name(), in.key(), on);
        if (found.isEmpty()) {
            return new FactorLeaves.Leaf(Double.NaN, Status.FAILED,
                    new BucketState.Cause(ErrorCode.E600, "no value of factor " + in.label() + " is valid on " + on));
        }
        return new FactorLeaves.Leaf(found.get().value().doubleValue() * found.get().parsedUnit().conversionFactor(in.node().unit()),
                Status.PRESENT, null);
    }

    private LocalDate date(TimeBucket b) {
        return b.start().atZone(zone).toLocalDate();
    }

    // ---- structure ----

    private void learnKey(String input, String key) {
        Node n = graph.node(input).orElse(null);
        if (n == null || n.kind() != NodeKind.INPUT || key.isEmpty()) {
            return; // the time model reports unknown inputs
        }
        if (!learnedKeys.computeIfAbsent(input, i -> new HashSet<>()).add(key)) {
            return;
        }
        List<String> parts = Keys.parts(key);
        for (int i = 0; i < parts.size() && i < n.dimensions().size(); i++) {
            String set = n.dimensions().get(i);
            if (graph.set(set).map(SetInfo::open).orElse(false) && !memberIndex.get(set).contains(parts.get(i))) {
                addMembers(set, List.of(parts.get(i)));
            }
        }
    }

    private void advance(Instant t) {
        if (watermark == null || t.isAfter(watermark)) {
            watermark = t;
        }
    }

    private void expand() {
        instances = InstanceGraph.expand(graph, members, execution);
        extensive = ExtensiveClassifier.classify(instances);
        calculator = new BucketCalculator(instances, extensive);
        factorLeaves.clear();
    }

    /** A new member changes the shape of every bucket: expand again and recompute what is held. */
    private void rebuild() {
        expand();
        List<TimeBucket> held = new ArrayList<>(buckets(base));
        states.values().forEach(Map::clear);
        lastCreated = null;
        for (TimeBucket b : held) {
            createBase(b);
        }
        for (Grain g : rolled) {
            for (TimeBucket b : held) {
                coarseState(b.parent(g));
            }
        }
    }

    TimeModel model() {
        return timeModel;
    }
}
