package io.tanhe.engine.incremental;

import io.tanhe.engine.graph.ComputationGraph;
import io.tanhe.engine.graph.Keys;
import io.tanhe.engine.graph.Node;
import io.tanhe.engine.graph.NodeKind;
import io.tanhe.engine.graph.Term;
import io.tanhe.engine.graph.Terms;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A computation graph expanded over the members of its sets: one {@link Instance} per node and
 * key, numbered so that every instance comes after the instances it reads. Each formula instance
 * is compiled by a {@link FormulaCompiler}, which lifts aggregates into instances of their own
 * ({@link Instance.Kind#SUM} …).
 */
final class InstanceGraph {
    private final ComputationGraph graph;
    private final List<Instance> instances = new ArrayList<>();
    private final Map<String, Map<String, Integer>> ids = new HashMap<>();
    private final Map<String, List<String>> members;
    private final Map<Integer, Integer> coveredOf = new HashMap<>();
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
            for (List<String> key : g.keys(n.dimensions())) {
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

    /** The instance of {@code node} at {@code key}, which the graph's expansion guarantees to exist. */
    int required(String node, String key) {
        int id = id(node, key);
        if (id < 0) {
            throw new IllegalStateException("no instance " + node + "[" + key + "]; members " + members);
        }
        return id;
    }

    /** Every key over {@code sets} (the product of their members, in member order); one empty key for none. */
    List<List<String>> keys(List<String> sets) {
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

    /** Adds an instance lifted out of a formula (an aggregate or its body); returns its id. */
    int addSynthetic(Instance.Kind kind, Calc calc, int[] operands) {
        return add(null, "", kind, calc, operands);
    }

    /**
     * The leaf holding the time covered by readings of input instance {@code input} (created on first
     * use by {@code covered(x)} or {@code mean(x)}); the evaluator sets it with the input's amount.
     */
    int covered(int input) {
        return coveredOf.computeIfAbsent(input, i -> add(null, "", Instance.Kind.COVERED, null, new int[0]));
    }

    /** The covered-time leaf of input instance {@code input}, or -1 when no formula reads it. */
    int coveredLeaf(int input) {
        return coveredOf.getOrDefault(input, -1);
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
        switch (t) {
            case Term.Load load -> addFixed(load, graph, members);
            case Term.Available a -> addFixed(a.load(), graph, members);
            case Term.Covered c -> addFixed(c.load(), graph, members);
            default -> Terms.children(t).forEach(child -> fixedMembers(child, graph, members));
        }
    }

    private static void addFixed(Term.Load load, ComputationGraph graph, Map<String, List<String>> members) {
        Node target = graph.node(load.node()).orElseThrow();
        for (int i = 0; i < load.key().size(); i++) {
            if (load.key().get(i) instanceof Term.Fixed f) {
                List<String> list = members.get(target.dimensions().get(i));
                if (!list.contains(f.member())) {
                    list.add(f.member());
                }
            }
        }
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
        FormulaCompiler.Compiled formula = new FormulaCompiler(this, slots).compile(n.formula());
        add(n, k, Instance.Kind.FORMULA, formula.calc(), formula.operands());
    }

    private int add(Node n, String key, Instance.Kind kind, Calc calc, int[] operands) {
        int id = instances.size();
        instances.add(new Instance(id, n, key, kind, calc, operands));
        if (n != null) {
            ids.computeIfAbsent(n.name(), x -> new LinkedHashMap<>()).put(key, id);
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
}
