package io.tanhe.server.site;

import com.fasterxml.jackson.databind.JsonNode;
import io.tanhe.drivers.config.PointSettings;
import io.tanhe.engine.graph.Keys;
import io.tanhe.engine.graph.ComputationGraph;
import io.tanhe.engine.graph.Node;
import io.tanhe.engine.graph.NodeKind;
import io.tanhe.engine.graph.SetInfo;
import io.tanhe.engine.time.CounterSettings;
import io.tanhe.engine.time.Grain;
import io.tanhe.engine.time.InputSettings;
import io.tanhe.engine.time.PeriodQuantity;
import io.tanhe.engine.time.PeriodSettings;
import io.tanhe.engine.time.RateSettings;
import io.tanhe.engine.time.Rollover;
import io.tanhe.grammar.config.ConfigNode;
import io.tanhe.grammar.diagnostics.Spelling;
import io.tanhe.engine.units.Unit;
import io.tanhe.grammar.ast.Decl;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the {@code points:} list: each entry binds a point of the points file to a methodology input
 * and index key, with the input's time-model settings. Checks that the point exists, the input
 * exists and is an input, the key fits the input's sets, the point's unit converts to the input's
 * (per hour for a rate), the settings fit the input's kind, and nothing is bound twice.
 */
final class BindingReader {
    private final ComputationGraph graph;
    private final Map<String, PointSettings> points;

    BindingReader(ComputationGraph graph, Map<String, PointSettings> points) {
        this.graph = graph;
        this.points = points;
    }

    Map<String, PointBinding> read(ConfigNode top) {
        Map<String, PointBinding> out = new LinkedHashMap<>();
        Map<String, String> targets = new HashMap<>();
        List<ConfigNode> entries = top.list("points");
        if (!top.has("points")) {
            top.problem("points", "is required: a list binding points to methodology inputs (`- point: …, input: …, key: …`)");
        }
        for (ConfigNode e : entries) {
            Optional<PointBinding> b = binding(e);
            if (b.isEmpty()) {
                continue;
            }
            if (out.containsKey(b.get().pointId())) {
                e.problem("point", "point `" + b.get().pointId() + "` is already bound to " + out.get(b.get().pointId()).target());
            } else if (targets.containsKey(b.get().target())) {
                e.problem("key", b.get().target() + " is already fed by point `" + targets.get(b.get().target())
                        + "`; one input key takes one point (a backup device shares the point id)");
            } else {
                out.put(b.get().pointId(), b.get());
                targets.put(b.get().target(), b.get().pointId());
            }
        }
        return out;
    }

    private Optional<PointBinding> binding(ConfigNode e) {
        Optional<String> pointId = e.requiredText("point", "the id of a point in the points file");
        Optional<String> inputName = e.requiredText("input", "the methodology input the point feeds");
        String key = e.optionalText("key").map(k -> Keys.of(List.of(k.split("\\s*,\\s*")))).orElse("");
        PointSettings point = pointId.flatMap(id -> point(e, id)).orElse(null);
        Node input = inputName.flatMap(name -> input(e, name)).orElse(null);
        if (input == null) {
            e.has("rollover");
            e.has("spread_limit");
            e.has("max_gap");
            e.has("period");
            return Optional.empty();
        }
        boolean keyOk = checkKey(e, input, key);
        Unit unit = point == null ? null : unit(e, point, input);
        InputSettings settings = settings(e, input);
        if (point == null || !keyOk || unit == null || settings == null) {
            return Optional.empty();
        }
        return Optional.of(new PointBinding(point.id(), input.name(), key, unit, input.inputKind(), settings));
    }

    private Optional<PointSettings> point(ConfigNode e, String id) {
        PointSettings p = points.get(id);
        if (p == null) {
            e.problem("point", "no point `" + id + "` in the points file", Spelling.closest(id, points.keySet(), 4));
        }
        return Optional.ofNullable(p);
    }

    private Optional<Node> input(ConfigNode e, String name) {
        Optional<Node> node = graph.node(name);
        List<String> inputs = graph.nodesOf(NodeKind.INPUT).stream().map(Node::name).toList();
        if (node.isEmpty() || node.get().kind() != NodeKind.INPUT) {
            Optional<String> near = Spelling.closest(name, inputs, 4);
            e.problem("input", (node.isEmpty() ? "no input `" + name + "` in " : "`" + name + "` is a "
                    + node.get().kind().name().toLowerCase() + ", not an input, in ") + graph.info().id()
                    + (near.isPresent() ? "" : "; its inputs: " + String.join(", ", inputs)), near);
            return Optional.empty();
        }
        return node;
    }

