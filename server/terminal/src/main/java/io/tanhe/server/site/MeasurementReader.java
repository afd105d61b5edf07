package io.tanhe.server.site;

import io.tanhe.drivers.config.PointSettings;
import io.tanhe.engine.cems.SubstitutionRules;
import io.tanhe.engine.cems.ValidityRules;
import io.tanhe.engine.factors.FactorLibrary;
import io.tanhe.engine.factors.FactorTableLoad;
import io.tanhe.engine.factors.FactorTableLoader;
import io.tanhe.engine.graph.ComputationGraph;
import io.tanhe.engine.graph.Keys;
import io.tanhe.engine.graph.Node;
import io.tanhe.engine.graph.NodeKind;
import io.tanhe.grammar.config.ConfigNode;
import io.tanhe.grammar.diagnostics.Spelling;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the site file's {@code measurement:} block: the measurement methodology (as
 * {@code methodology:}), its factor table, its {@code points:} and the {@code compare:} list. A
 * point may feed only one of the two methods; a compared measured node must be an emission of the
 * measurement methodology whose name the accounting methodology does not use (both are stored
 * under their node names), and the two nodes of a pair must both be masses.
 */
final class MeasurementReader {
    private final SiteLoader loader;
    private final ComputationGraph accounting;
    private final Map<String, PointSettings> points;
    private final Map<String, PointBinding> accountingBindings;

    MeasurementReader(SiteLoader loader, ComputationGraph accounting, Map<String, PointSettings> points,
                      Map<String, PointBinding> accountingBindings) {
        this.loader = loader;
        this.accounting = accounting;
        this.points = points;
        this.accountingBindings = accountingBindings;
    }

    Optional<Measurement> read(ConfigNode m, Path dir) {
        Optional<ConfigNode> methodology = m.object("methodology");
        if (methodology.isEmpty()) {
            if (!m.has("methodology")) {
                m.problem("methodology", "is required: the measurement methodology, e.g. `{library: cn.cems-co2, version: \"2017.1\"}`");
            }
            m.has("points");
            m.has("compare");
            m.has("factors");
            return Optional.empty();
        }
        Optional<SiteLoader.Compiled> compiled = loader.methodologyFile(methodology.get(), dir)
                .flatMap(f -> loader.compiled(m, "methodology", methodology.get(), f));
        if (compiled.isEmpty()) {
            m.has("points");
            m.has("compare");
            m.has("factors");
            return Optional.empty();
        }
        ComputationGraph graph = compiled.get().compilation().graph().orElseThrow();
        FactorLibrary factors = m.optionalText("factors").map(f -> factors(m, dir.resolve(f), graph, compiled.get().factors()))
                .orElse(compiled.get().factors());
        Map<String, PointBinding> bindings = new BindingReader(graph, points).read(m);
        bindings.keySet().stream().filter(accountingBindings::containsKey).forEach(p -> m.problem("points",
                "point `" + p + "` already feeds " + accountingBindings.get(p).target() + " of the accounting methodology; "
                        + "a point feeds one method (give the analyser its own point)"));
        List<Measurement.Comparison> comparisons = new ArrayList<>();
        for (ConfigNode c : m.list("compare")) {
            comparison(c, graph).ifPresent(comparisons::add);
        }
        if (!m.has("compare")) {
            m.problem("compare", "is required: which measured emission is compared with which accounting figure, "
                    + "e.g. `- {measured: \"co2_measured[stack1]\", accounting: \"coal_combustion[unit1]\", bound: 5}`");
        }
        return Optional.of(new Measurement(compiled.get().compilation(), factors, compiled.get().ref(), bindings, comparisons,
                ValidityRules.standard(), SubstitutionRules.hj75()));
    }

