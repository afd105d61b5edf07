package io.tanhe.engine.rules.threshold;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code for} (and {@code escalate_after}) text of a threshold: a duration such as {@code 10s},
 * {@code 5m}, {@code 5 minutes}, {@code 2h}, or a bucket count such as {@code 3 buckets}.
 *
 * @param duration the duration; zero when {@code buckets} is given
 * @param buckets  the bucket count; 1 when a duration is given
 */
record ForClause(Duration duration, int buckets) {
    private static final Pattern FORM = Pattern.compile(
            "(\\d+)\\s*(s|sec|secs|seconds?|m|min|mins|minutes?|h|hours?|d|days?|buckets?)");

    /**
     * @throws IllegalArgumentException with the accepted forms
     */
    static ForClause parse(String text) {
        Matcher m = FORM.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("`" + text + "` is not a duration or bucket count; write e.g. 10s, 5m, 5 minutes, 2h, 1d or 3 buckets");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2);
        if (unit.startsWith("bucket")) {
            return new ForClause(Duration.ZERO, Math.toIntExact(n));
        }
        Duration d = switch (unit.charAt(0)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        return new ForClause(d, 1);
    }
}
