package io.tanhe.engine.graph;

import io.tanhe.engine.model.MethodologyInfo;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A compiled methodology: its nodes in topological order (every node after the nodes it reads),
 * formulas typed and constants folded. Immutable; evaluators run it.
 */
public final class ComputationGraph {
    private final MethodologyInfo info;
    private final List<SetInfo> sets;
    private final List<Node> nodes;
    private final Map<String, Node> byName;
    private final Map<String, SetInfo> setsByName;

    public ComputationGraph(MethodologyInfo info, List<SetInfo> sets, List<Node> nodes) {
        this.info = info;
        this.sets = List.copyOf(sets);
        this.nodes = List.copyOf(nodes);
        Map<String, Node> m = new LinkedHashMap<>();
        nodes.forEach(n -> m.put(n.name(), n));
        this.byName = Collections.unmodifiableMap(m);
        Map<String, SetInfo> s = new LinkedHashMap<>();
        sets.forEach(x -> s.put(x.name(), x));
        this.setsByName = Collections.unmodifiableMap(s);
    }

    public MethodologyInfo info() {
        return info;
    }

    public List<SetInfo> sets() {
        return sets;
    }

    /** All nodes, each after its dependencies. */
    public List<Node> nodes() {
        return nodes;
    }

    public Optional<Node> node(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Optional<SetInfo> set(String name) {
        return Optional.ofNullable(setsByName.get(name));
    }

    public List<Node> nodesOf(NodeKind kind) {
        return nodes.stream().filter(n -> n.kind() == kind).toList();
    }
}
