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
}
