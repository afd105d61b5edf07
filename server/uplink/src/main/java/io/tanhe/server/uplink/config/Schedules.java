package io.tanhe.server.uplink.config;

import java.time.LocalTime;
import java.util.Optional;

/**
 * When a centre gets which indicators (section 7.2.4 (1), (2)): real-time (15-minute), daily and
 * monthly. An absent schedule is not uploaded.
 *
 * @param realtimeOrNull the 15-minute indicators, or null
 * @param dailyAtOrNull  local time of day at which the previous day's indicators go, or null
 * @param monthlyOrNull  day of month and time at which the previous month's indicators go, or null
 */
public record Schedules(RealtimeSchedule realtimeOrNull, LocalTime dailyAtOrNull, MonthlySchedule monthlyOrNull) {
    /** Real-time every 15 minutes and daily at 00:30, as when a centre names no schedules. */
    public static final Schedules DEFAULT = new Schedules(RealtimeSchedule.DEFAULT, LocalTime.of(0, 30), null);

    public Optional<RealtimeSchedule> realtime() {
        return Optional.ofNullable(realtimeOrNull);
    }

    public Optional<LocalTime> dailyAt() {
        return Optional.ofNullable(dailyAtOrNull);
    }

    public Optional<MonthlySchedule> monthly() {
        return Optional.ofNullable(monthlyOrNull);
    }

    /**
     * The monthly upload window.
     *
     * @param day 1-28, so that every month has it
     * @param at  local time of day
     */
    public record MonthlySchedule(int day, LocalTime at) {
    }
}
