package io.tanhe.server.uplink.schedule;

import io.tanhe.server.uplink.status.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The terminal's clock as a platform may set it (HJ 212 CN 1012, time calibration): a base clock
 * plus an offset. The terminal cannot (and should not, without root) move the operating system's
 * clock, so it keeps the platform's correction as an offset, persisted in a file when one is given
 * so that it survives restarts. Give the same instance to whatever timestamps measurements.
 */
public final class AdjustableClock extends Clock {
    private final Clock base;
    private final Path fileOrNull;
    private volatile Duration offset;

    private AdjustableClock(Clock base, Path fileOrNull, Duration offset) {
        this.base = base;
        this.fileOrNull = fileOrNull;
        this.offset = offset;
    }

    /** {@code base} without offset, not persisted. */
    public static AdjustableClock over(Clock base) {
        return new AdjustableClock(base, null, Duration.ZERO);
    }

    /**
     * {@code base} with the offset kept in {@code file} (read now, rewritten on every change).
     *
     * @throws IOException when the file exists but cannot be read or holds no offset
     */
    public static AdjustableClock persisted(Clock base, Path file) throws IOException {
        Duration offset = Duration.ZERO;
        if (Files.exists(file)) {
            String text = Files.readString(file).trim();
            try {
                offset = Duration.parse(text);
            } catch (RuntimeException e) {
                throw new IOException(file + ": '" + text + "' is not a clock offset (ISO-8601 duration); delete the file to reset it", e);
            }
        }
        return new AdjustableClock(base, file, offset);
    }

    /** Sets the clock so that it reads {@code now} at this moment; returns the new offset. */
    public synchronized Duration set(Instant now) {
        offset = Duration.between(base.instant(), now);
        Optional.ofNullable(fileOrNull).ifPresent(f -> AtomicFiles.write(f, offset.toString()));
        return offset;
    }

    /** The current offset from the base clock. */
    public Duration offset() {
        return offset;
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        AdjustableClock self = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return self.withZone(other);
            }

            @Override
            public Instant instant() {
                return self.instant();
            }
        };
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset);
    }
}
