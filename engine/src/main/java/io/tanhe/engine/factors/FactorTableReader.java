package io.tanhe.engine.factors;

import io.tanhe.grammar.diagnostics.Spelling;

import com.fasterxml.jackson.core.JsonToken;
import io.tanhe.engine.factors.LocatedNode.Field;
import io.tanhe.engine.factors.LocatedNode.Location;
import io.tanhe.engine.factors.LocatedNode.Mapping;
import io.tanhe.engine.factors.LocatedNode.Scalar;
import io.tanhe.engine.factors.LocatedNode.Sequence;
import io.tanhe.engine.units.Unit;
import io.tanhe.engine.units.UnitParseException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns the located tree of one factor table file into factor values, reporting every problem
 * with its path. Entries with problems are left out; the rest are still returned, so that
 * conflicts among them are reported in the same pass.
 */
final class FactorTableReader {

    static final List<String> TABLE_FIELDS = List.of("table", "version", "description", "factors");
    static final List<String> VALUE_FIELDS = List.of("factor", "key", "value", "unit", "valid_from", "valid_until",
            "source", "clause", "confidence", "note");

    private static final Pattern TABLE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern FACTOR_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final int MAX_FIELD_EDITS = 3;

    /** One value read from a file, with where it came from for later conflict messages. */
    record Entry(FactorValue value, String file, String path, Location location) {
    }

    record Table(String id, String version, List<Entry> entries) {
    }

    private final String file;
    private final ProblemList problems;

    FactorTableReader(String file, ProblemList problems) {
        this.file = file;
        this.problems = problems;
    }

    /** The table; id and version are null when they were missing or wrong (a problem is reported). */
    Table read(LocatedNode root) {
        if (!(root instanceof Mapping mapping)) {
            problem("", root == null ? Location.UNKNOWN : root.location(), root == null
                    ? "empty file: expected a mapping with `table`, `version` and `factors`"
                    : "expected a mapping with `table`, `version` and `factors`, not " + root.kind());
            return new Table(null, null, List.of());
        }
        Fields fields = new Fields(mapping, "", TABLE_FIELDS);
        String id = fields.text("table", true, false);
        if (id != null && !TABLE_ID.matcher(id).matches()) {
            problem("table", fields.location("table"),
                    "table id `" + id + "` may contain only letters, digits, `.`, `-` and `_`");
            id = null;
        }
        String version = fields.text("version", true, true);
        fields.text("description", false, false);
        List<Entry> entries = new ArrayList<>();
        fields.node("factors", true).ifPresent(node -> {
            if (node instanceof Sequence sequence) {
                for (int i = 0; i < sequence.items().size(); i++) {
                    entry(sequence.items().get(i), "factors[" + i + "]", version).ifPresent(entries::add);
                }
            } else {
                problem("factors", node.location(), "`factors` must be a list of factor values, not " + node.kind());
            }
        });
        return new Table(id, version, entries);
    }

    private Optional<Entry> entry(LocatedNode node, String path, String version) {
        if (!(node instanceof Mapping mapping)) {
            problem(path, node.location(), "a factor value must be a mapping with `factor`, `value`, `unit`, "
                    + "`source` and `confidence`, not " + node.kind());
            return Optional.empty();
        }
        int problemsBefore = problems.size();
        Fields fields = new Fields(mapping, path + ".", VALUE_FIELDS);
        String factor = fields.text("factor", true, false);
        if (factor != null && !FACTOR_NAME.matcher(factor).matches()) {
            problem(path + ".factor", fields.location("factor"), "factor name `" + factor
                    + "` must be an identifier: letters, digits and `_`, not starting with a digit");
        }
        String key = Optional.ofNullable(fields.text("key", false, true)).orElse("");
        checkKey(key, path + ".key", fields.location("key"));
        BigDecimal value = fields.decimal("value");
        String unit = fields.text("unit", true, false);
        if (unit != null) {
            checkUnit(unit, path + ".unit", fields.location("unit"));
        }
        LocalDate validFrom = fields.date("valid_from");
        LocalDate validUntil = fields.date("valid_until");
        if (validFrom != null && validUntil != null && !validFrom.isBefore(validUntil)) {
            problem(path + ".valid_until", fields.location("valid_until"), "valid_until " + validUntil
                    + " must be after valid_from " + validFrom + " (valid_until is the first day the value no longer applies)");
        }
        String source = fields.text("source", true, false);
        String clause = fields.text("clause", false, false);
        Confidence confidence = fields.confidence("confidence");
        String note = fields.text("note", false, false);
        if (problems.size() > problemsBefore || version == null) {
            return Optional.empty();
        }
        FactorValue factorValue = new FactorValue(factor, key, value, unit, validFrom, validUntil, source, clause,
                confidence, version, note);
        return Optional.of(new Entry(factorValue, file, path, mapping.location()));
    }

