package io.tanhe.server.terminal;

import io.tanhe.engine.time.Grain;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The buckets the terminal still computes live: from the start of the local day that held the
 * measurement-time watermark {@code lateWindow} ago. Results of buckets before it are final in the
 * store; a reading for that time is stored raw, changes no live result and is recorded as a request
 * to recompute the closed days it affects ({@link LateRequests}, done by
 * {@link io.tanhe.server.recompute.RecomputeJob}). Keeping whole days open makes the day totals exact
 * after a restart: the restart replays the stored readings of the open days.
 *
 * <p>Moved by the evaluation thread only; read by other threads (the recompute job) through {@link #from}.
 */
public final class OpenWindow {
    private final ZoneId zone;
    private final Duration lateWindow;
    private volatile Instant from;

    /** A window for a site's zone and late window; it has no start until the first {@link #advance}. */
    public OpenWindow(ZoneId zone, Duration lateWindow) {
        this.zone = zone;
        this.lateWindow = lateWindow;
    }

    /** Where the window starts for a watermark. */
    public Instant startFor(Instant watermark) {
        return Grain.DAY.floor(watermark.minus(lateWindow), zone);
    }

    /** The first instant still open; empty before the first reading (everything is open). */
    public Optional<Instant> from() {
        return Optional.ofNullable(from);
    }

    /** Moves the window's start for a new watermark; returns the new start when it moved. */
    Optional<Instant> advance(Instant watermark) {
        Instant next = startFor(watermark);
        if (from == null || next.isAfter(from)) {
            from = next;
            return Optional.of(next);
        }
        return Optional.empty();
    }

    /** Moves the window's start to {@code start} (a day start), forward only: the catch-up of an outage, a day at a time. */
    void moveTo(Instant start) {
        if (from == null || start.isAfter(from)) {
            from = start;
        }
    }

    /** True when a reading measured at {@code t} still changes results. */
    boolean admitsReading(Instant t) {
        return from == null || !t.isBefore(from);
    }

    /** True when a per-period value whose period ends at {@code periodEnd} still changes results. */
    boolean admitsPeriod(Instant periodEnd) {
        return from == null || periodEnd.isAfter(from);
    }
}
