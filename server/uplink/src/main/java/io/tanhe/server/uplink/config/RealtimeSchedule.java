package io.tanhe.server.uplink.config;

import java.time.Duration;

/**
 * The 15-minute real-time indicators (section 7.2.4 (1)): an upload window every {@code interval}
 * (aligned to local midnight) carries every 15-minute period that closed at least {@code delay}
 * before it. A platform may change the interval (HJ 212 CN 1062, section 7.2.4 (2)).
 *
 * @param interval time between upload windows, 30 s to 3600 s (the range of HJ 212 {@code RtdInterval})
 * @param delay    how long after a period ends its results are taken as final, less than the interval
 */
public record RealtimeSchedule(Duration interval, Duration delay) {
    /** The default: a window every 15 minutes, two minutes after each period ends. */
    public static final RealtimeSchedule DEFAULT = new RealtimeSchedule(Duration.ofMinutes(15), Duration.ofMinutes(2));
    /** The shortest interval HJ 212 lets a platform set. */
    public static final Duration MIN_INTERVAL = Duration.ofSeconds(30);
    /** The longest interval HJ 212 lets a platform set. */
    public static final Duration MAX_INTERVAL = Duration.ofSeconds(3600);

    /** This schedule with another interval. */
    public RealtimeSchedule withInterval(Duration newInterval) {
        return new RealtimeSchedule(newInterval, delay);
    }
}
