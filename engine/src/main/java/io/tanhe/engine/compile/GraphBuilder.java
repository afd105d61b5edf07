package io.tanhe.engine.compile;

import io.tanhe.engine.graph.ComputationGraph;
import io.tanhe.engine.graph.Node;
import io.tanhe.engine.graph.NodeKind;
import io.tanhe.engine.graph.SetInfo;
import io.tanhe.engine.graph.Term;
import io.tanhe.engine.graph.Terms;
import io.tanhe.engine.model.EmissionClass;
import io.tanhe.engine.model.MethodologyInfo;
import io.tanhe.engine.model.Scope;
import io.tanhe.engine.units.Unit;
import io.tanhe.grammar.ast.Decl;
import io.tanhe.grammar.ast.Header;
import io.tanhe.grammar.diagnostics.Diagnostics;
import io.tanhe.grammar.diagnostics.ErrorCode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Stage 4: builds the computation graph — one node per factor, input and computed value — sorts
 * it topologically (reporting cycles with their members), folds constants, and checks the
 * whole-graph rules: every emission reaches a total, one GWP basis per result.
 */
public final class GraphBuilder {
    private final TypedProgram program;
    private final Diagnostics diagnostics = new Diagnostics();

    private GraphBuilder(TypedProgram program) {
        this.program = program;
    }

    /** The graph (null if a cycle makes an order impossible) and the diagnostics of this stage. */
    public record Result(ComputationGraph graph, List<io.tanhe.grammar.diagnostics.Diagnostic> diagnostics) {
    }

    public static Result build(TypedProgram program) {
        GraphBuilder b = new GraphBuilder(program);
        ComputationGraph g = b.run();
        return new Result(g, b.diagnostics.sorted());
    }

    private ComputationGraph run() {
        Map<String, Node> nodes = new LinkedHashMap<>();
        for (Symbol s : program.resolved().symbols().values()) {
            if (s instanceof Symbol.Valued v && program.units().containsKey(v.name())) {
                Node n = node(v);
                if (n != null) {
                    nodes.put(n.name(), n);
                }
            }
        }
        List<String> order = topologicalOrder(nodes);
        if (order == null) {
            return null;
        }
        List<Node> sorted = fold(order, nodes);
        checkTotals(sorted);
        checkGwpBases(sorted);
        return new ComputationGraph(info(program.resolved().header()), sets(), sorted);
    }

    private Node node(Symbol.Valued v) {
        Unit unit = program.units().get(v.name());
        List<String> dims = v.dimensions().stream().map(Symbol::name).toList();
        return switch (v) {
            case Symbol.FactorSym f -> new Node(v.name(), NodeKind.FACTOR, dims, unit, f.decl().unit().toString(), v.label(), null,
                    false, null, null, f.decl().basis() == null ? null : f.decl().basis().text(), null, 0, List.of(), f.decl().span());
            case Symbol.InputSym i -> new Node(v.name(), NodeKind.INPUT, dims, unit, i.decl().unit().toString(), v.label(),
                    i.decl().kind(), i.decl().optional(), null, null, null, null, 0, List.of(), i.decl().span());
            case Symbol.ComputedSym c -> computedNode(c, dims, unit);
        };
    }

    /** Null when its formula did not type-check (reported in stage 3). */
    private Node computedNode(Symbol.ComputedSym v, List<String> dims, Unit unit) {
        Decl.ComputedDecl c = v.decl();
        Term formula = program.terms().get(v.name());
        if (formula == null) {
            return null;
        }
        EmissionClass cls = c.emissionClass() == null ? null : EmissionClass.byKeyword(c.emissionClass().text()).orElse(null);
        Scope scope = cls == null ? null : c.scope() == null ? cls.defaultScope()
                : "indirect".equals(c.scope().text()) ? Scope.INDIRECT : Scope.DIRECT;
        NodeKind kind = switch (c.kind()) {
            case CONST -> NodeKind.CONST;
            case VALUE -> NodeKind.VALUE;
            case EMISSION -> NodeKind.EMISSION;
            case TOTAL -> NodeKind.TOTAL;
        };
        return new Node(v.name(), kind, dims, unit, c.unit().toString(), v.label(), null, false, cls, scope, null, formula,
                program.slots().getOrDefault(v.name(), dims.size()), List.copyOf(Terms.dependencies(formula)), c.span());
    }

