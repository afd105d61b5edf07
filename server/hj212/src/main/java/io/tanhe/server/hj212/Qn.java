package io.tanhe.server.hj212;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A request number (QN): the millisecond timestamp {@code YYYYMMDDhhmmsszzz} that identifies one
 * command exchange. HJ 212 times are local times without a zone.
 *
 * @param time the timestamp, whole milliseconds, year 0000-9999
 */
public record Qn(LocalDateTime time) {

    public Qn {
        Objects.requireNonNull(time, "time");
        if (time.getNano() % 1_000_000 != 0) {
            throw new IllegalArgumentException("a QN has millisecond precision, not " + time);
        }
        if (time.getYear() < 0 || time.getYear() > 9999) {
            throw new IllegalArgumentException("a QN year has 4 digits, not " + time.getYear());
        }
    }

    /** A QN for {@code time} truncated to the millisecond. */
    public static Qn at(LocalDateTime time) {
        return new Qn(time.truncatedTo(ChronoUnit.MILLIS));
    }

    /**
     * Reads the 17-digit text.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static Qn parse(String text) {
        if (text.length() != 17 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("must be 17 digits YYYYMMDDhhmmsszzz, not '" + text + "'");
        }
        try {
            return new Qn(Timestamps.dateTime(text, 0).plusNanos(Integer.parseInt(text.substring(14)) * 1_000_000L));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a real time: " + e.getMessage(), e);
        }
    }

    /** The 17-digit text. */
    public String text() {
        return Timestamps.digits(new StringBuilder(Timestamps.format(time)), time.getNano() / 1_000_000, 3).toString();
    }

    @Override
    public String toString() {
        return text();
    }
}
