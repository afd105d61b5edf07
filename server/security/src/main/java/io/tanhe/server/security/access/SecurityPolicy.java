package io.tanhe.server.security.access;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The login policy (§7.4.1.2).
 *
 * @param lockoutAfter          consecutive failed logins that lock an account
 * @param lockoutFor            how long such a lock lasts
 * @param passwordMaxAge        a password older than this must be changed at the next login
 * @param history               a new password must differ from this many previous ones (the current included)
 * @param idleTimeout           a session unused this long ends
 * @param loginAttemptsPerMinute login attempts taken from one source address per minute; more get 429
 */
public record SecurityPolicy(int lockoutAfter, Duration lockoutFor, Duration passwordMaxAge, int history,
                             Duration idleTimeout, int loginAttemptsPerMinute) {
    public SecurityPolicy {
        if (lockoutAfter < 1 || history < 1 || loginAttemptsPerMinute < 1) {
            throw new IllegalArgumentException("lockoutAfter, history and loginAttemptsPerMinute must be at least 1");
        }
        if (lockoutFor.isNegative() || passwordMaxAge.isNegative() || passwordMaxAge.isZero()
                || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("durations must be positive");
        }
    }

    /** 5 failures lock for 15 min, passwords expire after 90 days, the last 5 are remembered, sessions idle out after 15 min, 10 logins per minute per address. */
    public static SecurityPolicy defaults() {
        return new SecurityPolicy(5, Duration.ofMinutes(15), Duration.ofDays(90), 5, Duration.ofMinutes(15), 10);
    }

    private static final Pattern DURATION = Pattern.compile("(\\d{1,6})\\s*(s|min|m|h|d)");

    /** The values by name, as {@code tanhe users policy} shows and the database keeps them. */
    public Map<String, String> toSettings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("lockout-after", Integer.toString(lockoutAfter));
        m.put("lockout-for", text(lockoutFor));
        m.put("password-max-age", text(passwordMaxAge));
        m.put("history", Integer.toString(history));
        m.put("idle-timeout", text(idleTimeout));
        m.put("login-attempts-per-minute", Integer.toString(loginAttemptsPerMinute));
        return m;
    }

    /**
     * This policy with the values {@code settings} gives (by the names of {@link #toSettings()}); others unchanged.
     *
     * @throws IllegalArgumentException naming the setting whose value is not a count or a duration, or an unknown name
     */
    public SecurityPolicy with(Map<String, String> settings) {
        Map<String, String> m = new LinkedHashMap<>(toSettings());
        for (Map.Entry<String, String> e : settings.entrySet()) {
            if (!m.containsKey(e.getKey())) {
                throw new IllegalArgumentException("no policy setting `" + e.getKey() + "`; the settings are " + String.join(", ", m.keySet()));
            }
            m.put(e.getKey(), e.getValue());
        }
        return new SecurityPolicy(count(m, "lockout-after"), duration(m, "lockout-for"), duration(m, "password-max-age"),
                count(m, "history"), duration(m, "idle-timeout"), count(m, "login-attempts-per-minute"));
    }

    private static int count(Map<String, String> m, String name) {
        try {
            return Integer.parseInt(m.get(name).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": `" + m.get(name) + "` is not a whole number");
        }
    }

    private static Duration duration(Map<String, String> m, String name) {
        Matcher d = DURATION.matcher(m.get(name).strip().toLowerCase(Locale.ROOT));
        if (!d.matches()) {
            throw new IllegalArgumentException(name + ": `" + m.get(name) + "` is not a duration; write e.g. 30s, 15min, 8h or 90d");
        }
        long n = Long.parseLong(d.group(1));
        return switch (d.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m", "min" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    private static String text(Duration d) {
        long s = d.toSeconds();
        return s % 86_400 == 0 ? s / 86_400 + "d" : s % 3_600 == 0 ? s / 3_600 + "h" : s % 60 == 0 ? s / 60 + "min" : s + "s";
    }
}
