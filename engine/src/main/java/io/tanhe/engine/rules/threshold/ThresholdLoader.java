package io.tanhe.engine.rules.threshold;

import com.fasterxml.jackson.databind.JsonNode;
import io.tanhe.engine.rules.alert.Severity;
import io.tanhe.engine.time.Grain;
import io.tanhe.grammar.config.ConfigNode;
import io.tanhe.grammar.config.ConfigPlace;
import io.tanhe.grammar.config.ConfigProblem;
import io.tanhe.grammar.config.InvalidConfigException;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a thresholds file (YAML, or JSON when the name ends in {@code .json}):
 * <pre>
 * thresholds:
 *   - id: boiler1-coal-feed-high
 *     target: coal_feed          # point (no grain) or node (with grain)
 *     key: unit1                 # optional: only this index key
 *     grain: hour                # optional: check bucket results of this grain
 *     operator: "&gt;"
 *     limit: 120
 *     clear: 110                 # optional: hysteresis
 *     unit: t/h                  # optional: unit of limit and clear
 *     for: 5m                    # optional: 10s, 5m, 2h, or "3 buckets" with a grain
 *     severity: major            # info, warning, major, critical
 *     message: "coal feed {value} {unit} above {limit} {unit}"
 *     escalate_after: 30m        # optional
 *     min_completeness: 0.9      # optional, bucket thresholds only
 * </pre>
 * or the same list as a block of another file (the site file's {@code thresholds:}). Every problem
 * is a {@link ConfigProblem} with file, line, column and path, like every configuration error; a
 * file with problems yields only its good entries and must not be applied.
 */
public final class ThresholdLoader {
    private static final Set<String> FIELDS = Set.of("id", "target", "key", "grain", "operator", "limit", "clear",
            "unit", "for", "severity", "message", "escalate_after", "min_completeness");

    /** Reads {@code file}; an unreadable file is one problem. */
    public ThresholdFile load(Path file) {
        String name = file.toString();
        try {
            return read(ConfigNode.read(file));
        } catch (IOException e) {
            return new ThresholdFile(name, List.of(), List.of(ConfigProblem.at(ConfigPlace.of(name),
                    "cannot read the thresholds file: " + e.getMessage() + "; check the path and permissions")));
        } catch (InvalidConfigException e) {
            return new ThresholdFile(name, List.of(), e.problems());
        }
    }

    /** Parses {@code text}; {@code file} names it in problems and chooses JSON for {@code *.json}. */
    public ThresholdFile parse(String file, String text) {
        try {
            return read(ConfigNode.parse(text, file));
        } catch (InvalidConfigException e) {
            return new ThresholdFile(file, List.of(), e.problems());
        }
    }

    /** Reads a whole thresholds file: a {@code thresholds:} list at its top (other top-level fields are left alone). */
    public ThresholdFile read(ConfigNode root) {
        if (!root.isObject() || !root.has("thresholds")) {
            root.problem("the file has no `thresholds:` list; start it with `thresholds:` followed by `- id: ...` entries");
            return new ThresholdFile(root.file(), List.of(), root.problems());
        }
        root.allow(root.fieldNames());
        ThresholdFile f = readList(root.node("thresholds").orElseThrow(), t -> Optional.empty());
        return new ThresholdFile(root.file(), f.thresholds(), ConfigProblem.inFileOrder(root.problems()));
    }

    /**
     * Reads a list of thresholds — a whole file's or a block of another file — recording each problem
     * on the list's document.
     *
     * @param targetCheck what is wrong with a threshold's target and key, if anything (the site knows its
     *                    methodology and points; a thresholds file alone accepts any target)
     * @return the good thresholds and the problems this list added
     */
    public ThresholdFile readList(ConfigNode list, Function<Threshold, Optional<String>> targetCheck) {
        return readList(list, targetCheck, t -> Optional.empty());
    }

    /**
     * As {@link #readList(ConfigNode, Function)}, also checking each threshold's {@code unit} against what its
     * target measures (a problem is reported at the entry's {@code unit} field).
     */
    public ThresholdFile readList(ConfigNode list, Function<Threshold, Optional<String>> targetCheck,
                                  Function<Threshold, Optional<String>> unitCheck) {
        int before = list.problemCount();
        List<PlacedThreshold> good = new ArrayList<>();
        Map<String, ConfigNode> ids = new HashMap<>();
        for (ConfigNode entry : list.elements()) {
            int entryBefore = entry.problemCount();
            Optional<Threshold> t = build(entry);
            entry.allow(FIELDS);
            entry.reportUnknownFields();
            if (t.isPresent() && entry.problemCount() == entryBefore) {
                ConfigNode first = ids.putIfAbsent(t.get().id(), entry);
                if (first != null) {
                    entry.problem("id", "`" + t.get().id() + "` is already the id of " + first.path());
                    continue;
                }
                Optional<String> target = targetCheck.apply(t.get());
                if (target.isPresent()) {
                    entry.problem("target", target.get());
                    continue;
                }
                Optional<String> unit = unitCheck.apply(t.get());
                if (unit.isPresent()) {
                    entry.problem("unit", unit.get());
                    continue;
                }
                good.add(new PlacedThreshold(t.get(), entry.file(), entry.place().line()));
            }
        }
        List<ConfigProblem> all = list.problems();
        return new ThresholdFile(list.file(), good, all.subList(before, all.size()));
    }

    private static Optional<Threshold> build(ConfigNode e) {
        Optional<String> id = e.requiredText("id", "");
        Optional<String> target = e.requiredText("target", "");
        Optional<Operator> operator = e.requiredText("operator", "one of >, >=, <, <=").flatMap(o -> parsed(e, "operator", o, Operator::fromSymbol));
        Optional<Double> limit = number(e, "limit", true);
        Optional<Double> clear = e.has("clear") ? number(e, "clear", false) : Optional.empty();
        Optional<ForClause> forClause = e.optionalText("for").flatMap(f -> parsed(e, "for", f, ForClause::parse));
        Optional<Duration> escalate = e.optionalText("escalate_after").flatMap(f -> parsed(e, "escalate_after", f, ForClause::parse))
                .map(ForClause::duration);
        Optional<Grain> grain = e.optionalText("grain").flatMap(g -> parsed(e, "grain", g, Grain::fromLabel));
        Optional<Severity> severity = e.optionalText("severity").flatMap(s -> parsed(e, "severity", s, Severity::fromText));
        Optional<Double> completeness = e.has("min_completeness") ? number(e, "min_completeness", false) : Optional.empty();
        String key = e.text("key", null);
        String unit = e.text("unit", null);
        String message = e.text("message", null);
        if (id.isEmpty() || target.isEmpty() || operator.isEmpty() || limit.isEmpty()
                || e.has("for") && forClause.isEmpty() || e.has("escalate_after") && escalate.isEmpty()
                || e.has("grain") && grain.isEmpty() || e.has("severity") && severity.isEmpty()
                || e.has("clear") && clear.isEmpty() || e.has("min_completeness") && completeness.isEmpty()) {
            return Optional.empty();
        }
        ForClause f = forClause.orElse(new ForClause(Duration.ZERO, 1));
        try {
            return Optional.of(new Threshold(id.get(), target.get(), key, grain.orElse(null), operator.get(), limit.get(),
                    clear.orElse(limit.get()), unit, f.duration(), f.buckets(), completeness.orElse(0.0),
                    severity.orElse(Severity.WARNING), message, escalate.orElse(null)));
        } catch (IllegalArgumentException invalid) {
            e.problem(invalid.getMessage());
            return Optional.empty();
        }
    }

    private static <T> Optional<T> parsed(ConfigNode e, String field, String text, Function<String, T> parse) {
        try {
            return Optional.of(parse.apply(text));
        } catch (IllegalArgumentException wrong) {
            e.problem(field, wrong.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<Double> number(ConfigNode e, String field, boolean required) {
        Optional<JsonNode> n = e.raw(field);
        if (n.isEmpty()) {
            if (required) {
                e.problem(field, "is required: a number");
            }
            return Optional.empty();
        }
        if (!n.get().isNumber()) {
            e.problem(field, ConfigNode.describe(n.get()) + " is not a number; write a plain number and give the unit in `unit:`");
            return Optional.empty();
        }
        return Optional.of(n.get().asDouble());
    }
}
