package io.tanhe.engine.eval;

import io.tanhe.engine.compile.Builtin;
import io.tanhe.engine.factors.FactorLibrary;
import io.tanhe.engine.factors.FactorValue;
import io.tanhe.engine.graph.ComputationGraph;
import io.tanhe.engine.graph.Node;
import io.tanhe.engine.graph.NodeKind;
import io.tanhe.engine.graph.SetInfo;
import io.tanhe.engine.graph.Term;
import io.tanhe.engine.model.Rounding;
import io.tanhe.grammar.diagnostics.ErrorCode;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates a graph for one period: the simple, direct evaluator used by in-file tests. Keys are
 * sparse: a computed value exists for a key when the inputs it reads exist for that key; sums skip
 * keys without a value. A missing factor value is a problem, never a zero.
 */
public final class PeriodEvaluator {
    private final ComputationGraph graph;

    public PeriodEvaluator(ComputationGraph graph) {
        this.graph = graph;
    }

    /**
     * @param factors the factor library (defaults with any overrides layered on top)
     * @param date    the measurement date factor validity is judged by
     */
    public PeriodResult evaluate(PeriodInputs inputs, FactorLibrary factors, LocalDate date) {
        return new Run(inputs, factors, date).run();
    }

    private final class Run {
        private final PeriodInputs inputs;
        private final FactorLibrary factors;
        private final LocalDate date;
        private final Map<String, Map<String, Double>> values = new LinkedHashMap<>();
        private final Map<String, List<String>> members = new HashMap<>();
        private final List<PeriodResult.Problem> problems = new ArrayList<>();
        private final Set<String> reported = new java.util.HashSet<>();
        private final Set<FactorValue> used = new LinkedHashSet<>();
        private Node current;
        private String currentKey;
        /** Keys that could not be computed, with why; reported where they reach a result. */
        private final Map<String, Map<String, List<PeriodResult.Problem>>> failures = new HashMap<>();
        /** Problems met while computing the current key; dropped if the key turns out absent anyway. */
        private List<PeriodResult.Problem> pending = new ArrayList<>();
        private boolean sawAbsentInput;
        private List<PeriodResult.Problem> lastFailure;
        /** Factor values read for the current key; kept only if the key gets a value. */
        private List<FactorValue> reading = new ArrayList<>();

        Run(PeriodInputs inputs, FactorLibrary factors, LocalDate date) {
            this.inputs = inputs;
            this.factors = factors;
            this.date = date;
        }

        PeriodResult run() {
            collectMembers();
            for (Node n : graph.nodes()) {
                if (n.kind() == NodeKind.INPUT) {
                    Map<String, Double> given = inputs.of(n.name());
                    // An indexed input without keys is activity that did not happen (no diesel burned);
                    // a scalar one without a value is data that is missing.
                    if (given.isEmpty() && !n.optional() && !n.indexed()) {
                        problem(ErrorCode.E601, n.name(), "", "input `" + n.name() + "` has no value; supply it or declare it `optional`");
                    }
                    values.put(n.name(), new LinkedHashMap<>(given));
                } else if (n.kind().computed()) {
                    compute(n);
                }
            }
            reportFailures();
            return new PeriodResult(values, problems, new ArrayList<>(used));
        }

        private void collectMembers() {
            for (SetInfo s : graph.sets()) {
                members.put(s.name(), new ArrayList<>(s.members()));
            }
            for (Node n : graph.nodesOf(NodeKind.INPUT)) {
                for (String key : inputs.of(n.name()).keySet()) {
                    List<String> parts = Keys.parts(key);
                    for (int i = 0; i < parts.size() && i < n.dimensions().size(); i++) {
                        List<String> m = members.get(n.dimensions().get(i));
                        if (!m.contains(parts.get(i))) {
                            m.add(parts.get(i));
                        }
                    }
                }
            }
        }

        private void compute(Node n) {
            Map<String, Double> out = new LinkedHashMap<>();
            String[] slots = new String[Math.max(n.slots(), n.dimensions().size())];
            forEachKey(n.dimensions(), 0, slots, 0, () -> {
                currentKey = Keys.of(java.util.Arrays.asList(slots).subList(0, n.dimensions().size()));
                current = n;
                Double v = sparse(() -> eval(n.formula(), slots));
                if (v != null) {
                    out.put(currentKey, v);
                    used.addAll(reading);
                    reading.clear();
                } else if (lastFailure != null) {
                    failures.computeIfAbsent(n.name(), k -> new LinkedHashMap<>()).put(currentKey, lastFailure);
                }
            });
            values.put(n.name(), out);
        }

