package io.tanhe.drivers.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One object of a points file, read field by field with validation. A bad field does not throw:
 * it is recorded as a {@link ConfigProblem} under its path and the accessor returns the default
 * (or a harmless placeholder), so loading goes on and reports every problem at once.
 *
 * <p>Every field a driver asks for, present or not, counts as known. When loading ends, the loader
 * reports each field of the file that no driver asked for as unknown, with the nearest known name.
 * Drivers therefore never list their fields twice.
 */
public final class ConfigNode {
    private final JsonNode json;
    private final String path;
    private final List<ConfigProblem> problems;
    private final Map<String, String> fieldOrigins;
    private final Set<String> known = new LinkedHashSet<>();
    private final List<ConfigNode> children = new ArrayList<>();

    ConfigNode(JsonNode json, String path, List<ConfigProblem> problems, Map<String, String> fieldOrigins) {
        this.json = json;
        this.path = path;
        this.problems = problems;
        this.fieldOrigins = fieldOrigins;
    }

    /** This object's path in the file, e.g. {@code devices[2].points[5]}. */
    public String path() {
        return path;
    }

    /** The path of one field of this object, used in error messages. */
    public String pathOf(String field) {
        String origin = fieldOrigins.get(field);
        if (origin != null) {
            return origin;
        }
        return path.isEmpty() ? field : path + "." + field;
    }

    /** Records a problem with one field of this object. */
    public void problem(String field, String message) {
        problems.add(new ConfigProblem(pathOf(field), message));
    }

    /** Records a problem with this object as a whole. */
    public void problem(String message) {
        problems.add(new ConfigProblem(path, message));
    }

    /** Whether the field is present (and not null). Marks it as known. */
    public boolean has(String field) {
        known.add(field);
        return json.hasNonNull(field);
    }

    /** A required text field; records a problem and returns {@code ""} when missing. */
    public String text(String field) {
        if (!has(field)) {
            problem(field, "is required");
            return "";
        }
        return scalar(field, "");
    }

    /** An optional text field. */
    public String text(String field, String fallback) {
        return has(field) ? scalar(field, fallback) : fallback;
    }

    /** A required integer in {@code [min, max]}; accepts {@code 0x..} hex in text form. */
    public int integer(String field, int min, int max) {
        if (!has(field)) {
            problem(field, "is required (an integer " + min + ".." + max + ")");
            return min;
        }
        return parseInteger(field, min, min, max);
    }

    /** An optional integer in {@code [min, max]}. */
    public int integer(String field, int fallback, int min, int max) {
        return has(field) ? parseInteger(field, fallback, min, max) : fallback;
    }

