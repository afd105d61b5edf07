package io.tanhe.server.recompute;

import io.tanhe.server.evaluation.BackgroundThread;
import io.tanhe.server.site.Site;
import io.tanhe.server.store.BucketResult;
import io.tanhe.server.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The running terminal's background recompute: on a low-priority daemon thread, takes the earliest
 * closed day with pending requests in the store's {@link io.tanhe.server.store.RecomputeQueue},
 * recomputes it and marks its requests done ({@link ClosedDays}); then the next day. One day at a
 * time, with a pause between days, so that live intake keeps the store's writer and the CPU. A day is closed when it lies before the
 * open window; requests for open days wait. A failure (store stopped) is logged and the day retried
 * after {@code idle}; requests survive restarts because they are in the store.
 */
public final class RecomputeJob implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RecomputeJob.class);
    /** Between two days: lets the live pipeline's writes through first. */
    private static final Duration PAUSE = Duration.ofMillis(50);

    private final Supplier<Site> site;
    private final Store store;
    private final Clock wallClock;
    private final Supplier<Optional<Instant>> windowFrom;
    private final Duration idle;
    private final Consumer<DayOutcome> afterDay;
    private final Consumer<BucketResult> stored;
    private final BackgroundThread thread;

    private RecomputeJob(Supplier<Site> site, Store store, Supplier<Optional<Instant>> windowFrom, Clock wallClock, Duration idle,
                         Consumer<DayOutcome> afterDay, Consumer<BucketResult> stored) {
        this.site = site;
        this.afterDay = afterDay;
        this.stored = stored;
        this.store = store;
        this.wallClock = wallClock;
        this.windowFrom = windowFrom;
        this.idle = idle;
        this.thread = new BackgroundThread("tanhe-recompute", this::run);
    }

    /**
     * Starts the job.
     *
     * @param site       the site as configured now: a configuration package activated while the terminal runs
     *                   changes it, and every day recomputed after that uses the new one
     * @param windowFrom the open window's start (empty before the terminal has data: nothing is closed)
     * @param idle       how long to wait when there is nothing to do, or after a failure
     */
    public static RecomputeJob start(Supplier<Site> site, Store store, Supplier<Optional<Instant>> windowFrom, Clock wallClock,
                                     Duration idle) {
        return start(site, store, windowFrom, wallClock, idle, outcome -> { });
    }

    /**
     * As {@link #start(Supplier, Store, Supplier, Clock, Duration)}, telling {@code afterDay} what each recomputed day
     * did (the measurement method recomputes the same day's hours from the late readings).
     */
    public static RecomputeJob start(Supplier<Site> site, Store store, Supplier<Optional<Instant>> windowFrom, Clock wallClock,
                                     Duration idle, Consumer<DayOutcome> afterDay) {
        return start(site, store, windowFrom, wallClock, idle, afterDay, r -> { });
    }

    /**
     * As {@link #start(Supplier, Store, Supplier, Clock, Duration, Consumer)}, telling {@code stored} each day, week,
     * month, quarter and year figure a recompute writes (the terminal shows them to the rules, see {@link DayRecompute}).
     */
    public static RecomputeJob start(Supplier<Site> site, Store store, Supplier<Optional<Instant>> windowFrom, Clock wallClock,
                                     Duration idle, Consumer<DayOutcome> afterDay, Consumer<BucketResult> stored) {
        RecomputeJob job = new RecomputeJob(site, store, windowFrom, wallClock, idle, afterDay, stored);
        job.thread.start();
        return job;
    }

    /** Looks for work every {@code idle} (the first time {@code idle} after the start, when the open window is rebuilt). */
    private void run() {
        Duration wait = idle;
        while (!thread.closed()) {
            thread.pause(wait);
            wait = idle;
            try {
                if (!thread.closed() && step()) {
                    wait = PAUSE;
                }
            } catch (RuntimeException e) {
                LOG.error("recompute of site {} failed, retrying in {}: {}", site.get().identity().siteId(), idle, e.toString());
            }
        }
    }

    /** Recomputes the earliest closed day with pending requests; false when there is none. */
    boolean step() {
        ClosedDays days = new ClosedDays(site.get(), store, wallClock, stored);
        Optional<LocalDate> day = windowFrom.get().flatMap(days::nextPending);
        day.ifPresent(d -> afterDay.accept(days.recompute(d, "by the terminal")));
        return day.isPresent();
    }

    /** Stops after the day in progress (without interrupting it: Derby closes a connection whose thread is interrupted). */
    @Override
    public void close() {
        if (!thread.close(Duration.ofMinutes(1))) {
            LOG.warn("the recompute of site {} did not stop within a minute; its day is recomputed again at the next start",
                    site.get().identity().siteId());
        }
    }
}