        /**
         * A failed key is reported where it matters: in an emission or total, or in a value that
         * nothing reads. Failures inside keys that turned out absent were already dropped.
         */
        private void reportFailures() {
            Set<String> read = new java.util.HashSet<>();
            graph.nodes().forEach(n -> read.addAll(n.dependencies()));
            for (Node n : graph.nodes()) {
                Map<String, List<PeriodResult.Problem>> failed = failures.get(n.name());
                if (failed != null && (n.kind() == NodeKind.EMISSION || n.kind() == NodeKind.TOTAL || !read.contains(n.name()))) {
                    failed.values().forEach(list -> list.forEach(p -> problem(p.code(), p.node(), p.key(), p.message())));
                }
            }
        }

        /**
         * Evaluates one key. Without a value it is either absent — an activity input it reads has
         * no value for that key, so the key does not exist and problems met on the way do not
         * count — or failed, with the problems in {@link #lastFailure}.
         */
        private Double sparse(java.util.function.Supplier<Double> body) {
            List<PeriodResult.Problem> outerPending = pending;
            List<FactorValue> outerReading = reading;
            boolean outerAbsent = sawAbsentInput;
            pending = new ArrayList<>();
            reading = new ArrayList<>();
            sawAbsentInput = false;
            Double v = body.get();
            lastFailure = v == null && !sawAbsentInput && !pending.isEmpty() ? pending : null;
            if (v != null) {
                outerReading.addAll(reading);
            }
            pending = outerPending;
            reading = outerReading;
            sawAbsentInput = outerAbsent;
            return v;
        }

        private void forEachKey(List<String> sets, int i, String[] slots, int firstSlot, Runnable body) {
            if (i == sets.size()) {
                body.run();
                return;
            }
            for (String m : members.get(sets.get(i))) {
                slots[firstSlot + i] = m;
                forEachKey(sets, i + 1, slots, firstSlot, body);
            }
        }

        /** The value of a term, or null when absent (a sparse key, or a problem already recorded). */
        private Double eval(Term t, String[] slots) {
            if (t instanceof Term.Const c) {
                return c.value();
            }
            if (t instanceof Term.Load l) {
                return load(l, slots);
            }
            if (t instanceof Term.Scale s) {
                Double v = eval(s.inner(), slots);
                return v == null ? null : v * s.factor();
            }
            if (t instanceof Term.Neg n) {
                Double v = eval(n.inner(), slots);
                return v == null ? null : -v;
            }
            if (t instanceof Term.Arith a) {
                return arith(a, slots);
            }
            if (t instanceof Term.If i) {
                Boolean c = test(i.condition(), slots);
                return c == null ? null : eval(c ? i.then() : i.otherwise(), slots);
            }
            if (t instanceof Term.Aggregate a) {
                return aggregate(a, slots);
            }
            if (t instanceof Term.Extremum e) {
                Double best = null;
                for (Term o : e.operands()) {
                    Double v = eval(o, slots);
                    if (v == null) {
                        return null;
                    }
                    best = best == null ? v : e.max() ? Math.max(best, v) : Math.min(best, v);
                }
                return best;
            }
            if (t instanceof Term.Abs a) {
                Double v = eval(a.inner(), slots);
                return v == null ? null : Math.abs(v);
            }
            if (t instanceof Term.Round r) {
                Double v = eval(r.inner(), slots);
                return v == null ? null : Rounding.halfUp(v, r.digits());
            }
            throw new IllegalStateException("a condition where a number was expected: " + t);
        }

        private Boolean test(Term t, String[] slots) {
            if (t instanceof Term.Available a) {
                return present(a.load(), slots);
            }
            if (t instanceof Term.Not n) {
                Boolean v = test(n.inner(), slots);
                return v == null ? null : !v;
            }
            if (t instanceof Term.Logic l) {
                Boolean a = test(l.left(), slots);
                Boolean b = test(l.right(), slots);
                return a == null || b == null ? null : l.and() ? a && b : a || b;
            }
            Term.Compare c = (Term.Compare) t;
            Double a = eval(c.left(), slots);
            Double b = eval(c.right(), slots);
            if (a == null || b == null) {
                return null;
            }
            return switch (c.op()) {
                case LT -> a < b;
                case LE -> a <= b;
                case GT -> a > b;
                case GE -> a >= b;
                case EQ -> a.doubleValue() == b.doubleValue();
                case NE -> a.doubleValue() != b.doubleValue();
            };
        }

