package io.tanhe.grammar.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tanhe.grammar.diagnostics.Spelling;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * One value of a configuration file — site file, points file, uplink configuration, thresholds —
 * read field by field with validation. A bad field does not throw: it is recorded as a
 * {@link ConfigProblem} at its file, line, column and path, and the accessor returns the fallback
 * (or empty), so reading goes on and reports every problem at once. {@link #throwIfProblems()}
 * ends reading with an {@link InvalidConfigException} listing them all.
 *
 * <p>Every field a reader asks for, present or not, counts as known; {@link #reportUnknownFields()}
 * then reports each field nobody asked for, with the nearest known name, so readers never list
 * their fields twice.
 *
 * <p>A block of one file read by another file's reader (the {@code drivers:}, {@code uplink:} and
 * {@code thresholds:} blocks of a site file) is just a node of the outer document: its problems
 * carry the outer file's lines and the full path, e.g. {@code drivers.devices[0].type}.
 */
public final class ConfigNode {
    private static final JsonFactory JSON = new JsonFactory();
    /** A field whose value is a secret: its name contains password, passwd or secret (as {@code Secrets} in the store redacts). */
    private static final Pattern SECRET = Pattern.compile("(?i).*(password|passwd|secret).*");
    private static final YAMLFactory YAML = new YAMLFactory();

    private final Document doc;
    private final JsonNode json;
    private final ConfigPlace place;
    private final Map<String, ConfigPlace> fieldPlaces = new HashMap<>();
    private final Set<String> known = new LinkedHashSet<>();
    private final List<ConfigNode> children = new ArrayList<>();
    private boolean unknownReported;

    private ConfigNode(Document doc, JsonNode json, ConfigPlace place) {
        this.doc = doc;
        this.json = json;
        this.place = place;
    }

    /**
     * Parses configuration text: JSON when {@code file} ends in {@code .json}, else YAML.
     *
     * @param file the file's name as the person gave it, for messages
     * @return the top of the document (a missing node for an empty file)
     * @throws InvalidConfigException when the text is not valid YAML or JSON, at the line and column of the error
     */
    public static ConfigNode parse(String text, String file) {
        Document doc = new Document(file);
        JsonFactory factory = file.toLowerCase(Locale.ROOT).endsWith(".json") ? JSON : YAML;
        try (JsonParser p = factory.createParser(text)) {
            p.nextToken();
            JsonNode root = doc.build(p);
            return new ConfigNode(doc, root, ConfigPlace.of(file));
        } catch (JsonProcessingException e) {
            throw new InvalidConfigException(file, List.of(syntaxError(file, e)));
        } catch (IOException e) {
            throw InvalidConfigException.of(file, "cannot parse: " + e.getMessage());
        }
    }

    /**
     * Reads and parses a file (UTF-8).
     *
     * @throws IOException            when the file cannot be read
     * @throws InvalidConfigException when it is not valid YAML or JSON
     */
    public static ConfigNode read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    private static ConfigProblem syntaxError(String file, JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        String message;
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblem() != null) {
            message = yaml.getProblem() + (yaml.getContext() == null ? "" : " (" + yaml.getContext() + ")");
        } else {
            message = String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("syntax error");
        }
        int line = loc == null ? 0 : loc.getLineNr();
        int column = loc == null ? 0 : loc.getColumnNr();
        return new ConfigProblem(file, line, column, "", "not valid " + (file.toLowerCase(Locale.ROOT).endsWith(".json")
                ? "JSON" : "YAML") + ": " + message, "");
    }

    // ---- where ----

    /** The file this value was written in (for a template's values: {@code template <model>}). */
    public String file() {
        return place.file();
    }

    /** This value's path in the file, e.g. {@code devices[2].points[5]}; {@code ""} for the top. */
    public String path() {
        return place.path();
    }

    /** Where this value was written. */
    public ConfigPlace place() {
        return place;
    }

    /** The path of one field of this object. */
    public String pathOf(String field) {
        ConfigPlace origin = fieldPlaces.get(field);
        if (origin != null) {
            return origin.path();
        }
        return path().isEmpty() ? field : path() + "." + field;
    }

    /** Where one field was written; a field that is not written is placed at this object. */
    public ConfigPlace placeOf(String field) {
        ConfigPlace origin = fieldPlaces.get(field);
        if (origin != null) {
            return origin;
        }
        int[] key = doc.key(json, field);
        String fieldPath = pathOf(field);
        return key == null ? place.withPath(fieldPath) : new ConfigPlace(file(), key[0], key[1], fieldPath);
    }

    /** Where element {@code index} of the list {@code field} was written. */
    public ConfigPlace placeOf(String field, int index) {
        JsonNode list = json.get(field);
        String elementPath = pathOf(field) + "[" + index + "]";
        if (list != null && list.isArray() && index < list.size()) {
            ConfigPlace registered = doc.placeOf(list.get(index));
            if (registered != null) {
                return registered;
            }
            int[] at = doc.element(list, index);
            if (at != null && fieldPlaces.get(field) == null) {
                return new ConfigPlace(file(), at[0], at[1], elementPath);
            }
        }
        return placeOf(field).withPath(elementPath);
    }

    /**
     * Says that {@code field} of this object came from elsewhere (e.g. a meter template's defaults),
     * so its problems are reported there.
     */
    public void placeField(String field, ConfigPlace origin) {
        fieldPlaces.put(field, origin);
    }

    /**
     * Says that a list element (a tree put into this document, or moved to another index) is to be
     * reported at {@code origin}, e.g. a template's point at {@code template x: points[3]}.
     */
    public void placeElement(JsonNode element, ConfigPlace origin) {
        doc.place(element, origin);
    }

    // ---- problems ----

    /** Records a problem with this value as a whole. */
    public void problem(String message) {
        report(ConfigProblem.at(place, message));
    }

    /** Records a problem with one field of this object (which thereby counts as known). */
    public void problem(String field, String message) {
        problem(field, message, Optional.empty());
    }

    /** Records a problem with one field, with the name its value most likely meant. */
    public void problem(String field, String message, Optional<String> suggestion) {
        known.add(field);
        report(ConfigProblem.at(placeOf(field), isSecret(field) ? withoutValues(message) : message, suggestion));
    }

    /** Whether a field holds a secret (a password, a key's passphrase): its value is never quoted in a problem. */
    public static boolean isSecret(String field) {
        return SECRET.matcher(field).matches();
    }

    /** {@code message} with every quoted value replaced by "(not shown)". */
    private static String withoutValues(String message) {
        return message.replaceAll("`[^`]*`", "(not shown)");
    }

    /** Records a problem at a place of this document (e.g. {@link #placeOf(String, int)}). */
    public void problem(ConfigPlace at, String message, Optional<String> suggestion) {
        report(ConfigProblem.at(at, message, suggestion));
    }

    /** Records a problem found elsewhere (e.g. in a file this one names). */
    public void report(ConfigProblem problem) {
        doc.problems().add(problem);
    }

    /** Every problem of this document so far, in the order found. */
    public List<ConfigProblem> problems() {
        return List.copyOf(doc.problems());
    }

    /** How many problems the document has so far; problems are only added, so a larger count means new ones. */
    public int problemCount() {
        return doc.problems().size();
    }

    /** Throws an {@link InvalidConfigException} naming the document's file when any problem was recorded. */
    public void throwIfProblems() {
        if (!doc.problems().isEmpty()) {
            throw new InvalidConfigException(doc.file(), doc.problems());
        }
    }

    // ---- shape ----

    /** The value as Jackson sees it (readers with free-form parts; a template merge). */
    public JsonNode json() {
        return json;
    }

    public boolean isObject() {
        return json.isObject();
    }

    /** Whether nothing (or null) was written here. */
    public boolean isAbsent() {
        return json.isMissingNode() || json.isNull();
    }

    /** Whether the field is present and not null. Marks it known. */
    public boolean has(String field) {
        known.add(field);
        return json.hasNonNull(field);
    }

    /** Marks fields as known without reading them (fields read only in some cases). */
    public void allow(Collection<String> fields) {
        known.addAll(fields);
    }

    /** The raw value of a field, for free-form parts; marks it known. */
    public Optional<JsonNode> raw(String field) {
        return has(field) ? Optional.of(json.get(field)) : Optional.empty();
    }

    /** A field of any shape as a node of its own, for a block another reader reads; marks it known. */
    public Optional<ConfigNode> node(String field) {
        if (!has(field)) {
            return Optional.empty();
        }
        return Optional.of(child(json.get(field), placeOf(field)));
    }

    /** The names of the fields present in this object, in file order. */
    public List<String> fieldNames() {
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        return List.copyOf(names);
    }

    // ---- text ----

    /** A required single value as text, as written; records a problem and returns {@code ""} when missing. */
    public String text(String field) {
        if (!has(field)) {
            problem(field, "is required");
            return "";
        }
        return scalar(field).orElse("");
    }

    /** An optional single value as text, as written (may be empty). */
    public String text(String field, String fallback) {
        return has(field) ? scalar(field).orElse(fallback) : fallback;
    }

    /** An optional single value as text, trimmed; an empty one is a problem. */
    public Optional<String> optionalText(String field) {
        if (!has(field)) {
            return Optional.empty();
        }
        Optional<String> v = scalar(field).map(String::strip);
        if (v.isPresent() && v.get().isEmpty()) {
            problem(field, "must not be empty");
            return Optional.empty();
        }
        return v;
    }

    /**
     * A required single value as text, trimmed; missing or empty is a problem.
     *
     * @param what what to write, for the message ({@code "is required: <what>"}); may be empty
     */
    public Optional<String> requiredText(String field, String what) {
        if (!has(field)) {
            problem(field, what.isEmpty() ? "is required" : "is required: " + what);
            return Optional.empty();
        }
        return optionalText(field);
    }

    /** An optional list of single values; a single value counts as a list of one; absent means empty. */
    public List<String> texts(String field) {
        if (!has(field)) {
            return List.of();
        }
        JsonNode v = json.get(field);
        if (v.isValueNode()) {
            return List.of(v.asText());
        }
        if (!v.isArray()) {
            problem(field, "must be a list, not " + describe(v));
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            if (v.get(i).isValueNode()) {
                out.add(v.get(i).asText());
            } else {
                problem(placeOf(field, i), "must be a single value, not " + describe(v.get(i)), Optional.empty());
            }
        }
        return List.copyOf(out);
    }

    /**
     * An optional choice among {@code options} (compared case-insensitively, {@code _} and {@code -}
     * alike); returns the option as listed.
     */
    public String choice(String field, List<String> options, String fallback) {
        if (!has(field)) {
            return fallback;
        }
        Optional<String> given = scalar(field);
        if (given.isEmpty()) {
            return fallback;
        }
        for (String option : options) {
            if (normalise(option).equals(normalise(given.get()))) {
                return option;
            }
        }
        problem(field, "`" + given.get() + "` is not one of " + String.join(", ", options), nearest(given.get(), options));
        return fallback;
    }

    // ---- numbers ----

    /** A required integer in {@code [min, max]}; accepts {@code 0x..} hex and {@code _} separators in text. */
    public int integer(String field, int min, int max) {
        if (!has(field)) {
            problem(field, "is required: an integer " + min + " … " + max);
            return min;
        }
        return parseInteger(field, min, min, max);
    }

    /** An optional integer in {@code [min, max]}. */
    public int integer(String field, int fallback, int min, int max) {
        return has(field) ? parseInteger(field, fallback, min, max) : fallback;
    }

    /** An optional decimal number, exactly as written (no binary rounding of text). */
    public Optional<BigDecimal> decimal(String field) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonNode v = json.get(field);
        try {
            return Optional.of(new BigDecimal(v.asText().trim()));
        } catch (NumberFormatException e) {
            problem(field, describe(v) + " is not a number");
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
        problem(field, describe(v) + " is not true or false");
        return fallback;
    }

    // ---- time ----

    /** An optional duration ({@code 500ms}, {@code 15s}, {@code 3h}; see {@link Durations}) within {@code [min, max]}. */
    public Duration duration(String field, Duration fallback, Duration min, Duration max) {
        return optionalDuration(field, min, max).orElse(fallback);
    }

    /** An optional duration within {@code [min, max]}; empty when absent or wrong. */
    public Optional<Duration> optionalDuration(String field, Duration min, Duration max) {
        Optional<String> text = has(field) ? scalar(field).map(String::strip) : Optional.empty();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            Duration d = Durations.parse(text.get());
            if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                problem(field, "`" + text.get() + "` is outside " + Durations.format(min) + " … " + Durations.format(max));
                return Optional.empty();
            }
            return Optional.of(d);
        } catch (IllegalArgumentException e) {
            problem(field, e.getMessage());
            return Optional.empty();
        }
    }

    /** An optional calendar period written in ISO-8601 ({@code P13M}, {@code P6Y}). */
    public Optional<Period> period(String field) {
        return optionalText(field).flatMap(text -> {
            try {
                return Optional.of(Period.parse(text.toUpperCase(Locale.ROOT)));
            } catch (DateTimeParseException e) {
                problem(field, "`" + text + "` is not a period; write e.g. P13M (13 months) or P6Y (6 years)");
                return Optional.empty();
            }
        });
    }

    /** An optional time of day, {@code HH:MM}. */
    public Optional<LocalTime> timeOfDay(String field) {
        return optionalText(field).flatMap(text -> {
            try {
                return Optional.of(LocalTime.parse(text));
            } catch (DateTimeParseException e) {
                problem(field, "`" + text + "` is not a time of day; write HH:MM, e.g. \"00:30\" (quoted in YAML)");
                return Optional.empty();
            }
        });
    }

    // ---- structure ----

    /** An optional nested object. */
    public Optional<ConfigNode> object(String field) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonNode v = json.get(field);
        if (!v.isObject()) {
            problem(field, "must be an object (key: value pairs), not " + describe(v));
            return Optional.empty();
        }
        return Optional.of(child(v, placeOf(field)));
    }

    /** An optional list of objects; absent means empty; an element that is not an object is a problem. */
    public List<ConfigNode> list(String field) {
        if (!has(field)) {
            return List.of();
        }
        JsonNode v = json.get(field);
        if (!v.isArray()) {
            problem(field, "must be a list, not " + describe(v));
            return List.of();
        }
        List<ConfigNode> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            ConfigPlace at = placeOf(field, i);
            if (!v.get(i).isObject()) {
                report(ConfigProblem.at(at, "must be an object (key: value pairs), not " + describe(v.get(i))));
                continue;
            }
            out.add(child(v.get(i), at));
        }
        return List.copyOf(out);
    }

    /** This value as a list of objects (a block that is itself a list, such as {@code thresholds:}). */
    public List<ConfigNode> elements() {
        if (!json.isArray()) {
            problem("must be a list, not " + describe(json));
            return List.of();
        }
        List<ConfigNode> out = new ArrayList<>();
        for (int i = 0; i < json.size(); i++) {
            JsonNode e = json.get(i);
            ConfigPlace registered = doc.placeOf(e);
            int[] at = doc.element(json, i);
            ConfigPlace where = registered != null ? registered : at == null ? place.withPath(path() + "[" + i + "]")
                    : new ConfigPlace(file(), at[0], at[1], path() + "[" + i + "]");
            if (!e.isObject()) {
                report(ConfigProblem.at(where, "must be an object (key: value pairs), not " + describe(e)));
                continue;
            }
            out.add(child(e, where));
        }
        return List.copyOf(out);
    }

    /**
     * Reports every field of this object and of the objects read below it that nobody asked for, with
     * the nearest known name (or the known names when none is near). Reports each field once, however
     * often it is called.
     */
    public void reportUnknownFields() {
        if (unknownReported) {
            return;
        }
        unknownReported = true;
        if (json.isObject()) {
            Set<String> asked = new TreeSet<>(known);
            for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!asked.contains(name)) {
                    Optional<String> near = nearest(name, asked);
                    report(ConfigProblem.at(placeOf(name), near.isPresent() || asked.isEmpty() ? "unknown field"
                            : "unknown field; known fields: " + String.join(", ", asked), near));
                }
            }
        }
        children.forEach(ConfigNode::reportUnknownFields);
    }

    /**
     * The known name a misspelt one most likely meant, by the rule every configuration reader uses
     * (edit distance, case-insensitive, at most max(2, a third of its length)).
     */
    public static Optional<String> nearest(String wrong, Collection<String> candidates) {
        return Spelling.closest(wrong, candidates, Math.max(2, wrong.length() / 3));
    }

    /** How a value that has the wrong shape is named in a message: {@code a list}, {@code an object} or {@code `text`}. */
    public static String describe(JsonNode v) {
        if (v.isArray()) {
            return "a list";
        }
        if (v.isObject()) {
            return "an object";
        }
        return "`" + v.asText() + "`";
    }

    private ConfigNode child(JsonNode v, ConfigPlace at) {
        ConfigNode c = new ConfigNode(doc, v, at);
        children.add(c);
        return c;
    }

    private Optional<String> scalar(String field) {
        JsonNode v = json.get(field);
        if (!v.isValueNode()) {
            problem(field, "must be a single value, not " + describe(v));
            return Optional.empty();
        }
        return Optional.of(v.asText());
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
                problem(field, describe(v) + " is not an integer");
                return fallback;
            }
        }
        if (n < min || n > max) {
            problem(field, "`" + n + "` is outside " + min + " … " + max);
            return fallback;
        }
        return (int) n;
    }

    private static String normalise(String s) {
        return s.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