    private Optional<Measurement.Comparison> comparison(ConfigNode c, ComputationGraph graph) {
        Optional<String[]> measured = c.requiredText("measured", "a measured emission, e.g. co2_measured[stack1]")
                .flatMap(t -> target(c, "measured", t, graph, NodeKind.EMISSION));
        Optional<String[]> accounted = c.requiredText("accounting", "an emission of the accounting methodology, e.g. coal_combustion[unit1]")
                .flatMap(t -> target(c, "accounting", t, accounting, null));
        Optional<BigDecimal> bound = c.decimal("bound");
        if (bound.isEmpty() && !c.has("bound")) {
            c.problem("bound", "is required: the largest |δ| accepted in %, e.g. 5 (no standard gives one; see docs/cems.md)");
        }
        if (bound.isPresent() && !(bound.get().signum() > 0 && bound.get().compareTo(BigDecimal.valueOf(100)) < 0)) {
            c.problem("bound", "must be a percentage above 0 and below 100, not " + bound.get().toPlainString());
            return Optional.empty();
        }
        if (measured.isEmpty() || accounted.isEmpty() || bound.isEmpty()) {
            return Optional.empty();
        }
        if (accounting.node(measured.get()[0]).isPresent()) {
            c.problem("measured", "`" + measured.get()[0] + "` is also a node of " + accounting.info().id()
                    + "; the two methods' figures are stored under their node names, so they must differ");
            return Optional.empty();
        }
        Node mn = graph.node(measured.get()[0]).orElseThrow();
        Node an = accounting.node(accounted.get()[0]).orElseThrow();
        if (!mn.unit().isCompatible(an.unit())) {
            c.problem("accounting", "`" + an.name() + "` is in " + an.unit().text() + ", which does not convert to the measured "
                    + mn.unit().text() + "; compare two masses of CO2");
            return Optional.empty();
        }
        return Optional.of(new Measurement.Comparison(measured.get()[0], measured.get()[1], accounted.get()[0], accounted.get()[1],
                bound.get().doubleValue() / 100));
    }

    /** {@code node[key]} → {node, key} when the node exists (of {@code kind} when given) and the key fits its sets. */
    private static Optional<String[]> target(ConfigNode c, String field, String text, ComputationGraph graph, NodeKind kind) {
        int open = text.indexOf('[');
        String name = open < 0 ? text.strip() : text.substring(0, open).strip();
        String key = open < 0 || !text.endsWith("]") ? "" : Keys.of(List.of(text.substring(open + 1, text.length() - 1).split("\\s*,\\s*")));
        Optional<Node> node = graph.node(name);
        List<String> candidates = graph.nodesOf(kind == null ? NodeKind.EMISSION : kind).stream().map(Node::name).toList();
        if (node.isEmpty() || (kind != null && node.get().kind() != kind)) {
            c.problem(field, (node.isEmpty() ? "no node `" + name + "`" : "`" + name + "` is not an emission") + " in "
                    + graph.info().id(), Spelling.closest(name, candidates, 4));
            return Optional.empty();
        }
        int members = key.isEmpty() ? 0 : Keys.parts(key).size();
        if (members != node.get().dimensions().size()) {
            c.problem(field, "`" + name + "` is indexed by " + (node.get().dimensions().isEmpty() ? "nothing"
                    : String.join(", ", node.get().dimensions())) + "; write it as " + name
                    + (node.get().dimensions().isEmpty() ? "" : "[" + String.join(",", node.get().dimensions()) + "]") + " with members");
            return Optional.empty();
        }
        return Optional.of(new String[]{name, key});
    }

    private static FactorLibrary factors(ConfigNode m, Path file, ComputationGraph graph, FactorLibrary defaults) {
        FactorTableLoad load = FactorTableLoader.loadAll(List.of(file));
        if (!load.succeeded() || load.library().isEmpty()) {
            load.problems().forEach(p -> m.problem("factors", p.toString()));
            if (load.problems().isEmpty()) {
                m.problem("factors", "cannot load the factor table " + file);
            }
            return defaults;
        }
        FactorLibrary site = load.library().get();
        for (String name : site.factorNames()) {
            Optional<Node> node = graph.node(name);
            if (node.isEmpty() || node.get().kind() != NodeKind.FACTOR) {
                m.problem("factors", file.getFileName() + ": `" + name + "` is not a factor of " + graph.info().id(),
                        Spelling.closest(name, graph.nodesOf(NodeKind.FACTOR).stream().map(Node::name).toList(), 3));
            }
        }
        return defaults.overriddenBy(site);
    }
}
