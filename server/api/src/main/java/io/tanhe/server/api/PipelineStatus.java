package io.tanhe.server.api;

import java.time.Instant;
import java.util.Optional;

/**
 * What {@code /api/status} reports of the pipeline that feeds the store: counters, the measurement
 * time reached, the current hour's total and the open window. The API reads a pipeline only through
 * this view, so it does not depend on how a terminal is built ({@link TerminalApi} adapts one).
 */
public interface PipelineStatus {

    /** Reading counters since start. */
    record Counters(long received, long acknowledged, long duplicates, long rejected, long outsideOpenWindow,
                    long unusable, long resultsWritten) {
    }

    /** The running total of the hour bucket that holds the watermark. */
    record HourFigure(Instant start, double value, String unit, String quality) {
    }

    Counters counters();

    /** The latest measurement time evaluated; empty before the first reading. */
    Optional<Instant> watermark();

    Optional<HourFigure> currentHour();

    /** The start of the buckets still open for late readings; empty before the first reading. */
    Optional<Instant> openWindowFrom();

    /** When this pipeline started (wall clock). */
    Instant startedAt();

    /** An outage being caught up a day at a time: the days from {@code from} to {@code to}, {@code daysDone} stored. */
    record CatchUp(Instant from, Instant to, Instant next, int daysDone, int daysTotal, double daysPerSecond) {
    }

    /** The catch-up of an outage in progress; empty when there is none. */
    default Optional<CatchUp> catchUp() {
        return Optional.empty();
    }

    /** Workers (threads) that died, by name, with what killed them; empty while all run. */
    default java.util.Map<String, String> deadWorkers() {
        return java.util.Map.of();
    }
}
