package io.tanhe.server.uplink.schedule;

import io.tanhe.server.uplink.config.RealtimeSchedule;
import io.tanhe.server.uplink.config.Schedules;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UploadWindowsTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Schedules SCHEDULES = new Schedules(RealtimeSchedule.DEFAULT, LocalTime.of(0, 30),
            new Schedules.MonthlySchedule(1, LocalTime.of(1, 0)));

    private static Instant local(String t) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(t), ZONE).toInstant();
    }

    @Test
    void realtimeWindowsComeEveryIntervalShiftedByTheDelayAndCarryTheClosedQuarters() {
        UploadWindows w = new UploadWindows(SCHEDULES, ZONE, () -> Duration.ofMinutes(15));
        assertEquals(local("2024-03-04T10:17:00"), w.nextAfter(Stream.REALTIME, local("2024-03-04T10:05:00")).orElseThrow());
        assertEquals(local("2024-03-04T10:32:00"), w.nextAfter(Stream.REALTIME, local("2024-03-04T10:17:00")).orElseThrow());
        assertEquals(local("2024-03-04T10:15:00"), w.closedUntil(Stream.REALTIME, local("2024-03-04T10:17:00")));
    }

    @Test
    void anIntervalSetByThePlatformMovesTheWindows() {
        UploadWindows w = new UploadWindows(SCHEDULES, ZONE, () -> Duration.ofHours(1));
        assertEquals(local("2024-03-04T11:02:00"), w.nextAfter(Stream.REALTIME, local("2024-03-04T10:05:00")).orElseThrow());
    }

    @Test
    void dailyAndMonthlyWindowsCarryThePreviousDayAndMonth() {
        UploadWindows w = new UploadWindows(SCHEDULES, ZONE, () -> Duration.ofMinutes(15));
        assertEquals(local("2024-03-05T00:30:00"), w.nextAfter(Stream.DAILY, local("2024-03-04T00:30:00")).orElseThrow());
        assertEquals(local("2024-03-05T00:00:00"), w.closedUntil(Stream.DAILY, local("2024-03-05T00:30:00")));
        assertEquals(local("2024-04-01T01:00:00"), w.nextAfter(Stream.MONTHLY, local("2024-03-04T10:00:00")).orElseThrow());
        assertEquals(local("2024-04-01T00:00:00"), w.closedUntil(Stream.MONTHLY, local("2024-04-01T01:00:00")));
    }
}