    /** An optional decimal number, exactly as written (no binary rounding). */
    public Optional<BigDecimal> decimal(String field) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonNode v = json.get(field);
        try {
            return Optional.of(v.isNumber() ? new BigDecimal(v.asText()) : new BigDecimal(v.asText().trim()));
        } catch (NumberFormatException e) {
            problem(field, "'" + v.asText() + "' is not a number");
            return Optional.empty();
        }
    }

    /** An optional boolean. */
    public boolean bool(String field, boolean fallback) {
        if (!has(field)) {
            return fallback;
        }
        JsonNode v = json.get(field);
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        problem(field, "'" + v.asText() + "' is not true or false");
        return fallback;
    }

    /** An optional duration ({@code 500ms}, {@code 15s}, {@code 3h}) within {@code [min, max]}. */
    public Duration duration(String field, Duration fallback, Duration min, Duration max) {
        if (!has(field)) {
            return fallback;
        }
        try {
            Duration d = Durations.parse(json.get(field).asText());
            if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                problem(field, Durations.format(d) + " is outside " + Durations.format(min) + " .. " + Durations.format(max));
                return fallback;
            }
            return d;
        } catch (IllegalArgumentException e) {
            problem(field, e.getMessage());
            return fallback;
        }
    }

    /**
     * An optional choice among {@code options} (compared case-insensitively, {@code _} and {@code -} alike);
     * returns the option as listed.
     */
    public String choice(String field, List<String> options, String fallback) {
        if (!has(field)) {
            return fallback;
        }
        String given = json.get(field).asText();
        for (String option : options) {
            if (normalise(option).equals(normalise(given))) {
                return option;
            }
        }
        problem(field, "'" + given + "' is not one of " + options + DidYouMean.hint(given, options));
        return fallback;
    }

    /** An optional nested object. */
    public Optional<ConfigNode> object(String field) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonNode v = json.get(field);
        if (!v.isObject()) {
            problem(field, "must be an object (key: value pairs)");
            return Optional.empty();
        }
        return Optional.of(child(v, pathOf(field), Map.of()));
    }

    /** An optional list of objects; absent means empty. */
    public List<ConfigNode> list(String field) {
        if (!has(field)) {
            return List.of();
        }
        JsonNode v = json.get(field);
        if (!v.isArray()) {
            problem(field, "must be a list");
            return List.of();
        }
        List<ConfigNode> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            String p = pathOf(field) + "[" + i + "]";
            if (!v.get(i).isObject()) {
                problems.add(new ConfigProblem(p, "must be an object (key: value pairs)"));
                continue;
            }
            out.add(child(v.get(i), elementPath(v.get(i), p), Map.of()));
        }
        return List.copyOf(out);
    }

    /** An optional list of text values; absent means empty. */
    public List<String> texts(String field) {
        if (!has(field)) {
            return List.of();
        }
        JsonNode v = json.get(field);
        if (!v.isArray()) {
            problem(field, "must be a list");
            return List.of();
        }
        List<String> out = new ArrayList<>();
        v.forEach(e -> out.add(e.asText()));
        return List.copyOf(out);
    }

    /** The raw JSON of a field for drivers with free-form parts (e.g. a JSON Pointer mapping); marks it known. */
    public Optional<JsonNode> raw(String field) {
        return has(field) ? Optional.of(json.get(field)) : Optional.empty();
    }

    /** The names of the fields present in this object. */
    public List<String> fieldNames() {
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        return List.copyOf(names);
    }

    ConfigNode child(JsonNode v, String childPath, Map<String, String> origins) {
        ConfigNode c = new ConfigNode(v, childPath, problems, origins);
        children.add(c);
        return c;
    }

    JsonNode json() {
        return json;
    }

    /** Reports every field of this object and its children that nobody asked for. */
    void reportUnknownFields() {
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name) && !name.equals(TemplateMerge.ORIGIN_FIELD)) {
                problem(name, "unknown field" + DidYouMean.hint(name, known));
            }
        }
        children.forEach(ConfigNode::reportUnknownFields);
    }

    private String elementPath(JsonNode element, String fallback) {
        JsonNode origin = element.get(TemplateMerge.ORIGIN_FIELD);
        return origin == null ? fallback : origin.asText();
    }

    private String scalar(String field, String fallback) {
        JsonNode v = json.get(field);
        if (!v.isValueNode()) {
            problem(field, "must be a single value, not a list or object");
            return fallback;
        }
        return v.asText();
    }

    private int parseInteger(String field, int fallback, int min, int max) {
        JsonNode v = json.get(field);
        long n;
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            n = v.longValue();
        } else {
            String t = v.asText().trim().toLowerCase(Locale.ROOT).replace("_", "");
            try {
                n = t.startsWith("0x") ? Long.parseLong(t.substring(2), 16) : Long.parseLong(t);
            } catch (NumberFormatException e) {
                problem(field, "'" + v.asText() + "' is not an integer");
                return fallback;
            }
        }
        if (n < min || n > max) {
            problem(field, n + " is outside " + min + ".." + max);
            return fallback;
        }
        return (int) n;
    }

    private static String normalise(String s) {
        return s.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
