package io.tanhe.grammar.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and prints durations the way operators write them in every configuration file:
 * {@code 500ms}, {@code 15s}, {@code 2min} (or {@code 2m}), {@code 3h}, {@code 1d}; ISO-8601
 * ({@code PT15M}) is read too, as the uplink configuration always allowed.
 */
public final class Durations {
    private static final Pattern FORM = Pattern.compile("(\\d+)\\s*(ms|s|m|min|h|d)");

    private Durations() {
    }

    /**
     * Parses {@code <integer><unit>} with unit {@code ms}, {@code s}, {@code m} or {@code min}, {@code h},
     * {@code d}, or an ISO-8601 duration that is not negative.
     *
     * @throws IllegalArgumentException with a message an operator can act on
     */
    public static Duration parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = FORM.matcher(t);
        if (!m.matches()) {
            return iso(text);
        }
        long n;
        try {
            n = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("`" + text + "` is too large");
        }
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m", "min" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    private static Duration iso(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        if (t.startsWith("P")) {
            try {
                Duration d = Duration.parse(t);
                if (!d.isNegative()) {
                    return d;
                }
            } catch (DateTimeParseException notIso) {
                // falls through to the operator's message
            }
        }
        throw new IllegalArgumentException("`" + text + "` is not a duration; write e.g. 500ms, 15s, 5min, 3h, 1d");
    }

    /** The shortest operator form of {@code d}, e.g. {@code 15s}, {@code 1500ms} or {@code 7d}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000 == 0 && ms > 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms % 3_600_000 == 0 && ms > 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + "min";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