    private void checkKey(String key, String path, Location location) {
        if (!key.isEmpty() && Arrays.stream(key.split(",", -1)).anyMatch(part -> part.isBlank() || !part.strip().equals(part))) {
            problem(path, location, "key `" + key + "` has an empty or space-padded member: write members "
                    + "joined by `,` without spaces, e.g. `unit1,bituminous`");
        }
    }

    private void checkUnit(String unit, String path, Location location) {
        try {
            Unit.parse(unit);
        } catch (UnitParseException e) {
            problem(path, location, e.getMessage());
        }
    }

    private void problem(String path, Location location, String message) {
        problems.add(file, path, location, message);
    }

    /** Typed access to the fields of one mapping; each accessor reports its own problems and returns null on them. */
    private final class Fields {
        private final Mapping mapping;
        private final String prefix;

        Fields(Mapping mapping, String prefix, List<String> allowed) {
            this.mapping = mapping;
            this.prefix = prefix;
            for (Field field : mapping.fields().values()) {
                if (!allowed.contains(field.name())) {
                    unknown(field, allowed);
                }
            }
        }

        private void unknown(Field field, List<String> allowed) {
            String hint = Spelling.closest(field.name(), allowed, MAX_FIELD_EDITS)
                    .map(s -> " — did you mean `" + s + "`?")
                    .orElse(" — expected one of " + allowed.stream().map(a -> "`" + a + "`").collect(Collectors.joining(", ")));
            problem(prefix + field.name(), field.nameLocation(), "unknown field `" + field.name() + "`" + hint);
        }

        Location location(String name) {
            Field field = mapping.fields().get(name);
            return field == null ? mapping.location() : field.value().location();
        }

        Optional<LocatedNode> node(String name, boolean required) {
            Field field = mapping.fields().get(name);
            if (field == null && required) {
                problem(prefix + name, mapping.location(), "missing `" + name + "`");
            }
            return Optional.ofNullable(field).map(Field::value);
        }

        /** A scalar that is present and not null; wrong kinds are reported. */
        private Optional<Scalar> scalar(String name, boolean required, String expected) {
            Optional<LocatedNode> node = node(name, required);
            if (node.isEmpty()) {
                return Optional.empty();
            }
            if (node.get() instanceof Scalar scalar && !scalar.isNull()) {
                return Optional.of(scalar);
            }
            if (required || !(node.get() instanceof Scalar)) {
                wrongType(name, node.get(), expected);
            }
            return Optional.empty();
        }

        private void wrongType(String name, LocatedNode node, String expected) {
            problem(prefix + name, node.location(), "`" + name + "` must be " + expected + ", not " + node.kind());
        }

        String text(String name, boolean required, boolean numberAllowed) {
            String expected = numberAllowed ? "a string or a number" : "a string";
            return scalar(name, required, expected).map(scalar -> {
                boolean ok = scalar.token() == JsonToken.VALUE_STRING || numberAllowed && scalar.isNumber();
                if (!ok) {
                    wrongType(name, scalar, expected);
                    return null;
                }
                if (required && scalar.text().isBlank()) {
                    problem(prefix + name, scalar.location(), "`" + name + "` must not be empty");
                    return null;
                }
                return scalar.text();
            }).orElse(null);
        }

        BigDecimal decimal(String name) {
            return scalar(name, true, "a number").map(scalar -> {
                if (!scalar.isNumber()) {
                    wrongType(name, scalar, "a number (the value as the source prints it, e.g. 19.570)");
                    return null;
                }
                try {
                    return new BigDecimal(scalar.text());
                } catch (NumberFormatException e) {
                    problem(prefix + name, scalar.location(), "`" + scalar.text()
                            + "` is not a decimal number: write digits with an optional `.` and exponent");
                    return null;
                }
            }).orElse(null);
        }

        LocalDate date(String name) {
            String text = text(name, false, false);
            if (text == null) {
                return null;
            }
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                problem(prefix + name, location(name), "bad date `" + text + "`: expected YYYY-MM-DD, e.g. 2021-01-01");
                return null;
            }
        }

        Confidence confidence(String name) {
            String text = text(name, true, false);
            if (text == null) {
                return null;
            }
            List<String> labels = Arrays.stream(Confidence.values()).map(Enum::name).toList();
            if (labels.contains(text)) {
                return Confidence.valueOf(text);
            }
            String hint = Spelling.closest(text, labels, 1).map(s -> "did you mean `" + s + "`? ").orElse("");
            problem(prefix + name, location(name), "unknown confidence `" + text + "`: " + hint
                    + "expected one of A, B, C, U, SITE");
            return null;
        }
    }
}
