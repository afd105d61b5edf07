package io.tanhe.drivers.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Poll times aligned to the local clock: a 15-minute period fires at :00, :15, :30, :45 and a
 * 3-hour period at 00:00, 03:00 … local time, whatever the time the terminal started.
 */
public final class ClockAlignment {
    private ClockAlignment() {
    }

    /** The first aligned instant strictly after {@code after}. */
    public static Instant nextAfter(Instant after, Duration period, ZoneId zone) {
        long p = period.toMillis();
        long offset = zone.getRules().getOffset(after).getTotalSeconds() * 1000L;
        long local = after.toEpochMilli() + offset;
        long next = Math.floorDiv(local, p) * p + p;
        return Instant.ofEpochMilli(next - offset);
    }
}
