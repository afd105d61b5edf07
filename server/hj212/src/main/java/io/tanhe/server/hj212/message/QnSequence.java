package io.tanhe.server.hj212.message;

import io.tanhe.server.hj212.Qn;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

/**
 * Issues request numbers from a clock, strictly increasing even when several packets leave within
 * one millisecond or the clock steps back, since a QN must identify one exchange. QN is the send
 * time of a packet (not a measurement time), so a wall clock is right here. Thread-safe.
 */
public final class QnSequence implements Supplier<Qn> {
    private final Clock clock;
    private final ZoneId zone;
    private LocalDateTime last = LocalDateTime.MIN;

    /** A sequence reading {@code clock} in the clock's zone. */
    public QnSequence(Clock clock) {
        this(clock, clock.getZone());
    }

    /**
     * A sequence reading {@code clock}, its instants written as local times of {@code zone} (HJ 212
     * times carry none). The clock is read at every call, so each QN is the time its packet is sent.
     */
    public QnSequence(Clock clock, ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
    }

    /** The next QN. */
    @Override
    public synchronized Qn get() {
        LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), zone).truncatedTo(ChronoUnit.MILLIS);
        last = now.isAfter(last) ? now : last.plus(1, ChronoUnit.MILLIS);
        return new Qn(last);
    }
}
