package io.tanhe.server.api;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimeTextTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void monthQuarterAndYearStandForTheirFirstLocalMidnight() {
        assertEquals(Instant.parse("2026-10-31T16:00:00Z"), TimeText.parse("2026-11", SHANGHAI));
        assertEquals(Instant.parse("2026-09-30T16:00:00Z"), TimeText.parse("2026-Q4", SHANGHAI));
        assertEquals(Instant.parse("2026-03-31T16:00:00Z"), TimeText.parse("2026-q2", SHANGHAI));
        assertEquals(Instant.parse("2025-12-31T16:00:00Z"), TimeText.parse("2026", SHANGHAI));
        assertEquals(Instant.parse("2026-06-01T02:00:00Z"), TimeText.parse("2026-06-01 10:00", SHANGHAI));
    }

    @Test
    void timesOutsideTheTerminalsRangeAreRefusedNotOverflowed() {
        for (String t : new String[] {"+999999999-12-31T23:59", "-999999999-01-01", "+999999999-12-31", "1969-12-31",
                "9999-06-01T00:00Z", "+1000000000-01-01T00:00Z"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TimeText.parse(t, SHANGHAI), t);
            assertTrue(e.getMessage().contains("outside the times a terminal holds") || e.getMessage().contains("is not a time"),
                    t + ": " + e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> TimeText.parse("2026-Q5", SHANGHAI));
        assertThrows(IllegalArgumentException.class, () -> TimeText.parse("2026-13", SHANGHAI));
    }
}
