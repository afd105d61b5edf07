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
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

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
            if (!bucket.grain().isCoarserThan(p.bucket().grain()) || !bucket.encloses(p.bucket())) {
                throw new IllegalArgumentException("part " + p.node() + (p.key().isEmpty() ? "" : "[" + p.key() + "]")
                        + " of " + p.bucket() + " is not a finer bucket inside " + bucket);
            }
        }
        expandFor(parts);
        Map<Integer, List<Part>> byInstance = new HashMap<>();
        for (Part p : parts) {
            int id = instances.id(p.node(), p.key());
            if (id >= 0) {
                byInstance.computeIfAbsent(id, k -> new ArrayList<>()).add(p);
            }
        }
        BucketState s = new BucketState(bucket, instances.size());
        double seconds = bucket.duration().toNanos() / 1e9;
        Map<Integer, double[]> inputFigures = new HashMap<>();
        Map<Integer, String> partProblems = new HashMap<>();
        for (int id = 0; id < instances.size(); id++) {
            Instance in = instances.instance(id);
            List<Part> own = byInstance.getOrDefault(id, List.of());
            if (in.kind() == Instance.Kind.FACTOR) {
                factorLeaf(s, in);
            } else if (in.synthetic()) {
                if (extensive[id] && in.kind() == Instance.Kind.SUM) {
                    BucketCalculator.fullSum(s, in); // a lifted sum of sums: summing over keys commutes with summing over time
                }
            } else if (extensive[id]) {
                for (Part p : own) {
                    accumulate(s, id, p);
                    if (p.failed() && p.problem() != null) {
                        partProblems.putIfAbsent(id, p.problem());
                    }
                }
            } else if (in.kind() == Instance.Kind.INPUT && modelled(in)) {
                BucketAmount a = periodValues.amount(in.node().name(), in.key(), bucket);
                s.status[id] = a.fed() ? Status.PRESENT : in.node().optional() ? Status.MISSING_OPTIONAL : Status.ABSENT;
                s.values[id] = a.fed() ? a.amount() : Double.NaN;
                if (a.fed()) {
                    inputFigures.put(id, new double[]{a.quality().ordinal(), a.completeness()});
                }
                continue;
            } else if (in.kind() == Instance.Kind.INPUT) {
                intensiveInput(s, in, own);
            }
            if (in.kind() == Instance.Kind.INPUT && !own.isEmpty()) {
                inputFigures.put(id, figure(own, seconds));
                int covered = instances.coveredLeaf(id);
                if (covered >= 0) {
                    double hours = own.stream().filter(p -> !p.failed()).mapToDouble(Part::coveredSeconds).sum() / 3600;
                    s.values[covered] = hours;
                    s.status[covered] = Status.PRESENT;
                }
            }
        }
        calculator.evaluateAll(s, true);
        return read(s, inputFigures, partProblems);
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
            expandedFor = members;
            instances = InstanceGraph.expand(graph, copy(members), execution);
            extensive = ExtensiveClassifier.classify(instances);
            calculator = new BucketCalculator(instances, extensive);
        }
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

    /** A per-period intensive value: the mean of its parts weighted by their covered time (their time when none is covered). */
    private static void intensiveInput(BucketState s, Instance in, List<Part> own) {
        double weighted = 0;
        double weights = 0;
        double plain = 0;
        int present = 0;
        for (Part p : own) {
            if (p.failed()) {
                continue;
            }
            double w = p.coveredSeconds();
            weighted += p.value() * w;
            weights += w;
            plain += p.value();
            present++;
        }
        int id = in.id();
        if (present == 0) {
            s.status[id] = in.node().optional() ? Status.MISSING_OPTIONAL : Status.ABSENT;
            s.values[id] = Double.NaN;
            return;
        }
        s.status[id] = Status.PRESENT;
        s.values[id] = weights > 0 ? weighted / weights : plain / present;
    }

    /** {weakest quality ordinal, covered fraction of the bucket} of an input's parts. */
    private static double[] figure(List<Part> own, double bucketSeconds) {
        Quality weakest = null;
        double covered = 0;
        for (Part p : own) {
            if (p.failed()) {
                continue;
            }
            weakest = weakest == null ? p.quality() : weakest.and(p.quality());
            covered += p.coveredSeconds();
        }
        return weakest == null ? null : new double[]{weakest.ordinal(), Math.min(1, covered / bucketSeconds)};
    }

    private List<ResultValue> read(BucketState s, Map<Integer, double[]> inputFigures, Map<Integer, String> partProblems) {
        Map<Integer, double[]> summary = new HashMap<>();
        List<ResultValue> out = new ArrayList<>();
        for (Node n : graph.nodes()) {
            if (n.kind() == io.tanhe.engine.graph.NodeKind.FACTOR || n.kind() == io.tanhe.engine.graph.NodeKind.CONST) {
                continue; // their values are in the factor library and the methodology
            }
            for (int id : instances.instancesOf(n.name()).values()) {
                Instance in = instances.instance(id);
                boolean present = s.status[id] == Status.PRESENT;
                boolean failed = s.status[id] == Status.FAILED;
                double[] fed = fed(id, inputFigures, summary);
                Quality quality = fed != null ? Quality.values()[(int) fed[0]] : present ? Quality.MEASURED : Quality.MISSING;
                double completeness = fed != null ? fed[1] : present ? 1.0 : 0.0;
                BucketState.Cause cause = failed ? cause(s, id, partProblems) : null;
                out.add(new ResultValue(n.name(), in.key(), s.bucket, s.values[id], n.unit(), quality, completeness, present,
                        failed, cause == null ? null : cause.code(),
                        failed ? (cause == null ? "an operand failed" : cause.message()) : null));
            }
        }
        return out;
    }

    private double[] fed(int id, Map<Integer, double[]> inputFigures, Map<Integer, double[]> summary) {
        if (summary.containsKey(id)) {
            return summary.get(id);
        }
        Instance in = instances.instance(id);
        double[] result = null;
        if (in.kind() == Instance.Kind.INPUT) {
            result = inputFigures.get(id);
        } else {
            for (int op : in.operands()) {
                double[] o = fed(op, inputFigures, summary);
                if (o != null) {
                    result = result == null ? o.clone() : new double[]{Math.max(result[0], o[0]), Math.min(result[1], o[1])};
                }
            }
        }
        summary.put(id, result);
        return result;
    }

    private BucketState.Cause cause(BucketState s, int id, Map<Integer, String> partProblems) {
        BucketState.Cause own = s.causes.get(id);
        if (own != null) {
            return own;
        }
        if (extensive[id] && partProblems.containsKey(id)) {
            return new BucketState.Cause(null, partProblems.get(id)); // the stored text; its code was not stored
        }
        for (int op : instances.instance(id).operands()) {
            if (s.status[op] == Status.FAILED) {
                BucketState.Cause c = cause(s, op, partProblems);
                if (c != null) {
                    return c;
                }
            }
        }
        return null;
    }
}
