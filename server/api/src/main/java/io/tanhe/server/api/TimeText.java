package io.tanhe.server.api;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * Reads a point in time as people write it: {@code 2026-06-01T10:00:00Z}, {@code 2026-06-01T10:00+08:00},
 * a local {@code 2026-06-01T10:00} or {@code 2026-06-01 10:00} in the site's zone, or a date
 * {@code 2026-06-01} (its local midnight).
 */
public final class TimeText {
    private TimeText() {
    }

    /**
     * @throws IllegalArgumentException saying which forms are accepted
     */
    public static Instant parse(String text, ZoneId zone) {
        String t = text.strip().replace(' ', 'T');
        try {
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
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("`" + text + "` is not a time: write 2026-06-01T10:00 (local, " + zone
                    + "), 2026-06-01T02:00:00Z, 2026-06-01T10:00+08:00 or 2026-06-01");
        }
    }
}
