package io.tanhe.engine.incremental;

import io.tanhe.engine.graph.Builtin;
import io.tanhe.engine.graph.ComputationGraph;
import io.tanhe.engine.graph.Keys;
import io.tanhe.engine.graph.Node;
import io.tanhe.engine.graph.NodeKind;
import io.tanhe.engine.graph.Term;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A computation graph expanded over the members of its sets: one {@link Instance} per node and
 * key, numbered so that every instance comes after the instances it reads. Aggregates are lifted
 * into instances of their own ({@link Instance.Kind#SUM} …) so that one changed operand updates a
 * sum by its difference instead of re-adding every term.
 */
final class InstanceGraph {
    private final ComputationGraph graph;
    private final List<Instance> instances = new ArrayList<>();
    private final Map<String, Map<String, Integer>> ids = new HashMap<>();
    private final Map<String, List<String>> members;
    private int[][] dependents;

    private InstanceGraph(ComputationGraph graph, Map<String, List<String>> members) {
        this.graph = graph;
        this.members = members;
    }

    /** @param members the members of every set, closed sets' declared ones and open sets' known ones */
    static InstanceGraph expand(ComputationGraph graph, Map<String, List<String>> members) {
        addFixedMembers(graph, members);
        InstanceGraph g = new InstanceGraph(graph, members);
        for (Node n : graph.nodes()) {
            for (List<String> key : keys(n.dimensions(), members)) {
                g.addNodeInstance(n, key);
            }
        }
        g.linkDependents();
        return g;
    }

    ComputationGraph graph() {
        return graph;
    }

    int size() {
        return instances.size();
    }

    Instance instance(int id) {
        return instances.get(id);
    }

    /** The instance of {@code node} at {@code key}, or -1. */
    int id(String node, String key) {
        Integer id = ids.getOrDefault(node, Map.of()).get(key);
        return id == null ? -1 : id;
    }

    /** The instances of one node by key, in key order. */
    Map<String, Integer> instancesOf(String node) {
        return ids.getOrDefault(node, Map.of());
    }

    int[] dependents(int id) {
        return dependents[id];
    }

    List<String> members(String set) {
        return members.getOrDefault(set, List.of());
    }

    /** A member of an open set named in a formula ({@code coal[unit1]}) exists even before data arrives for it. */
    private static void addFixedMembers(ComputationGraph graph, Map<String, List<String>> members) {
        for (Node n : graph.nodes()) {
            if (n.formula() != null) {
                fixedMembers(n.formula(), graph, members);
            }
        }
    }

    private static void fixedMembers(Term t, ComputationGraph graph, Map<String, List<String>> members) {
        Term.Load load = t instanceof Term.Load l ? l : t instanceof Term.Available a ? a.load() : null;
        if (load != null) {
            Node target = graph.node(load.node()).orElseThrow();
            for (int i = 0; i < load.key().size(); i++) {
                if (load.key().get(i) instanceof Term.Fixed f) {
                    List<String> list = members.get(target.dimensions().get(i));
                    if (!list.contains(f.member())) {
                        list.add(f.member());
                    }
                }
            }
            return;
        }
        for (Term child : io.tanhe.engine.graph.Terms.children(t)) {
            fixedMembers(child, graph, members);
        }
    }

    static List<List<String>> keys(List<String> sets, Map<String, List<String>> members) {
        List<List<String>> keys = new ArrayList<>();
        keys.add(List.of());
        for (String set : sets) {
            List<List<String>> next = new ArrayList<>();
            for (List<String> prefix : keys) {
                for (String m : members.getOrDefault(set, List.of())) {
                    List<String> k = new ArrayList<>(prefix);
                    k.add(m);
                    next.add(k);
                }
            }
            keys = next;
        }
        return keys;
    }

    private void addNodeInstance(Node n, List<String> key) {
        String k = Keys.of(key);
        if (n.kind() == NodeKind.INPUT || n.kind() == NodeKind.FACTOR) {
            add(n, k, n.kind() == NodeKind.INPUT ? Instance.Kind.INPUT : Instance.Kind.FACTOR, null, new int[0]);
            return;
        }
        String[] slots = new String[Math.max(n.slots(), key.size())];
        for (int i = 0; i < key.size(); i++) {
            slots[i] = key.get(i);
        }
        Set<Integer> operands = new LinkedHashSet<>();
        Calc calc = compile(n.formula(), slots, operands);
        add(n, k, Instance.Kind.FORMULA, calc, operands.stream().mapToInt(Integer::intValue).toArray());
    }

    private int add(Node n, String key, Instance.Kind kind, Calc calc, int[] operands) {
        int id = instances.size();
        instances.add(new Instance(id, n, key, kind, calc, operands));
        if (n != null) {
            ids.computeIfAbsent(n.name(), x -> new java.util.LinkedHashMap<>()).put(key, id);
        }
        return id;
    }

    private void linkDependents() {
        List<List<Integer>> deps = new ArrayList<>();
        for (int i = 0; i < instances.size(); i++) {
            deps.add(new ArrayList<>());
        }
        for (Instance in : instances) {
            for (int op : in.operands()) {
                deps.get(op).add(in.id());
            }
        }
        dependents = new int[instances.size()][];
        for (int i = 0; i < instances.size(); i++) {
            dependents[i] = deps.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
    }

    // ---- compiling terms with the key's members bound ----

    private Calc compile(Term t, String[] slots, Set<Integer> operands) {
        if (t instanceof Term.Arith a && a.op() == Term.ArithOp.MUL || t instanceof Term.Scale) {
            double[] constant = new double[]{1};
            List<Integer> loads = new ArrayList<>();
            List<Term> others = new ArrayList<>();
            product(t, slots, constant, loads, others);
            operands.addAll(loads);
            Calc[] rest = others.stream().map(o -> compile(o, slots, operands)).toArray(Calc[]::new);
            return product(loads.stream().mapToInt(Integer::intValue).toArray(), rest, constant[0]);
        }
        if (t instanceof Term.Const c) {
            double v = c.value();
            return values -> v;
        }
        if (t instanceof Term.Load l) {
            int id = load(l, slots);
            operands.add(id);
            return values -> values[id];
        }
        if (t instanceof Term.Scale s) {
            Calc inner = compile(s.inner(), slots, operands);
            double f = s.factor();
            return values -> inner.apply(values) * f;
        }
        if (t instanceof Term.Neg n) {
            Calc inner = compile(n.inner(), slots, operands);
            return values -> -inner.apply(values);
        }
        if (t instanceof Term.Arith a) {
            return arith(a, compile(a.left(), slots, operands), compile(a.right(), slots, operands));
        }
        if (t instanceof Term.Compare c) {
            return compare(c.op(), compile(c.left(), slots, operands), compile(c.right(), slots, operands));
        }
        if (t instanceof Term.Logic l) {
            Calc a = compile(l.left(), slots, operands);
            Calc b = compile(l.right(), slots, operands);
            boolean and = l.and();
            return values -> {
                double x = a.apply(values);
                double y = b.apply(values);
                if (x != x || y != y) {
                    return Double.NaN;
                }
                return (and ? x != 0 && y != 0 : x != 0 || y != 0) ? 1 : 0;
            };
        }
        if (t instanceof Term.Not n) {
            Calc inner = compile(n.inner(), slots, operands);
            return values -> {
                double x = inner.apply(values);
                return x != x ? Double.NaN : x == 0 ? 1 : 0;
            };
        }
        if (t instanceof Term.If i && i.condition() instanceof Term.Available a && i.then() instanceof Term.Load then
                && then.node().equals(a.load().node()) && then.key().equals(a.load().key())) {
            // "measured if available, else default": one read and one test
            int measured = load(then, slots);
            operands.add(measured);
            if (i.otherwise() instanceof Term.Load fallback) {
                int other = load(fallback, slots);
                operands.add(other);
                return values -> {
                    double x = values[measured];
                    return x == x ? x : values[other];
                };
            }
            Calc otherwise = compile(i.otherwise(), slots, operands);
            return values -> {
                double x = values[measured];
                return x == x ? x : otherwise.apply(values);
            };
        }
        if (t instanceof Term.If i) {
            Calc c = compile(i.condition(), slots, operands);
            Calc a = compile(i.then(), slots, operands);
            Calc b = compile(i.otherwise(), slots, operands);
            return values -> {
                double x = c.apply(values);
                return x != x ? Double.NaN : x != 0 ? a.apply(values) : b.apply(values);
            };
        }
        if (t instanceof Term.Available a) {
            int id = load(a.load(), slots);
            operands.add(id);
            return values -> values[id] != values[id] ? 0 : 1;
        }
        if (t instanceof Term.Aggregate a) {
            int id = aggregate(a, slots);
            operands.add(id);
            return values -> values[id];
        }
        if (t instanceof Term.Extremum e) {
            Calc[] ops = e.operands().stream().map(o -> compile(o, slots, operands)).toArray(Calc[]::new);
            boolean max = e.max();
            return values -> {
                double best = ops[0].apply(values);
                for (int i = 1; i < ops.length; i++) {
                    double x = ops[i].apply(values);
                    best = max ? Math.max(best, x) : Math.min(best, x);
                }
                return best;
            };
        }
        if (t instanceof Term.Abs a) {
            Calc inner = compile(a.inner(), slots, operands);
            return values -> Math.abs(inner.apply(values));
        }
        Term.Round r = (Term.Round) t;
        Calc inner = compile(r.inner(), slots, operands);
        int digits = r.digits();
        return values -> io.tanhe.engine.model.Rounding.halfUp(inner.apply(values), digits);
    }

    /**
     * True when {@code t} is a product (of loads, constants, scales and any other factors): the
     * common formula, evaluated in one loop over loaded values and one over the other factors.
     */
    private boolean product(Term t, String[] slots, double[] constant, List<Integer> loads, List<Term> others) {
        if (t instanceof Term.Const c) {
            constant[0] *= c.value();
            return true;
        }
        if (t instanceof Term.Load l) {
            loads.add(load(l, slots));
            return true;
        }
        if (t instanceof Term.Scale s) {
            constant[0] *= s.factor();
            return product(s.inner(), slots, constant, loads, others);
        }
        if (t instanceof Term.Arith a && a.op() == Term.ArithOp.MUL) {
            return product(a.left(), slots, constant, loads, others) && product(a.right(), slots, constant, loads, others);
        }
        others.add(t);
        return true;
    }

    private static Calc product(int[] ids, Calc[] others, double k) {
        if (others.length == 0) {
            switch (ids.length) {
                case 0:
                    return values -> k;
                case 1: {
                    int a = ids[0];
                    return values -> values[a] * k;
                }
                case 2: {
                    int a = ids[0];
                    int b = ids[1];
                    return values -> values[a] * values[b] * k;
                }
                default:
                    break;
            }
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

    private static Calc arith(Term.Arith a, Calc l, Calc r) {
        return switch (a.op()) {
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

    private int load(Term.Load l, String[] slots) {
        List<String> parts = new ArrayList<>(l.key().size());
        for (Term.KeyPart p : l.key()) {
            parts.add(p instanceof Term.Slot s ? slots[s.index()] : ((Term.Fixed) p).member());
        }
        int id = id(l.node(), Keys.of(parts));
        if (id < 0) {
            throw new IllegalStateException("no instance " + l.node() + "[" + Keys.of(parts) + "]; members " + members);
        }
        return id;
    }

    /** Lifts {@code sum/min/max(v in set: body)} into body instances and an aggregate instance. */
    private int aggregate(Term.Aggregate a, String[] slots) {
        List<Integer> children = new ArrayList<>();
        String[] inner = Arrays.copyOf(slots, slots.length);
        for (List<String> combo : keys(a.sets(), members)) {
            for (int i = 0; i < combo.size(); i++) {
                inner[a.firstSlot() + i] = combo.get(i);
            }
            if (a.body() instanceof Term.Load l) {
                children.add(load(l, inner));
            } else {
                Set<Integer> ops = new LinkedHashSet<>();
                Calc body = compile(a.body(), inner, ops);
                children.add(add(null, "", Instance.Kind.FORMULA, body, ops.stream().mapToInt(Integer::intValue).toArray()));
            }
        }
        Instance.Kind kind = a.function() == Builtin.SUM ? Instance.Kind.SUM
                : a.function() == Builtin.MAX ? Instance.Kind.MAX : Instance.Kind.MIN;
        return add(null, "", kind, null, children.stream().mapToInt(Integer::intValue).toArray());
    }
}