    private boolean checkKey(ConfigNode e, Node input, String key) {
        List<String> parts = key.isEmpty() ? List.of() : Keys.parts(key);
        if (parts.size() != input.dimensions().size()) {
            e.problem("key", input.dimensions().isEmpty()
                    ? "`" + input.name() + "` has no index; remove the key"
                    : "`" + input.name() + "` is indexed by " + String.join(", ", input.dimensions()) + ", so the key needs "
                    + input.dimensions().size() + " member(s) (e.g. `key: " + example(input) + "`)" + (key.isEmpty() ? "" : ", not `" + key + "`"));
            return false;
        }
        for (int i = 0; i < parts.size(); i++) {
            SetInfo set = graph.set(input.dimensions().get(i)).orElseThrow();
            if (!set.open() && !set.members().contains(parts.get(i))) {
                e.problem("key", "`" + parts.get(i) + "` is not a member of set " + set.name() + " ("
                        + String.join(", ", set.members()) + ")", Spelling.closest(parts.get(i), set.members(), 3));
                return false;
            }
        }
        return true;
    }

    private String example(Node input) {
        return String.join(",", input.dimensions().stream().map(d -> graph.set(d)
                .filter(s -> !s.members().isEmpty()).map(s -> s.members().get(0)).orElse("<" + d + ">")).toList());
    }

    private Unit unit(ConfigNode e, PointSettings point, Node input) {
        Unit unit;
        try {
            unit = Unit.parse(point.unit());
        } catch (RuntimeException ex) {
            e.problem("point", "the unit `" + point.unit() + "` of point `" + point.id() + "` is not a unit: " + ex.getMessage());
            return null;
        }
        Unit wanted = input.inputKind() == Decl.InputKind.RATE ? input.unit().divide(Unit.parse("h")) : input.unit();
        if (!unit.isCompatible(wanted)) {
            e.problem("point", "point `" + point.id() + "` reads `" + (point.unit().isEmpty() ? "(no unit)" : point.unit())
                    + "`, which does not convert to `" + wanted.text() + "`"
                    + (input.inputKind() == Decl.InputKind.RATE ? " (the rate of " + input.name() + ")" : " (the unit of " + input.name() + ")")
                    + "; set the point's unit in the points file or bind another input");
            return null;
        }
        return unit;
    }

    private InputSettings settings(ConfigNode e, Node input) {
        InputSettings base = InputSettings.defaultsFor(input);
        return switch (input.inputKind()) {
            case COUNTER -> {
                notFor(e, input, "max_gap", "period");
                CounterSettings c = (CounterSettings) base;
                Optional<String> rollover = e.raw("rollover").map(JsonNode::asText);
                if (rollover.isPresent()) {
                    try {
                        c = c.withRollover(Rollover.at(rollover.get(), input.unit()));
                    } catch (RuntimeException ex) {
                        e.problem("rollover", "`" + rollover.get() + "` is not a register maximum: " + ex.getMessage());
                        yield null;
                    }
                }
                Optional<Duration> spread = e.optionalDuration("spread_limit", Duration.ofMinutes(1), Duration.ofDays(31));
                yield spread.isPresent() ? c.withSpreadLimit(spread.get()) : c;
            }
            case RATE -> {
                notFor(e, input, "rollover", "spread_limit", "period");
                RateSettings r = (RateSettings) base;
                yield e.optionalDuration("max_gap", Duration.ofSeconds(1), Duration.ofHours(6)).map(r::withMaxGap).orElse(r);
            }
            case PERIOD -> {
                notFor(e, input, "rollover", "spread_limit", "max_gap");
                PeriodSettings p = (PeriodSettings) base;
                Optional<String> period = e.optionalText("period");
                if (period.isEmpty()) {
                    yield p;
                }
                try {
                    Grain g = Grain.fromLabel(period.get());
                    yield PeriodSettings.of(p.amountUnit(), g, PeriodQuantity.inferFrom(input.unit()));
                } catch (IllegalArgumentException ex) {
                    e.problem("period", ex.getMessage());
                    yield null;
                }
            }
        };
    }

    private static void notFor(ConfigNode e, Node input, String... fields) {
        for (String f : fields) {
            if (e.has(f)) {
                e.problem(f, "does not apply to `" + input.name() + "`, a " + input.inputKind().name().toLowerCase()
                        + " input (rollover and spread_limit are for counters, max_gap for rates, period for per-period inputs)");
            }
        }
    }
}
