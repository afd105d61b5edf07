package io.tanhe.engine.incremental;

import io.tanhe.engine.graph.Keys;
import io.tanhe.engine.graph.Term;
import io.tanhe.engine.model.Rounding;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Compiles the formula of one instance into a {@link Calc}: the members of the instance's key are
 * bound to the term's slots, every load becomes a read of an instance by id, and each aggregate is
 * lifted into instances of its own (its bodies and a SUM, MIN or MAX instance) so that one changed
 * operand updates a sum by its difference instead of re-adding every term.
 *
 * <p>One compiler per formula (an aggregate's body gets its own): it collects the instances the
 * formula reads, in first-read order, which is the order provenance lists them in. It also records
 * every read in the order of its walk over the term, repeats included ({@link Compiled#loads}):
 * {@link KernelGenerator} walks the same term in the same order, so a node's generated code reads
 * the {@code k}-th load of each instance from that list.
 */
final class FormulaCompiler {
    /**
     * A compiled formula, the ids of the instances it reads, and its reads in walk order.
     *
     * @param loads the instance read at each load site of the formula, in {@link KernelGenerator}'s walk order
     */
    record Compiled(Calc calc, int[] operands, int[] loads) {
    }

    private final InstanceGraph graph;
    private final String[] slots;
    private final Set<Integer> operands = new LinkedHashSet<>();
    private final List<Integer> loads = new ArrayList<>();

    /** @param slots the member bound to each slot of the formula's terms (the key first, then aggregate variables) */
    FormulaCompiler(InstanceGraph graph, String[] slots) {
        this.graph = graph;
        this.slots = slots;
    }

    Compiled compile(Term formula) {
        Calc calc = calc(formula);
        return new Compiled(calc, ids(operands), ids(loads));
    }

    private Calc calc(Term t) {
        return switch (t) {
            case Term.Scale s -> product(s);
            case Term.Arith a when a.op() == Term.ArithOp.MUL -> product(a);
            case Term.Arith a -> arith(a.op(), calc(a.left()), calc(a.right()));
            case Term.Const c -> constant(c.value());
            case Term.Load l -> read(load(l));
            case Term.Neg n -> negate(calc(n.inner()));
            case Term.Compare c -> compare(c.op(), calc(c.left()), calc(c.right()));
            case Term.Logic l -> logic(l.and(), calc(l.left()), calc(l.right()));
            case Term.Not n -> not(calc(n.inner()));
            case Term.If(Term.Available(Term.Load tested, _), Term.Load measured, Term otherwise, _, _)
                    when sameValue(tested, measured) -> measuredElse(measured, otherwise);
            case Term.If i -> choose(calc(i.condition()), calc(i.then()), calc(i.otherwise()));
            case Term.Available a -> available(load(a.load()));
            case Term.Covered c -> read(graph.covered(load(c.load())));
            case Term.Aggregate a -> read(aggregate(a));
            case Term.Extremum e -> extremum(e.max(), e.operands().stream().map(this::calc).toArray(Calc[]::new));
            case Term.Abs a -> abs(calc(a.inner()));
            case Term.Round r -> round(calc(r.inner()), r.digits());
        };
    }

    private Calc read(int id) {
        operands.add(id);
        loads.add(id);
        return values -> values[id];
    }

    // ---- products: the common formula, one loop over loaded values and one over the other factors ----

    /** The factors of a product: constants and scales multiplied together, loads, and any other terms. */
    static final class Factors {
        double constant = 1;
        final List<Term.Load> loads = new ArrayList<>();
        final List<Term> others = new ArrayList<>();

        /** The factors of a product term ({@link Term.Scale} or a multiplication), in the order of the term. */
        static Factors of(Term product) {
            Factors f = new Factors();
            f.collect(product);
            return f;
        }

        /** Whether the product is computed as {@code a × b × k} rather than {@code k × a × b × …} (see {@link #multiply}). */
        boolean shortForm() {
            return others.isEmpty() && loads.size() <= 2;
        }

        private void collect(Term t) {
            switch (t) {
                case Term.Const c -> constant *= c.value();
                case Term.Load l -> loads.add(l);
                case Term.Scale s -> {
                    constant *= s.factor();
                    collect(s.inner());
                }
                case Term.Arith a when a.op() == Term.ArithOp.MUL -> {
                    collect(a.left());
                    collect(a.right());
                }
                default -> others.add(t);
            }
        }
    }

    private Calc product(Term t) {
        Factors f = Factors.of(t);
        List<Integer> loaded = f.loads.stream().map(this::load).toList();
        operands.addAll(loaded);
        loads.addAll(loaded);
        Calc[] rest = f.others.stream().map(this::calc).toArray(Calc[]::new);
        return multiply(ids(loaded), rest, f.constant);
    }

    private static Calc multiply(int[] ids, Calc[] others, double k) {
        if (others.length == 0 && ids.length <= 2) {
            return switch (ids.length) {
                case 0 -> values -> k;
                case 1 -> {
                    int a = ids[0];
                    yield values -> values[a] * k;
                }
                default -> {
                    int a = ids[0];
                    int b = ids[1];
                    yield values -> values[a] * values[b] * k;
                }
            };
        }
        return values -> {
            double p = k;
            for (int id : ids) {
                p *= values[id];
            }
            for (Calc c : others) {
                p *= c.apply(values);
            }
            return p;
        };
    }

    // ---- "measured if available, else default": one read and one test ----

    private static boolean sameValue(Term.Load a, Term.Load b) {
        return a.node().equals(b.node()) && a.key().equals(b.key());
    }

    private Calc measuredElse(Term.Load measured, Term otherwise) {
        int m = load(measured);
        operands.add(m);
        loads.add(m);
        if (otherwise instanceof Term.Load fallback) {
            int other = load(fallback);
            operands.add(other);
            loads.add(other);
            return values -> {
                double x = values[m];
                return x == x ? x : values[other];
            };
        }
        Calc other = calc(otherwise);
        return values -> {
            double x = values[m];
            return x == x ? x : other.apply(values);
        };
    }

    // ---- aggregates ----

    /** Lifts {@code sum/min/max(v in set: body)} into body instances and an aggregate instance; returns the latter. */
    private int aggregate(Term.Aggregate a) {
        List<Integer> children = new ArrayList<>();
        String[] inner = Arrays.copyOf(slots, slots.length);
        for (List<String> combo : graph.keys(a.sets())) {
            for (int i = 0; i < combo.size(); i++) {
                inner[a.firstSlot() + i] = combo.get(i);
            }
            children.add(body(a.body(), inner));
        }
        Instance.Kind kind = switch (a.function()) {
            case SUM -> Instance.Kind.SUM;
            case MIN -> Instance.Kind.MIN;
            case MAX -> Instance.Kind.MAX;
            case ABS, ROUND, AVAILABLE, MEAN, COVERED -> throw new IllegalStateException(a.function() + " does not aggregate");
        };
        return graph.addSynthetic(kind, null, ids(children));
    }

    /** A body that is a plain load reads that instance; any other body becomes an instance of its own. */
    private int body(Term body, String[] bound) {
        FormulaCompiler c = new FormulaCompiler(graph, bound);
        if (body instanceof Term.Load l) {
            return c.load(l);
        }
        Compiled compiled = c.compile(body);
        return graph.addSynthetic(Instance.Kind.FORMULA, compiled.calc(), compiled.operands());
    }

    private int load(Term.Load l) {
        List<String> parts = new ArrayList<>(l.key().size());
        for (Term.KeyPart p : l.key()) {
            parts.add(switch (p) {
                case Term.Slot s -> slots[s.index()];
                case Term.Fixed f -> f.member();
            });
        }
        return graph.required(l.node(), Keys.of(parts));
    }

    private static int[] ids(Collection<Integer> ids) {
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    // ---- the operations; NaN (absent or failed) propagates, conditions are 1, 0 or NaN ----

    private static Calc constant(double v) {
        return values -> v;
    }

    private Calc available(int id) {
        operands.add(id);
        loads.add(id);
        return values -> values[id] != values[id] ? 0 : 1;
    }

    private static Calc negate(Calc inner) {
        return values -> -inner.apply(values);
    }

    private static Calc arith(Term.ArithOp op, Calc l, Calc r) {
        return switch (op) {
            case ADD -> values -> l.apply(values) + r.apply(values);
            case SUB -> values -> l.apply(values) - r.apply(values);
            case MUL -> values -> l.apply(values) * r.apply(values);
            case DIV -> values -> l.apply(values) / r.apply(values);
            case POW -> values -> Math.pow(l.apply(values), r.apply(values));
        };
    }

    private static Calc compare(Term.CompareOp op, Calc l, Calc r) {
        return values -> {
            double x = l.apply(values);
            double y = r.apply(values);
            if (x != x || y != y) {
                return Double.NaN;
            }
            boolean b = switch (op) {
                case LT -> x < y;
                case LE -> x <= y;
                case GT -> x > y;
                case GE -> x >= y;
                case EQ -> x == y;
                case NE -> x != y;
            };
            return b ? 1 : 0;
        };
    }

    private static Calc logic(boolean and, Calc a, Calc b) {
        return values -> {
            double x = a.apply(values);
            double y = b.apply(values);
            if (x != x || y != y) {
                return Double.NaN;
            }
            return (and ? x != 0 && y != 0 : x != 0 || y != 0) ? 1 : 0;
        };
    }

    private static Calc not(Calc inner) {
        return values -> {
            double x = inner.apply(values);
            return x != x ? Double.NaN : x == 0 ? 1 : 0;
        };
    }

    private static Calc choose(Calc condition, Calc then, Calc otherwise) {
        return values -> {
            double x = condition.apply(values);
            return x != x ? Double.NaN : x != 0 ? then.apply(values) : otherwise.apply(values);
        };
    }

    private static Calc extremum(boolean max, Calc[] ops) {
        return values -> {
            double best = ops[0].apply(values);
            for (int i = 1; i < ops.length; i++) {
                double x = ops[i].apply(values);
                best = max ? Math.max(best, x) : Math.min(best, x);
            }
            return best;
        };
    }

    private static Calc abs(Calc inner) {
        return values -> Math.abs(inner.apply(values));
    }

    private static Calc round(Calc inner, int digits) {
        return values -> Rounding.halfUp(inner.apply(values), digits);
    }
}
