package io.tanhe.drivers.schedule;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ClockAlignmentTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void fifteenMinutePollsFireOnTheQuarterHour() {
        assertEquals(Instant.parse("2025-03-01T10:15:00Z"),
                ClockAlignment.nextAfter(Instant.parse("2025-03-01T10:07:31Z"), Duration.ofMinutes(15), ZoneOffset.UTC));
        assertEquals(Instant.parse("2025-03-01T10:30:00Z"),
                ClockAlignment.nextAfter(Instant.parse("2025-03-01T10:15:00Z"), Duration.ofMinutes(15), ZoneOffset.UTC));
    }

    @Test
    void threeHourPollsAlignToLocalMidnightNotUtc() {
        // 01:10 local (UTC+8) → next is 03:00 local = 19:00 UTC the day before
        assertEquals(Instant.parse("2025-02-28T19:00:00Z"),
                ClockAlignment.nextAfter(Instant.parse("2025-02-28T17:10:00Z"), Duration.ofHours(3), SHANGHAI));
    }

    @Test
    void oneSecondPollsFireOnTheSecond() {
        assertEquals(Instant.parse("2025-03-01T10:00:01Z"),
                ClockAlignment.nextAfter(Instant.parse("2025-03-01T10:00:00.999Z"), Duration.ofSeconds(1), SHANGHAI));
    }
}
