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
 *
 * <p>The instances of one node have consecutive ids, after everything lifted out of their
 * formulas, so that a node's formula can run as one generated loop over them ({@link Run}).
 */
final class InstanceGraph {
    /**
     * The instances of one node computed by its generated code: ids {@code first … first + count - 1}.
     *
     * @param loads {@code arity} ids per instance: what the instance reads, in the kernel's order
     */
    record Run(int first, int count, int arity, int[] loads, FormulaKernel kernel) {
    }

    private final ComputationGraph graph;
    private final List<Instance> instances = new ArrayList<>();
    private final Map<String, Map<String, Integer>> ids = new HashMap<>();
    private final Map<String, List<String>> members;
    private final Map<Integer, Integer> coveredOf = new HashMap<>();
    private final Execution execution;
    private final List<Run> runs = new ArrayList<>();
    private int[][] dependents;
    private Run[] runOf;

    private InstanceGraph(ComputationGraph graph, Map<String, List<String>> members, Execution execution) {
        this.graph = graph;
        this.members = members;
        this.execution = execution;
    }

    /**
     * @param members   the members of every set, closed sets' declared ones and open sets' known ones
     * @param execution whether node formulas run as generated code or as interpreted {@link Calc}s
     */
    static InstanceGraph expand(ComputationGraph graph, Map<String, List<String>> members, Execution execution) {
        addFixedMembers(graph, members);
        InstanceGraph g = new InstanceGraph(graph, members, execution);
        for (Node n : graph.nodes()) {
            g.addNodeInstances(n);
        }
        g.linkDependents();
        g.indexRuns();
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

    /** The runs of generated code, in id order (none when interpreted). */
    List<Run> runs() {
        return runs;
    }

    /** The run that computes instance {@code id}, or null. */
    Run runOf(int id) {
        return runOf[id];
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

    /**
     * Adds the instances of one node: leaves directly; formulas compiled first for every key (which
     * lifts their aggregates into instances), then added together, so that they have consecutive ids.
     */
    private void addNodeInstances(Node n) {
        List<List<String>> keys = keys(n.dimensions());
        if (n.kind() == NodeKind.INPUT || n.kind() == NodeKind.FACTOR) {
            for (List<String> key : keys) {
                add(n, Keys.of(key), n.kind() == NodeKind.INPUT ? Instance.Kind.INPUT : Instance.Kind.FACTOR, null, new int[0]);
            }
            return;
        }
        List<FormulaCompiler.Compiled> formulas = new ArrayList<>(keys.size());
        for (List<String> key : keys) {
            String[] slots = new String[Math.max(n.slots(), key.size())];
            for (int i = 0; i < key.size(); i++) {
                slots[i] = key.get(i);
            }
            formulas.add(new FormulaCompiler(this, slots).compile(n.formula()));
        }
        int first = instances.size();
        for (int i = 0; i < keys.size(); i++) {
            add(n, Keys.of(keys.get(i)), Instance.Kind.FORMULA, formulas.get(i).calc(), formulas.get(i).operands());
        }
        if (execution == Execution.GENERATED && !keys.isEmpty()) {
            runs.add(run(n, first, formulas));
        }
    }

    private static Run run(Node n, int first, List<FormulaCompiler.Compiled> formulas) {
        KernelGenerator.Generated generated = KernelGenerator.kernel(n.formula());
        int arity = generated.arity();
        int[] loads = new int[formulas.size() * arity];
        for (int i = 0; i < formulas.size(); i++) {
            int[] read = formulas.get(i).loads();
            if (read.length != arity) {
                throw new IllegalStateException("the generated code of " + n.name() + " reads " + arity
                        + " values per instance but its formula at key #" + i + " reads " + read.length);
            }
            System.arraycopy(read, 0, loads, i * arity, arity);
        }
        return new Run(first, formulas.size(), arity, loads, generated.kernel());
    }

    private void indexRuns() {
        runOf = new Run[instances.size()];
        for (Run r : runs) {
            java.util.Arrays.fill(runOf, r.first(), r.first() + r.count(), r);
        }
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
