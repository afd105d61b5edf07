package io.tanhe.server.terminal;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Counters of a running terminal, for the live summary and the status API. Thread-safe. */
public final class TerminalStats {
    final AtomicLong received = new AtomicLong();
    final AtomicLong acknowledged = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();
    final AtomicLong evaluated = new AtomicLong();
    final AtomicLong outsideWindow = new AtomicLong();
    final AtomicLong unusable = new AtomicLong();
    final AtomicLong invalid = new AtomicLong();
    final AtomicLong resultsWritten = new AtomicLong();
    final AtomicReference<Instant> watermark = new AtomicReference<>();
    final AtomicReference<HourFigure> currentHour = new AtomicReference<>();
    final AtomicReference<CatchUp> catchUp = new AtomicReference<>();

    /**
     * The catch-up of an outage in progress: the days from {@code from} to {@code to} (the new open
     * window) are computed one at a time; {@code daysDone} of {@code daysTotal} are stored.
     */
    public record CatchUp(Instant from, Instant to, Instant next, int daysDone, int daysTotal, double daysPerSecond) {
    }

    /** The catch-up in progress; null when there is none. */
    public CatchUp catchUp() {
        return catchUp.get();
    }

    /** The running total of the hour bucket that holds the watermark. */
    public record HourFigure(Instant start, double value, String unit, String quality) {
    }

    /** Readings the sources delivered. */
    public long received() {
        return received.get();
    }

    /** Readings durably stored (new ones). */
    public long acknowledged() {
        return acknowledged.get();
    }

    /** Readings already stored before (same idempotency key): not counted again. */
    public long duplicates() {
        return duplicates.get();
    }

    /** Readings the store refused (busy, disk full, closed): not acknowledged, not evaluated. */
    public long rejected() {
        return rejected.get();
    }

    /** Readings that reached the evaluator. */
    public long evaluated() {
        return evaluated.get();
    }

    /** Readings stored raw but measured before the open window, so they changed no result. */
    public long outsideWindow() {
        return outsideWindow.get();
    }

    /** Readings the evaluator could not use (see the log). */
    public long unusable() {
        return unusable.get();
    }

    /** Readings the rules judged invalid (counted as missing). */
    public long invalid() {
        return invalid.get();
    }

    public long resultsWritten() {
        return resultsWritten.get();
    }

    /** The latest measurement time evaluated. */
    public Instant watermark() {
        return watermark.get();
    }

    /** The current hour's total emission, once known. */
    public HourFigure currentHour() {
        return currentHour.get();
    }
}
