package io.tanhe.engine.rules.alert;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How urgent an alert is, mildest first. Escalation moves an alert one step up. */
public enum Severity {
    INFO, WARNING, MAJOR, CRITICAL;

    /** The next step up; {@link #CRITICAL} stays critical. */
    public Severity next() {
        return this == CRITICAL ? CRITICAL : values()[ordinal() + 1];
    }

    /**
     * The severity named {@code text}, case-insensitive.
     *
     * @throws IllegalArgumentException naming the accepted words
     */
    public static Severity fromText(String text) {
        for (Severity s : values()) {
            if (s.name().equalsIgnoreCase(text.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown severity `" + text + "`; use one of "
                + Arrays.stream(values()).map(s -> s.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
    }
}
