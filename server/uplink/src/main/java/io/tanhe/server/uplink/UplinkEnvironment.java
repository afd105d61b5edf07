package io.tanhe.server.uplink;

import io.tanhe.server.uplink.schedule.AdjustableClock;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;

/**
 * What the uplink needs from the terminal besides its configuration and the store.
 *
 * @param zone            the plant's time zone: bucket boundaries and HJ 212 times are local
 * @param clock           the terminal's clock (tests inject a simulated one); when it is an
 *                        {@link AdjustableClock}, platforms may set it (CN 1012)
 * @param stateDir        where the uplink keeps its small state and status files ({@code <data dir>/uplink})
 * @param poll            how long a centre's thread sleeps when idle (real time)
 * @param valuesPerUpload indicators per outbox message (one period each)
 */
public record UplinkEnvironment(ZoneId zone, Clock clock, Path stateDir, Duration poll, int valuesPerUpload) {
    /** The directory under a data directory that holds the uplink's files. */
    public static final String DIR = "uplink";

    /** The defaults for a terminal whose data directory is {@code dataDir}: a 1 s poll, 200 indicators per message. */
    public static UplinkEnvironment of(ZoneId zone, Clock clock, Path dataDir) {
        return new UplinkEnvironment(zone, clock, dataDir.resolve(DIR), Duration.ofSeconds(1), 200);
    }

    /** This environment with another poll interval (tests use a short one). */
    public UplinkEnvironment withPoll(Duration newPoll) {
        return new UplinkEnvironment(zone, clock, stateDir, newPoll, valuesPerUpload);
    }
}
