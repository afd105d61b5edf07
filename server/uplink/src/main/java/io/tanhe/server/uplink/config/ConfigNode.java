package io.tanhe.server.uplink.config;

import io.tanhe.drivers.config.Durations;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * An object of the configuration tree with its path, reading typed fields and recording every
 * problem under the field's path instead of stopping at the first.
 */
final class ConfigNode {

    private final JsonNode node;
    private final String path;
    private final List<String> problems;

    ConfigNode(JsonNode node, String path, List<String> problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    String path() {
        return path;
    }

    int problemCount() {
        return problems.size();
    }

    String at(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    void problem(String field, String what) {
        problems.add(at(field) + ": " + what);
    }

    /** Records every field not in {@code known}. */
    void onlyFields(Set<String> known) {
        node.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                problem(name, "unknown field; known fields: " + String.join(", ", new TreeSet<>(known)));
            }
        });
    }

    boolean has(String field) {
        return node.has(field) && !node.get(field).isNull();
    }

    Optional<String> text(String field) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonNode v = node.get(field);
        if (!v.isValueNode() || v.isBoolean()) {
            problem(field, "must be text, not " + describe(v));
            return Optional.empty();
        }
        return Optional.of(v.asText());
    }

    Optional<String> requiredText(String field) {
        Optional<String> v = text(field);
        if (v.isEmpty() && !has(field)) {
            problem(field, "is required");
        } else if (v.isPresent() && v.get().isBlank()) {
            problem(field, "must not be empty");
            return Optional.empty();
        }
        return v;
    }

    Optional<Integer> integer(String field, int min, int max) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonNode v = node.get(field);
        if (!v.isInt() || v.asInt() < min || v.asInt() > max) {
            problem(field, "must be a whole number from " + min + " to " + max + ", not " + v);
            return Optional.empty();
        }
        return Optional.of(v.asInt());
    }

    /** A duration written {@code 10s}, {@code 15m}, {@code 2h}, {@code 500ms}, {@code 1d} or ISO-8601 ({@code PT15M}). */
    Optional<Duration> duration(String field) {
        return text(field).flatMap(t -> {
            Optional<Duration> d = parseDuration(t);
            if (d.isEmpty()) {
                problem(field, "'" + t + "' is not a duration; write e.g. 10s, 15m, 2h, 500ms or PT15M");
            }
            return d;
        });
    }

    static Optional<Duration> parseDuration(String t) {
        try {
            return Optional.of(Durations.parse(t));
        } catch (IllegalArgumentException notOperatorForm) {
            try {
                return Optional.of(Duration.parse(t.trim().toUpperCase(Locale.ROOT)));
            } catch (DateTimeParseException notIso) {
                return Optional.empty();
            }
        }
    }

    Optional<LocalTime> timeOfDay(String field) {
        return text(field).flatMap(t -> {
            try {
                return Optional.of(LocalTime.parse(t));
            } catch (DateTimeParseException e) {
                problem(field, "'" + t + "' is not a time of day; write HH:MM, e.g. \"00:30\" (quoted in YAML)");
                return Optional.empty();
            }
        });
    }

    /** The object under {@code field}, or empty (recording a problem when it is not an object). */
    Optional<ConfigNode> object(String field) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonNode v = node.get(field);
        if (!v.isObject()) {
            problem(field, "must be an object (key: value lines), not " + describe(v));
            return Optional.empty();
        }
        return Optional.of(new ConfigNode(v, at(field), problems));
    }

    /** The objects of the list under {@code field}; empty when absent. */
    List<ConfigNode> objects(String field) {
        if (!has(field)) {
            return List.of();
        }
        JsonNode v = node.get(field);
        if (!v.isArray()) {
            problem(field, "must be a list, not " + describe(v));
            return List.of();
        }
        java.util.ArrayList<ConfigNode> out = new java.util.ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode item = v.get(i);
            String itemPath = at(field) + "[" + i + "]";
            if (!item.isObject()) {
                problems.add(itemPath + ": must be an object, not " + describe(item));
            } else {
                out.add(new ConfigNode(item, itemPath, problems));
            }
        }
        return out;
    }

    private static String describe(JsonNode v) {
        if (v.isArray()) {
            return "a list";
        }
        if (v.isObject()) {
            return "an object";
        }
        return "'" + v.asText() + "'";
    }
}
