package io.tanhe.server.site;

import io.tanhe.drivers.config.Durations;

import com.fasterxml.jackson.databind.JsonNode;
import io.tanhe.grammar.diagnostics.Spelling;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One object of a site file, read field by field. A bad field is recorded as a {@link SiteProblem}
 * under its path and the accessor returns empty, so loading goes on and reports every problem at
 * once. Every field asked for counts as known; {@link #reportUnknown()} names the others.
 */
final class SiteNode {

    private final JsonNode json;
    private final String path;
    private final List<SiteProblem> problems;
    private final Set<String> known = new LinkedHashSet<>();
    private final List<SiteNode> children = new ArrayList<>();

    SiteNode(JsonNode json, String path, List<SiteProblem> problems) {
        this.json = json;
        this.path = path;
        this.problems = problems;
    }

    String path() {
        return path;
    }

    String pathOf(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    void problem(String field, String message) {
        problems.add(new SiteProblem(pathOf(field), message));
    }

    boolean has(String field) {
        known.add(field);
        return json.hasNonNull(field);
    }

    JsonNode raw(String field) {
        known.add(field);
        return json.get(field);
    }

    /** A required text field; empty (and a problem) when missing or not text. */
    Optional<String> requiredText(String field, String what) {
        if (!has(field)) {
            problem(field, "is required: " + what);
            return Optional.empty();
        }
        return text(field);
    }

    Optional<String> text(String field) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonNode v = json.get(field);
        if (!v.isValueNode() || v.asText().isBlank()) {
            problem(field, "must be a non-empty text");
            return Optional.empty();
        }
        return Optional.of(v.asText().strip());
    }

    Optional<Duration> duration(String field, Duration min, Duration max) {
        Optional<String> text = text(field);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Duration d = parseDuration(text.get());
        if (d == null) {
            problem(field, "`" + text.get() + "` is not a duration; write e.g. 500ms, 10s, 5min, 1h, 2d");
            return Optional.empty();
        }
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            problem(field, text.get() + " is outside " + show(min) + " … " + show(max));
            return Optional.empty();
        }
        return Optional.of(d);
    }

    Optional<java.time.Period> period(String field) {
        Optional<String> text = text(field);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(java.time.Period.parse(text.get().toUpperCase(Locale.ROOT)));
        } catch (DateTimeParseException e) {
            problem(field, "`" + text.get() + "` is not a period; write e.g. P13M (13 months) or P6Y (6 years)");
            return Optional.empty();
        }
    }

    Optional<SiteNode> object(String field) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonNode v = json.get(field);
        if (!v.isObject()) {
            problem(field, "must be an object (key: value pairs)");
            return Optional.empty();
        }
        SiteNode child = new SiteNode(v, pathOf(field), problems);
        children.add(child);
        return Optional.of(child);
    }

    /** The objects of a list field; each element that is not an object is a problem. */
    List<SiteNode> list(String field) {
        if (!has(field)) {
            return List.of();
        }
        JsonNode v = json.get(field);
        if (!v.isArray()) {
            problem(field, "must be a list");
            return List.of();
        }
        List<SiteNode> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            String p = pathOf(field) + "[" + i + "]";
            if (!v.get(i).isObject()) {
                problems.add(new SiteProblem(p, "must be an object (key: value pairs)"));
                continue;
            }
            SiteNode child = new SiteNode(v.get(i), p, problems);
            children.add(child);
            out.add(child);
        }
        return out;
    }

    /** The texts of a list field (a single text counts as a list of one). */
    List<String> texts(String field) {
        if (!has(field)) {
            return List.of();
        }
        JsonNode v = json.get(field);
        if (v.isValueNode()) {
            return List.of(v.asText());
        }
        if (!v.isArray()) {
            problem(field, "must be a list of texts");
            return List.of();
        }
        List<String> out = new ArrayList<>();
        v.forEach(e -> out.add(e.asText()));
        return out;
    }

    /** Records every field of this object (and its read children) that nobody asked for. */
    void reportUnknown() {
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                problem(name, "unknown field" + Spelling.closest(name, known, 3)
                        .map(s -> "; did you mean `" + s + "`?").orElse("; known here: " + String.join(", ", known)));
            }
        }
        children.forEach(SiteNode::reportUnknown);
    }

    /** The operator form (500ms, 15s, 5min, 3h, 1d) the points files use, or null. */
    static Duration parseDuration(String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException notADuration) {
            return null;
        }
    }

    private static String show(Duration d) {
        return d.toString().substring(2).toLowerCase(Locale.ROOT);
    }
}