    /** Kahn's algorithm in declaration order; on a cycle, reports each cycle once with its members. */
    private List<String> topologicalOrder(Map<String, Node> nodes) {
        Map<String, Integer> pending = new HashMap<>();
        Map<String, List<String>> readers = new HashMap<>();
        for (Node n : nodes.values()) {
            Set<String> deps = new LinkedHashSet<>(n.dependencies());
            deps.retainAll(nodes.keySet());
            pending.put(n.name(), deps.size());
            deps.forEach(d -> readers.computeIfAbsent(d, k -> new ArrayList<>()).add(n.name()));
        }
        Deque<String> ready = new ArrayDeque<>();
        nodes.keySet().stream().filter(n -> pending.get(n) == 0).forEach(ready::add);
        List<String> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            String n = ready.poll();
            order.add(n);
            for (String r : readers.getOrDefault(n, List.of())) {
                if (pending.merge(r, -1, Integer::sum) == 0) {
                    ready.add(r);
                }
            }
        }
        if (order.size() == nodes.size()) {
            return order;
        }
        reportCycles(nodes, pending);
        return null;
    }

    private void reportCycles(Map<String, Node> nodes, Map<String, Integer> pending) {
        Set<String> reported = new HashSet<>();
        for (Node n : nodes.values()) {
            if (pending.get(n.name()) == 0 || reported.contains(n.name())) {
                continue;
            }
            List<String> cycle = findCycle(n.name(), nodes, pending);
            if (cycle.isEmpty() || reported.contains(cycle.get(0))) {
                continue;
            }
            reported.addAll(cycle);
            Node first = nodes.get(cycle.get(0));
            List<String> loop = new ArrayList<>(cycle);
            loop.add(cycle.get(0));
            diagnostics.report(ErrorCode.E500, first.span(), "`" + first.name() + "` depends on itself",
                    "cycle: " + String.join(" -> ", loop) + "; break it by making one of them an input or a factor");
        }
    }

    /** A cycle reachable from {@code start} among unsorted nodes, as the list of its members. */
    private static List<String> findCycle(String start, Map<String, Node> nodes, Map<String, Integer> pending) {
        List<String> path = new ArrayList<>();
        Set<String> onPath = new HashSet<>();
        String current = start;
        while (current != null && !onPath.contains(current)) {
            path.add(current);
            onPath.add(current);
            String next = null;
            for (String d : nodes.get(current).dependencies()) {
                if (nodes.containsKey(d) && pending.get(d) > 0) {
                    next = d;
                    break;
                }
            }
            current = next;
        }
        if (current == null) {
            return List.of();
        }
        List<String> cycle = new ArrayList<>(path.subList(path.indexOf(current), path.size()));
        // Start the cycle at its alphabetically first member so that the report is stable.
        String min = new TreeSet<>(cycle).first();
        int at = cycle.indexOf(min);
        List<String> rotated = new ArrayList<>(cycle.subList(at, cycle.size()));
        rotated.addAll(cycle.subList(0, at));
        java.util.Collections.reverse(rotated.subList(1, rotated.size()));
        return rotated;
    }

    private List<Node> fold(List<String> order, Map<String, Node> nodes) {
        Map<String, Double> constants = new HashMap<>();
        List<Node> sorted = new ArrayList<>();
        for (String name : order) {
            Node n = nodes.get(name);
            if (n.formula() != null) {
                Term folded = Terms.fold(n.formula(), constants);
                if (n.kind() == NodeKind.CONST && !n.indexed() && folded instanceof Term.Const c) {
                    constants.put(n.name(), c.value());
                }
                n = new Node(n.name(), n.kind(), n.dimensions(), n.unit(), n.declaredUnit(), n.label(), n.inputKind(), n.optional(),
                        n.emissionClass(), n.scope(), n.gwpBasis(), folded, n.slots(), List.copyOf(Terms.dependencies(folded)), n.span());
            }
            sorted.add(n);
        }
        return sorted;
    }

    private void checkTotals(List<Node> nodes) {
        List<Node> totals = nodes.stream().filter(n -> n.kind() == NodeKind.TOTAL).toList();
        if (totals.isEmpty()) {
            return;
        }
        Map<String, Node> byName = new HashMap<>();
        nodes.forEach(n -> byName.put(n.name(), n));
        Set<String> reached = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        totals.forEach(t -> todo.add(t.name()));
        while (!todo.isEmpty()) {
            String n = todo.poll();
            if (reached.add(n) && byName.containsKey(n)) {
                todo.addAll(byName.get(n).dependencies());
            }
        }
        for (Node n : nodes) {
            if (n.kind() == NodeKind.EMISSION && !reached.contains(n.name()) && isMainFile(n)) {
                diagnostics.report(ErrorCode.W004, n.span(), "emission `" + n.name() + "` is not part of any total",
                        "add it to a total (or subtract it, for exports and fixed carbon)");
            }
        }
    }

    private void checkGwpBases(List<Node> nodes) {
        Map<String, Set<String>> bases = new HashMap<>();
        for (Node n : nodes) {
            Set<String> mine = new TreeSet<>();
            if (n.gwpBasis() != null) {
                mine.add(n.gwpBasis());
            }
            n.dependencies().forEach(d -> mine.addAll(bases.getOrDefault(d, Set.of())));
            bases.put(n.name(), mine);
            boolean inherited = n.dependencies().stream().anyMatch(d -> bases.getOrDefault(d, Set.of()).size() > 1);
            if (mine.size() > 1 && !inherited) {
                diagnostics.report(ErrorCode.E408, n.span(), "`" + n.name() + "` combines GWPs of different bases: "
                        + String.join(", ", mine), "use one assessment report's GWP values throughout");
            }
        }
    }

    private boolean isMainFile(Node n) {
        return n.span().file().equals(program.resolved().loaded().main().path());
    }

    private List<SetInfo> sets() {
        List<SetInfo> out = new ArrayList<>();
        for (Symbol.SetSym s : program.resolved().symbolsOf(Symbol.SetSym.class)) {
            out.add(new SetInfo(s.name(), s.decl().label(), s.members(),
                    s.decl().members().stream().map(m -> m.label() == null ? "" : m.label()).toList(), s.open()));
        }
        return out;
    }

    static MethodologyInfo info(Header h) {
        if (h == null) {
            return new MethodologyInfo("", "", "", "", "", null, null, false);
        }
        return new MethodologyInfo(h.id().text(), h.version(), h.title(), h.source(), h.industry(), h.effectiveFrom(),
                h.effectiveUntil(), h.library());
    }
}
