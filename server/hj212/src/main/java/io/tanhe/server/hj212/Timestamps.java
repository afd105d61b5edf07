package io.tanhe.server.hj212;

import java.time.DateTimeException;
import java.time.LocalDateTime;

/** The {@code YYYYMMDDhhmmss} times of the CP area (DataTime, BeginTime, SystemTime …). */
public final class Timestamps {
    private Timestamps() {
    }

    /**
     * Reads a 14-digit time.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static LocalDateTime parse(String text) {
        if (text.length() != 14 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("must be 14 digits YYYYMMDDhhmmss, not '" + text + "'");
        }
        try {
            return dateTime(text, 0);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a real time: " + e.getMessage(), e);
        }
    }

    /** The 14-digit text of {@code time} (seconds; smaller units are dropped). */
    public static String format(LocalDateTime time) {
        StringBuilder b = new StringBuilder(17);
        digits(b, time.getYear(), 4);
        digits(b, time.getMonthValue(), 2);
        digits(b, time.getDayOfMonth(), 2);
        digits(b, time.getHour(), 2);
        digits(b, time.getMinute(), 2);
        digits(b, time.getSecond(), 2);
        return b.toString();
    }

    /** Appends {@code value} zero-padded to {@code width} digits (String.format is slow on hot paths). */
    static StringBuilder digits(StringBuilder b, int value, int width) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(s);
    }

    static LocalDateTime dateTime(String digits, int from) {
        return LocalDateTime.of(num(digits, from, 4), num(digits, from + 4, 2), num(digits, from + 6, 2),
                num(digits, from + 8, 2), num(digits, from + 10, 2), num(digits, from + 12, 2));
    }

    private static int num(String s, int from, int len) {
        return Integer.parseInt(s.substring(from, from + len));
    }
}
