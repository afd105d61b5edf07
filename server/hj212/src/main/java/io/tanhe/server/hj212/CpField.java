package io.tanhe.server.hj212;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One {@code name=value} of the CP area, e.g. {@code a05001-Cou=12.5}. The name is ASCII and
 * case-sensitive; the value may hold any printable character except the delimiters
 * {@code ; , = &} (non-ASCII text travels as UTF-8, as [STD17] §6.3 allows for Chinese).
 *
 * @param name  the field name
 * @param value the value text, never empty
 */
public record CpField(String name, String value) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

    public CpField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        nameProblem(name).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        valueProblem(name, value).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
    }

    /** Why {@code name} cannot be a field name, if it cannot. */
    static Optional<String> nameProblem(String name) {
        if (name.isEmpty()) {
            return Optional.of("empty field name");
        }
        if (!NAME.matcher(name).matches()) {
            return Optional.of("bad field name '" + name + "': letters, digits, '-' and '_' only, starting with a letter or digit");
        }
        return Optional.empty();
    }

    /** Why {@code value} cannot be the value of field {@code name}, if it cannot. */
    static Optional<String> valueProblem(String name, String value) {
        if (value.isEmpty()) {
            return Optional.of("field " + name + " has an empty value");
        }
        int bad = badValueChar(value);
        if (bad >= 0) {
            return Optional.of("field " + name + " has " + describe(value.charAt(bad)) + " in its value");
        }
        return Optional.empty();
    }

    /** The index of the first char that may not appear in a value, or -1. */
    static int badValueChar(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7F || c == ';' || c == ',' || c == '=' || c == '&') {
                return i;
            }
        }
        return -1;
    }

    static String describe(char c) {
        return c < 0x20 || c == 0x7F ? String.format("control character 0x%02X", (int) c) : "'" + c + "'";
    }

    /** The code before the suffix ({@code a05001} of {@code a05001-Cou}), or the whole name. */
    public String code() {
        return suffix().map(s -> name.substring(0, name.length() - s.text().length() - 1)).orElse(name);
    }

    /** The known suffix after the last {@code -}, if there is one. */
    public Optional<FieldSuffix> suffix() {
        int dash = name.lastIndexOf('-');
        return dash <= 0 ? Optional.empty() : FieldSuffix.of(name.substring(dash + 1));
    }

    /** The field as written: {@code name=value}. */
    public String text() {
        return name + "=" + value;
    }
}
