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
import java.time.Duration;
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
            skip(m);
            return Optional.empty();
        }
        Optional<SiteLoader.Compiled> compiled = loader.methodologyFile(methodology.get(), dir)
                .flatMap(f -> loader.compiled(m, "methodology", methodology.get(), f));
        if (compiled.isEmpty()) {
            skip(m);
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
        ValidityRules validity = m.object("validity").map(MeasurementReader::validity).orElse(ValidityRules.standard());
        SubstitutionRules substitution = m.has("substitution") ? substitution(m) : SubstitutionRules.hj75();
        Measurement.QaLimits qa = m.object("qa").map(MeasurementReader::qaLimits).orElse(Measurement.QaLimits.NONE);
        return Optional.of(new Measurement(compiled.get().compilation(), factors, compiled.get().ref(), bindings, comparisons,
                validity, substitution, qa));
    }

    /**
     * {@code validity:} — each field optional, the standard's value by default: {@code minute_share} (% of a minute
     * covered by valid readings) or {@code minute_samples} with {@code sample_interval} (n samples at most Δ apart cover
     * n·Δ of the minute), {@code hour_minutes}, {@code day_hours}, {@code month_days}, {@code february_days}.
     */
    private static ValidityRules validity(ConfigNode v) {
        ValidityRules std = ValidityRules.standard();
        double share = std.minuteMinShare();
        if (v.has("minute_share") && v.has("minute_samples")) {
            v.problem("minute_samples", "give either `minute_share` (%) or `minute_samples` with `sample_interval`, not both");
        } else if (v.has("minute_share")) {
            share = percent(v, "minute_share", std.minuteMinShare() * 100, false) / 100;
        } else if (v.has("minute_samples")) {
            int n = v.integer("minute_samples", 1, 1, 3600);
            Optional<Duration> every = v.optionalDuration("sample_interval", Duration.ofMillis(100), Duration.ofMinutes(1));
            if (every.isEmpty() && !v.has("sample_interval")) {
                v.problem("sample_interval", "is required with `minute_samples`: the longest interval between samples, e.g. 5s"
                        + " (HJ 212-2017 (23): at most 5 s)");
            }
            if (every.isPresent()) {
                double covered = n * every.get().toMillis() / 60_000.0;
                if (covered > 1) {
                    v.problem("minute_samples", n + " samples " + every.get().toSeconds() + " s apart take "
                            + (n * every.get().toMillis() / 1000) + " s, more than a minute; at most " + (60_000 / every.get().toMillis()));
                } else {
                    share = covered;
                }
            }
        }
        if (v.has("sample_interval") && !v.has("minute_samples")) {
            v.problem("sample_interval", "is used only with `minute_samples`");
        }
        int hour = v.integer("hour_minutes", std.hourMinMinutes(), 1, 60);
        int day = v.integer("day_hours", std.dayMinHours(), 1, 24);
        int month = v.integer("month_days", std.monthMinDays(), 1, 31);
        int february = v.integer("february_days", std.februaryMinDays(), 1, 29);
        return new ValidityRules(share, hour, day, month, february);
    }

    /**
     * {@code substitution:} — the rows of the table that replaces HJ 75-2017's: {@code capture_rate} (% from which the
     * row applies), {@code max_run} (the longest run of invalid hours it covers, e.g. 24h; any length when absent),
     * {@code lookback_hours} (valid hours searched for the maximum) and an optional {@code source} (the clause, for
     * provenance). An empty list leaves invalid hours unsubstituted.
     */
    private static SubstitutionRules substitution(ConfigNode m) {
        List<SubstitutionRules.Band> bands = new ArrayList<>();
        for (ConfigNode row : m.list("substitution")) {
            double rate = percent(row, "capture_rate", Double.NaN, true);
            if (!row.has("capture_rate")) {
                row.problem("capture_rate", "is required: the capture rate in % from which this row applies, e.g. 90");
            }
            int run = row.optionalDuration("max_run", Duration.ofHours(1), Duration.ofDays(3650))
                    .map(d -> (int) d.toHours()).orElse(Integer.MAX_VALUE);
            int lookback = row.integer("lookback_hours", 1, 100_000);
            String source = row.text("source", "site file " + row.path());
            if (!Double.isNaN(rate)) {
                bands.add(new SubstitutionRules.Band(rate / 100, run, lookback, source));
            }
        }
        return new SubstitutionRules(bands);
    }

    /** {@code qa:} — {@code ra_limit} (RA in %) and {@code drift_limit} (% of the range), each optional. */
    private static Measurement.QaLimits qaLimits(ConfigNode q) {
        return new Measurement.QaLimits(percent(q, "ra_limit", Double.NaN, false), percent(q, "drift_limit", Double.NaN, false));
    }

    /** An optional percentage at most 100 and above 0 (or from 0 when {@code zeroAllowed}). */
    private static double percent(ConfigNode n, String field, double fallback, boolean zeroAllowed) {
        Optional<BigDecimal> d = n.decimal(field);
        if (d.isEmpty()) {
            return fallback;
        }
        if (!(d.get().signum() > (zeroAllowed ? -1 : 0) && d.get().compareTo(BigDecimal.valueOf(100)) <= 0)) {
            n.problem(field, "must be a percentage " + (zeroAllowed ? "from 0" : "above 0") + " and at most 100, not "
                    + d.get().toPlainString());
            return fallback;
        }
        return d.get().doubleValue();
    }

    /** Marks the fields as read when the block cannot be judged (its methodology is missing or does not compile). */
    private static void skip(ConfigNode m) {
        for (String f : List.of("points", "compare", "factors", "validity", "substitution", "qa")) {
            m.has(f);
        }
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