        private Double arith(Term.Arith a, String[] slots) {
            Double l = eval(a.left(), slots);
            Double r = eval(a.right(), slots);
            if (l == null || r == null) {
                return null;
            }
            double v = switch (a.op()) {
                case ADD -> l + r;
                case SUB -> l - r;
                case MUL -> l * r;
                case DIV -> l / r;
                case POW -> Math.pow(l, r);
            };
            if (!Double.isFinite(v)) {
                pending.add(new PeriodResult.Problem(ErrorCode.E603, current.name(), currentKey, (a.op() == Term.ArithOp.DIV && r == 0 ? "division by zero" : "result is not a finite number")
                        + " in `" + current.name() + "` at " + a.span()));
                return null;
            }
            return v;
        }

        private Double aggregate(Term.Aggregate a, String[] slots) {
            double[] acc = {0};
            int[] count = {0};
            boolean[] failed = {false};
            forEachKey(a.sets(), 0, slots, a.firstSlot(), () -> {
                Double v = sparse(() -> eval(a.body(), slots));
                if (v == null && lastFailure != null) {
                    pending.addAll(lastFailure);
                    failed[0] = true;
                }
                if (v != null) {
                    acc[0] = count[0] == 0 ? v : combine(a.function(), acc[0], v);
                    count[0]++;
                }
            });
            if (failed[0]) {
                return null;
            }
            if (count[0] == 0) {
                return a.function() == Builtin.SUM ? 0.0 : null;
            }
            return acc[0];
        }

        private static double combine(Builtin function, double acc, double v) {
            return switch (function) {
                case MAX -> Math.max(acc, v);
                case MIN -> Math.min(acc, v);
                default -> acc + v;
            };
        }

        private boolean present(Term.Load l, String[] slots) {
            Node target = graph.node(l.node()).orElseThrow();
            String key = key(l, slots);
            if (target.kind() == NodeKind.FACTOR) {
                return factors.lookup(target.name(), key, date).isPresent();
            }
            return values.getOrDefault(target.name(), Map.of()).containsKey(key);
        }

        private Double load(Term.Load l, String[] slots) {
            Node target = graph.node(l.node()).orElseThrow();
            String key = key(l, slots);
            if (target.kind() != NodeKind.FACTOR) {
                Double v = values.getOrDefault(target.name(), Map.of()).get(key);
                if (v != null) {
                    return v;
                }
                List<PeriodResult.Problem> failedDependency = failures.getOrDefault(target.name(), Map.of()).get(key);
                if (failedDependency != null) {
                    pending.addAll(failedDependency);
                } else if (target.kind() == NodeKind.INPUT && target.optional()) {
                    pending.add(new PeriodResult.Problem(ErrorCode.E601, target.name(), key, "optional input `" + target.name()
                            + "`" + (key.isEmpty() ? "" : "[" + key + "]") + " has no value and `" + current.name()
                            + (currentKey.isEmpty() ? "" : "[" + currentKey + "]") + "` reads it without `available(…)`"));
                } else {
                    sawAbsentInput = true;
                }
                return null;
            }
            var found = factors.lookup(target.name(), key, date);
            if (found.isEmpty()) {
                pending.add(new PeriodResult.Problem(ErrorCode.E600, target.name(), key, "no value of factor `" + target.name() + "`"
                        + (key.isEmpty() ? "" : "[" + key + "]") + " is valid on " + date + " (needed by `" + current.name()
                        + (currentKey.isEmpty() ? "" : "[" + currentKey + "]") + "`)"));
                return null;
            }
            reading.add(found.get());
            return found.get().value().doubleValue() * found.get().parsedUnit().conversionFactor(target.unit());
        }

        private String key(Term.Load l, String[] slots) {
            if (l.key().isEmpty()) {
                return Keys.SCALAR;
            }
            List<String> parts = new ArrayList<>(l.key().size());
            for (Term.KeyPart p : l.key()) {
                parts.add(p instanceof Term.Slot s ? slots[s.index()] : ((Term.Fixed) p).member());
            }
            return Keys.of(parts);
        }

        private void problem(ErrorCode code, String node, String key, String message) {
            if (reported.add(code + node + "|" + key)) {
                problems.add(new PeriodResult.Problem(code, node, key, message));
            }
        }
    }
}
