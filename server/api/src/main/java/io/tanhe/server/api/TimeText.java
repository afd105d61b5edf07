package io.tanhe.server.api;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a point in time as people write it: {@code 2026-06-01T10:00:00Z}, {@code 2026-06-01T10:00+08:00},
 * a local {@code 2026-06-01T10:00} or {@code 2026-06-01 10:00} in the site's zone, a date
 * {@code 2026-06-01} (its local midnight), and for coarse reports a month {@code 2026-11}, a quarter
 * {@code 2026-Q4} or a year {@code 2026} (the local midnight at which it starts). Times before
 * {@link #MIN} or from {@link #MAX} on are refused: no terminal holds data there, and arithmetic on
 * instants near the ends of {@link Instant}'s range overflows.
 */
public final class TimeText {
    /** The earliest time accepted. */
    public static final Instant MIN = Instant.parse("1970-01-01T00:00:00Z");
    /** The first time no longer accepted. */
    public static final Instant MAX = Instant.parse("9999-01-01T00:00:00Z");

    private static final Pattern YEAR = Pattern.compile("(\\d{4})");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-[Qq]([1-4])");

    private TimeText() {
    }

    /**
     * @throws IllegalArgumentException saying which forms are accepted, or the range for a time outside it
     */
    public static Instant parse(String text, ZoneId zone) {
        String t = text.strip().replace(' ', 'T');
        Instant at;
        try {
            at = parseUnchecked(t, zone);
        } catch (DateTimeException | ArithmeticException e) {
            throw new IllegalArgumentException("`" + shown(text) + "` is not a time: write 2026-06-01T10:00 (local, " + zone
                    + "), 2026-06-01T02:00:00Z, 2026-06-01T10:00+08:00, 2026-06-01, a month 2026-06, a quarter 2026-Q2 or a year 2026");
        }
        if (at.isBefore(MIN) || !at.isBefore(MAX)) {
            throw new IllegalArgumentException("`" + shown(text) + "` is outside the times a terminal holds: write a time from "
                    + MIN.toString().substring(0, 10) + " to before " + MAX.toString().substring(0, 10));
        }
        return at;
    }

    private static Instant parseUnchecked(String t, ZoneId zone) {
        Matcher m;
        if ((m = YEAR.matcher(t)).matches()) {
            return LocalDate.of(Integer.parseInt(m.group(1)), 1, 1).atStartOfDay(zone).toInstant();
        }
        if ((m = MONTH.matcher(t)).matches()) {
            return YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))).atDay(1).atStartOfDay(zone).toInstant();
        }
        if ((m = QUARTER.matcher(t)).matches()) {
            int quarter = Integer.parseInt(m.group(2));
            return LocalDate.of(Integer.parseInt(m.group(1)), 3 * quarter - 2, 1).atStartOfDay(zone).toInstant();
        }
        if (t.endsWith("Z")) {
            return Instant.parse(t);
        }
        if (t.contains("T") && t.matches(".*[+-]\\d\\d:\\d\\d$")) {
            return OffsetDateTime.parse(t).toInstant();
        }
        if (t.contains("T")) {
            return LocalDateTime.parse(t).atZone(zone).toInstant();
        }
        return LocalDate.parse(t).atStartOfDay(zone).toInstant();
    }

    /** The text as typed, cut to a length a message can carry. */
    static String shown(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "… (" + text.length() + " characters)";
    }
}
