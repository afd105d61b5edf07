package io.tanhe.engine.incremental;

import io.tanhe.engine.factors.FactorLibrary;
import io.tanhe.engine.factors.FactorValue;
import io.tanhe.engine.graph.ComputationGraph;
import io.tanhe.engine.graph.Keys;
import io.tanhe.engine.graph.Node;
import io.tanhe.engine.graph.SetInfo;
import io.tanhe.engine.time.BucketAmount;
import io.tanhe.engine.time.Quality;
import io.tanhe.engine.time.TimeModel;
import io.tanhe.engine.time.TimeBucket;
import io.tanhe.grammar.diagnostics.ErrorCode;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Evaluates a coarse bucket (a week, month, quarter or year) from the figures of the finer buckets
 * it is made of, as they were computed and stored — without the observations, which a terminal no
 * longer holds for a past month. The same rule as {@link IncrementalEvaluator}'s roll-up:
 * <em>extensive</em> instances (emissions, totals, amounts) are the sums of their parts; every
 * <em>intensive</em> instance (a ratio, an intensity, a rounded figure) is recomputed by the
 * methodology's formulas — the same generated code or interpreter — from the coarse bucket's
 * operands, never summed or averaged. A factor is the value in effect for the bucket: the value valid on
 * its local days, and where a factor update makes it change inside the bucket, the mean of the days' values
 * weighted by their time (the days' own figures used each day's value).
 * An intensive input (a monthly lab NCV) is read from a {@link TimeModel} holding its per-period
 * values when one is given ({@link #withPeriodValues}), exactly as the evaluator reads it in a coarse
 * bucket (the month's value; over several periods their time-weighted mean, with the covered share of
 * the bucket as completeness); without one, the time-weighted mean of its parts.
 *
 * <p>Parts may be of any finer grain and need not nest (a month from its days, a year from its
 * quarters); parts outside the bucket are refused. A part with quality MISSING is a failure (a
 * terminal stores a value it could not compute that way), which makes its sums fail, as in the
 * evaluator. Quality is the weakest of the input data below a figure, completeness the smallest
 * covered fraction among them, each input's over the bucket being its parts' covered time over the
 * bucket's time (a part that is missing counts as empty).
 *
 * <p>Not thread-safe; cheap to create.
 */
public final class RollUp {
    private final ComputationGraph graph;
    private FactorLibrary factors;
    private final ZoneId zone;
    private final Execution execution;
    private Map<String, List<String>> expandedFor;
    private InstanceGraph instances;
    private boolean[] extensive;
    private BucketCalculator calculator;
    private TimeModel periodValues;

    /**
     * A figure of a finer bucket.
     *
     * @param problem why it could not be computed, when it is a failure (quality MISSING); may be null
     */
    public record Part(String node, String key, TimeBucket bucket, double value, Quality quality, double completeness,
                       String problem) {
        public Part {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(bucket, "bucket");
            Objects.requireNonNull(quality, "quality");
        }

        boolean failed() {
            return quality == Quality.MISSING;
        }

        /** The time of the part covered by data, in seconds. */
        double coveredSeconds() {
            return Math.max(0, Math.min(1, completeness)) * bucket.duration().toNanos() / 1e9;
        }
    }

    /** A roll-up with the {@linkplain Execution#configured() configured} execution. */
    public RollUp(ComputationGraph graph, FactorLibrary factors, ZoneId zone) {
        this(graph, factors, zone, Execution.configured());
    }

    public RollUp(ComputationGraph graph, FactorLibrary factors, ZoneId zone, Execution execution) {
        this.graph = graph;
        this.factors = factors;
        this.zone = zone;
        this.execution = execution;
    }

    /**
     * Reads intensive inputs from {@code model} (holding their per-period values) instead of averaging
     * their parts; inputs it has no series of still come from their parts. Returns this roll-up.
     */
    public RollUp withPeriodValues(TimeModel model) {
        this.periodValues = model;
        return this;
    }

    /**
     * Reads factors from {@code library} from now on (the terminal's configuration changed: a factor package was
     * activated or rolled back). Returns this roll-up.
     */
    public RollUp withFactors(FactorLibrary library) {
        this.factors = Objects.requireNonNull(library, "library");
        return this;
    }

    /**
     * Every node's value in {@code bucket} from {@code parts}: inputs, values, emissions and totals
     * (not factors and constants), one per key that exists there, in graph order. A node with no
     * part and no operand present comes back neither present nor failed.
     *
     * @throws IllegalArgumentException for a part outside {@code bucket} or of a grain not finer than it
     */
    public List<ResultValue> evaluate(TimeBucket bucket, List<Part> parts) {
        for (Part p : parts) {
            check(bucket, p);
        }
        expandFor(parts);
        Fold fold = new Fold(bucket);
        parts.forEach(fold::add);
        List<ResultValue> out = new ArrayList<>();
        fold.figures(Integer.MAX_VALUE, out::addAll);
        return out;
    }

    /**
     * Begins the roll-up of {@code bucket} from parts handed over one at a time ({@link Fold#add}), for a caller that
     * reads them from a store: each part is folded into running sums and counts per instance as it comes, so that
     * what is held is a few numbers per instance, never the parts (a month of a 10,000-point site has 600,000 of
     * them), and the figures come out in chunks of a size the caller chooses ({@link Fold#figures}). The figures are
     * those {@link #evaluate} makes of the same parts in the same order, to the bit. When the parts name members of an
     * open set that this roll-up's instances lack, {@link Fold#reexpand()} says so after the last part: begin again
     * and hand the parts over once more.
     */
    public Fold fold(TimeBucket bucket) {
        if (instances == null) {
            expandFor(List.of());
        }
        return new Fold(bucket);
    }

    private static void check(TimeBucket bucket, Part p) {
        if (!bucket.grain().isCoarserThan(p.bucket().grain()) || !bucket.encloses(p.bucket())) {
            throw new IllegalArgumentException("part " + p.node() + (p.key().isEmpty() ? "" : "[" + p.key() + "]")
                    + " of " + p.bucket() + " is not a finer bucket inside " + bucket);
        }
    }

    /**
     * The roll-up of one bucket, fed its parts one at a time: per instance it keeps the running sums and counts of
     * extensive figures, and for each input the weakest quality and the covered time of its parts (and for a
     * per-period intensive input the sums of its time-weighted mean) — primitive arrays over the instances, no part.
     */
    public final class Fold {
        private final TimeBucket bucket;
        private final InstanceGraph graphOf;
        private final boolean[] extensiveOf;
        private final BucketCalculator calculatorOf;
        private final BucketState s;
        /** Per input instance: it has parts; the weakest quality ordinal of those not failed (-1: none). */
        private final boolean[] own;
        private final byte[] weakest;
        /** Per input instance, over its parts not failed: covered seconds (a plain sum and a compensated one), value sums. */
        private final double[] covered;
        private final double[] coveredHigh;
        private final double[] coveredLow;
        private final double[] weighted;
        private final double[] plain;
        private final int[] counted;
        private final Map<Integer, String> partProblems = new HashMap<>();
        /** The members of the open sets as the parts name them, in the order they first appear (as {@link #expandFor}). */
        private final Map<String, LinkedHashSet<String>> openMembers = new HashMap<>();
        private long parts;

        private Fold(TimeBucket bucket) {
            this.bucket = bucket;
            this.graphOf = instances;
            this.extensiveOf = extensive;
            this.calculatorOf = calculator;
            int n = graphOf.size();
            this.s = new BucketState(bucket, n);
            this.own = new boolean[n];
            this.weakest = new byte[n];
            Arrays.fill(weakest, (byte) -1);
            this.covered = new double[n];
            this.coveredHigh = new double[n];
            this.coveredLow = new double[n];
            this.weighted = new double[n];
            this.plain = new double[n];
            this.counted = new int[n];
        }

        /**
         * Folds in one part.
         *
         * @throws IllegalArgumentException for a part outside the bucket or of a grain not finer than it
         */
        public void add(Part p) {
            check(bucket, p);
            parts++;
            noteMembers(p);
            int id = graphOf.id(p.node(), p.key());
            if (id < 0) {
                return;
            }
            Instance in = graphOf.instance(id);
            if (in.kind() == Instance.Kind.FACTOR || in.synthetic()) {
                return;
            }
            if (extensiveOf[id]) {
                accumulate(s, id, p);
                if (p.failed() && p.problem() != null) {
                    partProblems.putIfAbsent(id, p.problem());
                }
            } else if (in.kind() != Instance.Kind.INPUT || modelled(in)) {
                return; // computed from its operands, or read from the per-period values
            } else if (!p.failed()) {
                double w = p.coveredSeconds();
                weighted[id] += p.value() * w;
                plain[id] += p.value();
                counted[id]++;
            }
            if (in.kind() == Instance.Kind.INPUT) {
                own[id] = true;
                if (!p.failed()) {
                    weakest[id] = (byte) (weakest[id] < 0 ? p.quality().ordinal() : Quality.values()[weakest[id]].and(p.quality()).ordinal());
                    double w = p.coveredSeconds();
                    covered[id] += w;
                    compensated(id, w);
                }
            }
        }

        /** Kahan summation as {@code DoubleStream.sum()} does it, which the covered hours of an input were summed with. */
        private void compensated(int id, double value) {
            double tmp = value - coveredLow[id];
            double sum = coveredHigh[id];
            double velvel = sum + tmp;
            coveredLow[id] = (velvel - sum) - tmp;
            coveredHigh[id] = velvel;
        }

        private double coveredSum(int id) {
            double tmp = coveredHigh[id] - coveredLow[id];
            return Double.isNaN(tmp) && Double.isInfinite(covered[id]) ? covered[id] : tmp;
        }

        private void noteMembers(Part p) {
            if (p.key().isEmpty()) {
                return;
            }
            Node n = graph.node(p.node()).orElse(null);
            if (n == null) {
                return;
            }
            List<String> keyParts = Keys.parts(p.key());
            for (int i = 0; i < keyParts.size() && i < n.dimensions().size(); i++) {
                String set = n.dimensions().get(i);
                if (graph.set(set).map(SetInfo::open).orElse(false)) {
                    openMembers.computeIfAbsent(set, k -> new LinkedHashSet<>()).add(keyParts.get(i));
                }
            }
        }

        /** How many parts were handed over. */
        public long parts() {
            return parts;
        }

        /**
         * Whether the parts named members of open sets this fold's instances were not made for (or lacked some they
         * were made for): then the roll-up has made its instances anew, and this fold's figures would be wrong —
         * begin again ({@link RollUp#fold}) and hand the parts over once more. Call after the last part.
         */
        public boolean reexpand() {
            Map<String, List<String>> members = new HashMap<>();
            for (SetInfo set : graph.sets()) {
                List<String> m = new ArrayList<>(set.members());
                Set<String> seen = new HashSet<>(m);
                for (String key : openMembers.getOrDefault(set.name(), new LinkedHashSet<>())) {
                    if (seen.add(key)) {
                        m.add(key);
                    }
                }
                members.put(set.name(), m);
            }
            if (graphOf == instances && members.equals(expandedFor)) {
                return false;
            }
            expand(members);
            return true;
        }

        /**
         * Computes every figure of the bucket from the parts folded in and hands them to {@code sink} in graph order,
         * at most {@code chunk} at a time (each list the sink's own); the figures are made as each chunk is handed over.
         */
        public void figures(int chunk, Consumer<List<ResultValue>> sink) {
            if (chunk < 1) {
                throw new IllegalArgumentException("chunk must be at least 1, not " + chunk);
            }
            double seconds = bucket.duration().toNanos() / 1e9;
            byte[] inputQuality = new byte[graphOf.size()];
            double[] inputCompleteness = new double[graphOf.size()];
            Arrays.fill(inputQuality, (byte) -1);
            for (int id = 0; id < graphOf.size(); id++) {
                Instance in = graphOf.instance(id);
                if (in.kind() == Instance.Kind.FACTOR) {
                    factorLeaf(s, in);
                } else if (in.synthetic()) {
                    if (extensiveOf[id] && in.kind() == Instance.Kind.SUM) {
                        BucketCalculator.fullSum(s, in); // a lifted sum of sums: summing over keys commutes with summing over time
                    }
                } else if (extensiveOf[id]) {
                    // summed as the parts came
                } else if (in.kind() == Instance.Kind.INPUT && modelled(in)) {
                    BucketAmount a = periodValues.amount(in.node().name(), in.key(), bucket);
                    s.status[id] = a.fed() ? Status.PRESENT : in.node().optional() ? Status.MISSING_OPTIONAL : Status.ABSENT;
                    s.values[id] = a.fed() ? a.amount() : Double.NaN;
                    if (a.fed()) {
                        inputQuality[id] = (byte) a.quality().ordinal();
                        inputCompleteness[id] = a.completeness();
                    }
                    continue;
                } else if (in.kind() == Instance.Kind.INPUT) {
                    intensiveInput(in);
                }
                if (in.kind() == Instance.Kind.INPUT && own[id]) {
                    if (weakest[id] >= 0) {
                        inputQuality[id] = weakest[id];
                        inputCompleteness[id] = Math.min(1, covered[id] / seconds);
                    }
                    int leaf = graphOf.coveredLeaf(id);
                    if (leaf >= 0) {
                        s.values[leaf] = coveredSum(id) / 3600;
                        s.status[leaf] = Status.PRESENT;
                    }
                }
            }
            calculatorOf.evaluateAll(s, true);
            new Reading(inputQuality, inputCompleteness).read(chunk, sink);
        }

        /** A per-period intensive value: the mean of its parts weighted by their covered time (their time when none is covered). */
        private void intensiveInput(Instance in) {
            int id = in.id();
            if (counted[id] == 0) {
                s.status[id] = in.node().optional() ? Status.MISSING_OPTIONAL : Status.ABSENT;
                s.values[id] = Double.NaN;
                return;
            }
            s.status[id] = Status.PRESENT;
            s.values[id] = covered[id] > 0 ? weighted[id] / covered[id] : plain[id] / counted[id];
        }

        /** Reads the computed state out as figures: quality and completeness from the inputs below each. */
        private final class Reading {
            private final byte[] inputQuality;
            private final double[] inputCompleteness;
            /** Per instance, once known: the weakest quality ordinal below it (-1: no input fed it) and the smallest completeness. */
            private final byte[] fedQuality;
            private final double[] fedCompleteness;
            private final boolean[] known;

            Reading(byte[] inputQuality, double[] inputCompleteness) {
                this.inputQuality = inputQuality;
                this.inputCompleteness = inputCompleteness;
                int n = graphOf.size();
                this.fedQuality = new byte[n];
                this.fedCompleteness = new double[n];
                this.known = new boolean[n];
            }

            void read(int chunk, Consumer<List<ResultValue>> sink) {
                List<ResultValue> out = new ArrayList<>(Math.min(chunk, 4096));
                for (Node n : graph.nodes()) {
                    if (n.kind() == io.tanhe.engine.graph.NodeKind.FACTOR || n.kind() == io.tanhe.engine.graph.NodeKind.CONST) {
                        continue; // their values are in the factor library and the methodology
                    }
                    for (int id : graphOf.instancesOf(n.name()).values()) {
                        out.add(figure(n, id));
                        if (out.size() == chunk) {
                            sink.accept(out);
                            out = new ArrayList<>(Math.min(chunk, 4096));
                        }
                    }
                }
                if (!out.isEmpty()) {
                    sink.accept(out);
                }
            }

            private ResultValue figure(Node n, int id) {
                Instance in = graphOf.instance(id);
                boolean present = s.status[id] == Status.PRESENT;
                boolean failed = s.status[id] == Status.FAILED;
                fed(id);
                boolean fed = fedQuality[id] >= 0;
                Quality quality = fed ? Quality.values()[fedQuality[id]] : present ? Quality.MEASURED : Quality.MISSING;
                double completeness = fed ? fedCompleteness[id] : present ? 1.0 : 0.0;
                BucketState.Cause cause = failed ? cause(s, id, partProblems) : null;
                return new ResultValue(n.name(), in.key(), s.bucket, s.values[id], n.unit(), quality, completeness, present,
                        failed, cause == null ? null : cause.code(),
                        failed ? (cause == null ? "an operand failed" : cause.message()) : null);
            }

            private void fed(int id) {
                if (known[id]) {
                    return;
                }
                Instance in = graphOf.instance(id);
                byte q = -1;
                double c = 0;
                if (in.kind() == Instance.Kind.INPUT) {
                    q = inputQuality[id];
                    c = inputCompleteness[id];
                } else {
                    for (int op : in.operands()) {
                        fed(op);
                        if (fedQuality[op] >= 0) {
                            c = q < 0 ? fedCompleteness[op] : Math.min(c, fedCompleteness[op]);
                            q = q < 0 ? fedQuality[op] : (byte) Math.max(q, fedQuality[op]);
                        }
                    }
                }
                fedQuality[id] = q;
                fedCompleteness[id] = c;
                known[id] = true;
            }

            private BucketState.Cause cause(BucketState st, int id, Map<Integer, String> problems) {
                BucketState.Cause ownCause = st.causes.get(id);
                if (ownCause != null) {
                    return ownCause;
                }
                if (extensiveOf[id] && problems.containsKey(id)) {
                    return new BucketState.Cause(null, problems.get(id)); // the stored text; its code was not stored
                }
                for (int op : graphOf.instance(id).operands()) {
                    if (st.status[op] == Status.FAILED) {
                        BucketState.Cause c = cause(st, op, problems);
                        if (c != null) {
                            return c;
                        }
                    }
                }
                return null;
            }
        }
    }

    private boolean modelled(Instance in) {
        return periodValues != null && periodValues.series(in.node().name(), in.key()).isPresent();
    }

    private void expandFor(List<Part> parts) {
        Map<String, List<String>> members = new HashMap<>();
        for (SetInfo set : graph.sets()) {
            members.put(set.name(), new ArrayList<>(set.members()));
        }
        Map<String, Set<String>> added = new HashMap<>();
        for (Part p : parts) {
            Node n = graph.node(p.node()).orElse(null);
            if (n == null || p.key().isEmpty()) {
                continue;
            }
            List<String> keyParts = Keys.parts(p.key());
            for (int i = 0; i < keyParts.size() && i < n.dimensions().size(); i++) {
                String set = n.dimensions().get(i);
                if (graph.set(set).map(SetInfo::open).orElse(false)
                        && added.computeIfAbsent(set, k -> new LinkedHashSet<>(members.get(set))).add(keyParts.get(i))) {
                    members.get(set).add(keyParts.get(i));
                }
            }
        }
        if (!members.equals(expandedFor)) {
            expand(members);
        }
    }

    private void expand(Map<String, List<String>> members) {
        expandedFor = members;
        instances = InstanceGraph.expand(graph, copy(members), execution);
        extensive = ExtensiveClassifier.classify(instances);
        calculator = new BucketCalculator(instances, extensive);
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> members) {
        Map<String, List<String>> out = new HashMap<>();
        members.forEach((k, v) -> out.put(k, new ArrayList<>(v)));
        return out;
    }

    /**
     * A factor over the bucket's local days: the value valid on them when it is the same on each (exactly that
     * value), else the mean of the days' values weighted by their length — the days' own figures used each day's
     * value (factor values apply per local day), so a month spanning a factor package's effective day holds
     * neither the old value nor the new one alone. Days with no valid value are left out (their own figures
     * failed); the factor fails only when no day of the bucket has one.
     */
    private void factorLeaf(BucketState s, Instance in) {
        LocalDate first = s.bucket.start().atZone(zone).toLocalDate();
        LocalDate end = s.bucket.end().atZone(zone).toLocalDate();
        if (!end.isAfter(first)) {
            end = first.plusDays(1); // a bucket inside one day
        }
        // the value can change only where some value of this factor and key starts or ends being valid: one
        // lookup per stretch between those days, not one per day (a year's roll-up reads every factor)
        TreeSet<LocalDate> cuts = new TreeSet<>(List.of(first, end));
        for (FactorValue candidate : factors.values(in.node().name())) {
            if (candidate.key().equals(in.key())) {
                for (LocalDate edge : new LocalDate[]{candidate.validFrom(), candidate.validUntil()}) {
                    if (edge != null && edge.isAfter(first) && edge.isBefore(end)) {
                        cuts.add(edge);
                    }
                }
            }
        }
        double weighted = 0;
        double weights = 0;
        double only = Double.NaN;
        boolean same = true;
        LocalDate from = null;
        for (LocalDate until : cuts) {
            if (from != null) {
                Optional<FactorValue> found = factors.lookup(in.node().name(), in.key(), from);
                if (found.isPresent()) {
                    double v = found.get().value().doubleValue() * found.get().parsedUnit().conversionFactor(in.node().unit());
                    double w = Duration.between(from.atStartOfDay(zone), until.atStartOfDay(zone)).toSeconds();
                    same &= weights == 0 || Double.compare(v, only) == 0;
                    only = weights == 0 ? v : only;
                    weighted += v * w;
                    weights += w;
                }
            }
            from = until;
        }
        if (weights == 0) {
            s.status[in.id()] = Status.FAILED;
            s.causes.put(in.id(), new BucketState.Cause(ErrorCode.E600, "no value of factor " + in.label() + " is valid on "
                    + (end.equals(first.plusDays(1)) ? first : "any day from " + first + " to " + end.minusDays(1))));
            return;
        }
        s.values[in.id()] = same ? only : weighted / weights;
        s.status[in.id()] = Status.PRESENT;
    }

    private static void accumulate(BucketState s, int id, Part p) {
        if (p.failed()) {
            s.failed[id]++;
        } else {
            s.sums[id] += p.value();
            s.present[id]++;
        }
        s.status[id] = s.failed[id] > 0 ? Status.FAILED : s.present[id] > 0 ? Status.PRESENT : Status.ABSENT;
        s.values[id] = s.status[id] == Status.PRESENT ? s.sums[id] : Double.NaN;
    }
}
