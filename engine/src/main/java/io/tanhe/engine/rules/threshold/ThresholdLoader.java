package io.tanhe.engine.rules.threshold;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tanhe.engine.rules.alert.Severity;
import io.tanhe.engine.rules.diagnostic.RuleProblem;
import io.tanhe.engine.time.Grain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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
 * Every problem is reported with file and line; a file with problems yields only its good entries
 * and must not be applied.
 */
public final class ThresholdLoader {
    private static final Set<String> FIELDS = Set.of("id", "target", "key", "grain", "operator", "limit", "clear",
            "unit", "for", "severity", "message", "escalate_after", "min_completeness");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Reads {@code file}; an unreadable file is one problem. */
    public ThresholdFile load(Path file) {
        String name = file.toString();
        try {
            return parse(name, Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new ThresholdFile(name, List.of(), List.of(RuleProblem.error(name, 0, "R001",
                    "cannot read the thresholds file: " + e.getMessage(), "check the path and permissions")));
        }
    }

    /** Parses {@code text}; {@code file} names it in problems and chooses JSON for {@code *.json}. */
    public ThresholdFile parse(String file, String text) {
        JsonFactory factory = file.toLowerCase(Locale.ROOT).endsWith(".json") ? MAPPER.getFactory() : new YAMLFactory();
        List<PlacedThreshold> good = new ArrayList<>();
        List<RuleProblem> problems = new ArrayList<>();
        try (JsonParser p = factory.createParser(text)) {
            p.setCodec(MAPPER);
            if (p.nextToken() != JsonToken.START_OBJECT || !seekThresholds(p)) {
                problems.add(RuleProblem.error(file, line(p.currentTokenLocation()), "R002",
                        "the file has no `thresholds:` list", "start the file with `thresholds:` followed by `- id: ...` entries"));
                return new ThresholdFile(file, good, problems);
            }
            int index = 0;
            while (p.nextToken() == JsonToken.START_OBJECT) {
                readEntry(p, file, index++, good, problems);
            }
            if (p.currentToken() != JsonToken.END_ARRAY) {
                problems.add(RuleProblem.error(file, line(p.currentTokenLocation()), "R002",
                        "each entry of `thresholds` must be a mapping (id:, target:, ...)", ""));
            }
        } catch (JsonProcessingException e) {
            problems.add(RuleProblem.error(file, line(e.getLocation()), "R001",
                    "not valid " + (factory instanceof YAMLFactory ? "YAML" : "JSON") + ": " + e.getOriginalMessage(),
                    "fix the syntax at this line"));
        } catch (IOException e) {
            problems.add(RuleProblem.error(file, 0, "R001", "cannot parse: " + e.getMessage(), ""));
        }
        duplicateIds(good, problems);
        return new ThresholdFile(file, good.stream().filter(t -> problems.stream().noneMatch(
                pr -> pr.isError() && pr.line() == t.line())).toList(), problems);
    }

    private static boolean seekThresholds(JsonParser p) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (name.equals("thresholds") && value == JsonToken.START_ARRAY) {
                return true;
            }
            p.skipChildren();
        }
        return false;
    }

    private static void readEntry(JsonParser p, String file, int index, List<PlacedThreshold> good,
                                  List<RuleProblem> problems) throws IOException {
        int entryLine = line(p.currentTokenLocation());
        Map<String, JsonNode> values = new LinkedHashMap<>();
        Map<String, Integer> lines = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            lines.put(name, line(p.currentTokenLocation()));
            p.nextToken();
            values.put(name, p.readValueAsTree());
        }
        String where = "thresholds[" + index + "]";
        boolean fieldsOk = true;
        for (Map.Entry<String, Integer> f : lines.entrySet()) {
            if (!FIELDS.contains(f.getKey())) {
                fieldsOk = false;
                problems.add(RuleProblem.error(file, f.getValue(), "R003", where + ": unknown field `" + f.getKey() + "`",
                        "known fields: " + String.join(", ", FIELDS.stream().sorted().toList())));
            }
        }
        try {
            Threshold t = build(values);
            if (fieldsOk) {
                good.add(new PlacedThreshold(t, file, entryLine));
            }
        } catch (FieldException e) {
            problems.add(RuleProblem.error(file, lines.getOrDefault(e.field, entryLine), "R004",
                    where + "." + e.field + ": " + e.getMessage(), e.hint));
        } catch (IllegalArgumentException e) {
            problems.add(RuleProblem.error(file, entryLine, "R004", where + ": " + e.getMessage(), ""));
        }
    }

    private static Threshold build(Map<String, JsonNode> v) {
        String id = text(v, "id", true);
        Operator operator = parsed(v, "operator", Operator::fromSymbol);
        double limit = number(v, "limit", true);
        Double clear = v.containsKey("clear") ? number(v, "clear", true) : null;
        ForClause forClause = v.containsKey("for") ? parsed(v, "for", ForClause::parse) : new ForClause(Duration.ZERO, 1);
        Duration escalate = v.containsKey("escalate_after") ? parsed(v, "escalate_after", ForClause::parse).duration() : null;
        Grain grain = v.containsKey("grain") ? parsed(v, "grain", Grain::fromLabel) : null;
        Severity severity = v.containsKey("severity") ? parsed(v, "severity", Severity::fromText) : Severity.WARNING;
        double completeness = v.containsKey("min_completeness") ? number(v, "min_completeness", true) : 0;
        return new Threshold(id, text(v, "target", true), text(v, "key", false), grain, operator, limit,
                clear == null ? limit : clear, text(v, "unit", false), forClause.duration(), forClause.buckets(),
                completeness, severity, text(v, "message", false), escalate);
    }

    private interface Parse<T> {
        T apply(String text);
    }

    private static <T> T parsed(Map<String, JsonNode> v, String field, Parse<T> parse) {
        String text = text(v, field, true);
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            throw new FieldException(field, e.getMessage(), "");
        }
    }

    private static String text(Map<String, JsonNode> v, String field, boolean required) {
        JsonNode n = v.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                throw new FieldException(field, "is required", "add `" + field + ":`");
            }
            return null;
        }
        if (!n.isValueNode()) {
            throw new FieldException(field, "must be a single value, not a list or mapping", "");
        }
        return n.asText();
    }

    private static double number(Map<String, JsonNode> v, String field, boolean required) {
        JsonNode n = v.get(field);
        if (n == null || n.isNull()) {
            throw new FieldException(field, "is required", "add `" + field + ": <number>`");
        }
        if (!n.isNumber()) {
            throw new FieldException(field, "`" + n.asText() + "` is not a number", "write a plain number; give the unit in `unit:`");
        }
        return n.asDouble();
    }

    private static void duplicateIds(List<PlacedThreshold> good, List<RuleProblem> problems) {
        Map<String, PlacedThreshold> seen = new HashMap<>();
        for (PlacedThreshold t : good) {
            PlacedThreshold first = seen.putIfAbsent(t.threshold().id(), t);
            if (first != null) {
                problems.add(RuleProblem.error(t.file(), t.line(), "R005", "duplicate threshold id `" + t.threshold().id()
                        + "` (first at line " + first.line() + ")", "give each threshold its own id"));
            }
        }
    }

    private static int line(JsonLocation location) {
        return location == null ? 0 : Math.max(0, location.getLineNr());
    }

    /** A field's value is wrong; names the field so the problem points at its line. */
    private static final class FieldException extends IllegalArgumentException {
        final String field;
        final String hint;

        FieldException(String field, String message, String hint) {
            super(message);
            this.field = field;
            this.hint = hint;
        }
    }
}
