package io.tanhe.server.terminal;

import io.tanhe.server.evaluation.Qualities;
import io.tanhe.server.evaluation.Replay;
import io.tanhe.engine.incremental.IncrementalEvaluator;
import io.tanhe.engine.rules.RulesEngine;
import io.tanhe.engine.rules.fact.ObservationFact;
import io.tanhe.engine.rules.validation.Verdict;
import io.tanhe.engine.time.Observation;
import io.tanhe.engine.time.PeriodSettings;
import io.tanhe.engine.time.Quality;
import io.tanhe.engine.time.TimeBucket;
import io.tanhe.grammar.ast.Decl;
import io.tanhe.server.site.PointBinding;
import io.tanhe.server.site.Site;
import io.tanhe.server.store.StoredReading;
import io.tanhe.server.store.WriteOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * The terminal's one evaluation thread: takes readings in intake order, waits until each is durably
 * stored (a reading that was not acknowledged is never counted), records a recompute request for
 * each that comes too late for the open window ({@link LateRequests}), shows it to the rules (validation
 * may turn it into a missing value), feeds the evaluator, and writes the buckets that closed as soon as they close
 * (at most ten times per {@code flushInterval}) and the changed ones every {@code flushInterval}. The evaluator and
 * the rules session are touched by this thread only.
 */
final class EvaluationLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(EvaluationLoop.class);
    private static final int BATCH = 2_000;

    // the site, evaluator and writer change together, on this thread only, when a methodology is swapped in
    private Site site;
    private IncrementalEvaluator evaluator;
    private final RulesEngine rules;
    private final CalibrationWatch calibration;
    private ResultWriter writer;
    private final OpenWindow window;
    private final TerminalStats stats;
    private final BlockingQueue<Pending> queue;
    private final Duration flushInterval;
    private final LateRequests lateRequests;
    private final List<Consumer<StoredReading>> ackListeners = new ArrayList<>();
    private volatile LongConsumer latencySink = ns -> { };
    private volatile boolean stopping;
    /** Configuration changes to make between two batches (see {@link #replaceFactors}, {@link #replaceMethodology}). */
    private final java.util.Queue<Change> changes = new java.util.concurrent.ConcurrentLinkedQueue<>();

    /** A configuration change; one that {@code waitsForCatchUp} is held back while an outage is being caught up. */
    private record Change(boolean waitsForCatchUp, Runnable run) {
    }
    /** Readings taken from the queue and handled; compared with {@link Intake#queued} by {@link #drainedUpTo}. */
    private final java.util.concurrent.atomic.AtomicLong handled = new java.util.concurrent.atomic.AtomicLong();
    /** Callers waiting for the loop to have handled a number of readings (see {@link #drainedUpTo}). */
    private final java.util.Queue<Drain> drains = new java.util.concurrent.ConcurrentLinkedQueue<>();

    /** A wait for the first {@code upTo} readings queued to be handled. */
    private record Drain(long upTo, java.util.concurrent.CompletableFuture<Void> done) {
    }
    private long lastFlushNs = System.nanoTime();
    /** The catch-up of an outage in progress (see {@link #noteGap}); null when none. */
    private Gap gap;
    private Instant lastSeriesReading;
    private final java.nio.file.Path dataDir;
    /** Where the outage being resumed began (from {@link OutageMarker}); null when none. */
    private Instant resumedFrom;

    /** A day of an outage computed and handed to the store: [start, end), minutes created, results written. */
    private record ComputedDay(Instant start, Instant end, int opened, ResultWriter.Flushed flushed) {
    }

    /** An outage being caught up: days [next, target) are still to be computed and stored, one at a time. */
    private static final class Gap {
        final Instant from;
        Instant next;
        Instant target;
        Instant settleUntil;
        int daysDone;
        int daysThisRun;
        final long startedNs = System.nanoTime();
        /** The day computed last, whose writes may still be in flight; null when none. */
        ComputedDay computed;
        /** The first day whose results could not be stored; null while every write succeeded. */
        Instant unstoredFrom;

        Gap(Instant from, Instant target, Instant settleUntil) {
            this.from = from;
            this.next = from;
            this.target = target;
            this.settleUntil = settleUntil;
        }
    }

    EvaluationLoop(Site site, IncrementalEvaluator evaluator, RulesEngine rules, ResultWriter writer, OpenWindow window,
                   TerminalStats stats, BlockingQueue<Pending> queue, Duration flushInterval, LateRequests lateRequests,
                   java.nio.file.Path dataDir) {
        this.dataDir = dataDir;
        this.site = site;
        this.evaluator = evaluator;
        this.rules = rules;
        this.calibration = rules == null ? null : new CalibrationWatch(site, rules);
        this.writer = writer;
        this.window = window;
        this.stats = stats;
        this.queue = queue;
        this.flushInterval = flushInterval;
        this.lateRequests = lateRequests;
    }

    /** Called on the evaluation thread with every reading once it is durably stored. Register before starting. */
    void onAcknowledged(Consumer<StoredReading> listener) {
        ackListeners.add(listener);
    }

    /** Receives, per evaluated reading, the nanoseconds from intake to evaluated. */
    void latencySink(LongConsumer sink) {
        latencySink = sink;
    }

    /**
     * Rebuilds the open buckets from stored readings (see {@link Replay}), writes them, and opens the
     * window where the stopped terminal had it. Runs before the thread starts.
     *
     * @return how many readings were replayed
     */
    int replay(List<StoredReading> readings, Instant from, Instant latest, Instant outageFrom) {
        this.resumedFrom = outageFrom;
        window.moveTo(from);
        for (StoredReading r : readings) {
            feed(r, site.binding(r.pointId()).orElse(null), false);
        }
        if (gap == null) {
            window.advance(windowMark(latest));
        }
        writer.flush(window.from(), "restart: rebuilt from the stored readings", false);
        writer.awaitWrites();
        window.from().ifPresent(this::evict);
        return readings.size();
    }

    /**
     * Switches evaluation to {@code factors} between two batches (a configuration package activated or rolled
     * back): the open buckets are recomputed with them and the figures that change are written at once with
     * {@code reason}. Returns at once; the switch happens on the evaluation thread.
     */
    void replaceFactors(io.tanhe.engine.factors.FactorLibrary factors, String reason) {
        changes.add(new Change(false, () -> {
            evaluator.replaceFactors(factors, reason);
            writer.flush(window.from(), reason, false);
            LOG.info("evaluation switched to the factors of {}: {}", factors.id(), reason);
        }));
    }

    /**
     * Switches evaluation to {@code updated}'s methodology (a methodology package activated or rolled back). Returns at
     * once; the evaluation thread makes the whole switch between two batches, so it computes with the old plan or the
     * new one, never a mix: the figures computed so far are written, a new evaluator and writer are built, the open
     * window is rebuilt from the stored readings under the new methodology — judged by {@code judge}, the new rules
     * compiled apart, so that the running rules see no reading twice — and the figures that change are written with
     * {@code reason} (revisions of the buckets already stored). Waits while an outage is being caught up.
     *
     * @param writers makes the writer of a new evaluator
     * @param judge   the new rules, closed once the window is rebuilt; null when the terminal runs without rules
     */
    void replaceMethodology(Site updated, java.util.function.Function<IncrementalEvaluator, ResultWriter> writers,
                            io.tanhe.server.store.ReadingStore readings, RulesEngine judge, String reason) {
        changes.add(new Change(true, () -> {
            try {
                writer.flush(window.from(), "live", false);
                writer.awaitWrites();
                IncrementalEvaluator next = io.tanhe.server.evaluation.EvaluatorFactory.create(updated);
                next.setClosingDelay(updated.closeAfter());
                site = updated;
                evaluator = next;
                writer = writers.apply(next);
                int rebuilt = 0;
                if (window.from().isPresent()) {
                    for (StoredReading r : Replay.readings(updated, readings, window.from().get())) {
                        PointBinding binding = updated.binding(r.pointId()).orElse(null);
                        if (binding != null) {
                            rebuild(r, binding, judge);
                            rebuilt++;
                        }
                    }
                }
                writer.flush(window.from(), reason, false);
                writer.awaitWrites();
                window.from().ifPresent(this::evict);
                LOG.info("evaluation switched to methodology {} {} ({} stored readings of the open window rebuilt): {}",
                        updated.methodology().id(), updated.methodology().version(), rebuilt, reason);
            } finally {
                if (judge != null) {
                    judge.close();
                }
            }
        }));
    }

    /** Feeds one stored reading of the open window to a new evaluator, as {@link #feed} would, without counting it. */
    private void rebuild(StoredReading r, PointBinding binding, RulesEngine judge) {
        Quality quality = Qualities.forAccounting(r.quality());
        double value = quality == Quality.MISSING ? Double.NaN : r.value().doubleValue();
        if (judge != null && judge.observe(new ObservationFact(binding.input(), binding.key(), r.measuredAt(), value, r.unit(), quality,
                r.sourceId())).invalid()) {
            quality = Quality.MISSING;
            value = Double.NaN;
        }
        try {
            evaluator.accept(new Observation(r.measuredAt(), binding.input(), binding.key(), value, binding.unit(), quality));
        } catch (RuntimeException e) {
            LOG.debug("reading {} not usable under the new methodology: {}", r.idempotencyKey(), e.getMessage());
        }
    }

    private void applyChanges() {
        List<Change> due = new ArrayList<>();
        for (Change change = changes.poll(); change != null; change = changes.poll()) {
            due.add(change);
        }
        for (Change change : due) {
            if (change.waitsForCatchUp() && gap != null) {
                changes.add(change); // the catch-up holds buckets back: switch once it is done
                continue;
            }
            try {
                change.run().run();
            } catch (RuntimeException e) {
                LOG.error("a configuration change could not be applied to evaluation: {}", e.toString(), e);
            }
        }
    }

    /** True while an outage is being caught up. */
    boolean catchingUp() {
        return gap != null;
    }

    /**
     * Completes once the loop has handled the first {@code queued} readings of the queue and written the open buckets
     * (so the counters, the watermark and the current hour's figure include them); at the latest when the loop
     * ends. A caller that stopped its sources learns when the figures are final without closing the terminal.
     */
    java.util.concurrent.CompletableFuture<Void> drainedUpTo(long queued) {
        Drain d = new Drain(queued, new java.util.concurrent.CompletableFuture<>());
        drains.add(d);
        return d.done();
    }

    /** Asks the loop to finish: it drains the queue, writes the last buckets and returns. */
    void stop() {
        stopping = true;
    }

    @Override
    public void run() {
        List<Pending> batch = new ArrayList<>(BATCH);
        try {
            while (!stopping || !queue.isEmpty()) {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, BATCH - 1);
                    handle(batch);
                    handled.addAndGet(batch.size());
                    batch.clear();
                }
                applyChanges();
                afterBatchSafely(false);
                completeDrains(false);
            }
            afterBatchSafely(true);
            settleDaySafely();
            writer.close();
            completeDrains(true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("evaluation interrupted; buckets of the open window are rebuilt from the store at the next start");
        }
    }

    /**
     * Waits for the batch's writes, records the recompute requests of the stored readings that come
     * too late for the open window (one transaction, before any of them is acknowledged), then
     * acknowledges and feeds them in order.
     */
    private void handle(List<Pending> batch) {
        List<Pending> stored = new ArrayList<>(batch.size());
        List<LateRequests.Stored> fresh = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            WriteOutcome outcome = awaitWrite(p);
            if (outcome != null) {
                stored.add(p);
                if (outcome != WriteOutcome.UNCHANGED) {
                    fresh.add(new LateRequests.Stored(p.reading(), p.binding()));
                }
            }
        }
        recordLate(fresh);
        for (Pending p : stored) {
            acknowledge(p);
        }
    }

    /** The write's outcome; null when it failed (the reading is not stored, so not counted). */
    private WriteOutcome awaitWrite(Pending p) {
        try {
            return p.written().get();
        } catch (ExecutionException e) {
            stats.rejected.incrementAndGet();
            LOG.warn("reading {} not stored, so not counted: {}", p.reading().idempotencyKey(), e.getCause().getMessage());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void recordLate(List<LateRequests.Stored> fresh) {
        try {
            lateRequests.record(fresh, window.from());
        } catch (RuntimeException e) {
            LOG.error("late readings were stored but their recompute requests could not be recorded ({}); run"
                    + " `tanhe recompute` for their days once the store works again", e.getMessage());
        }
    }

    private void acknowledge(Pending p) {
        ackListeners.forEach(l -> l.accept(p.reading()));
        if (p.written().join() == WriteOutcome.UNCHANGED) {
            stats.duplicates.incrementAndGet();
            return;
        }
        stats.acknowledged.incrementAndGet();
        feed(p.reading(), p.binding(), true);
        long latency = System.nanoTime() - p.submittedNs();
        stats.evaluated(latency);
        latencySink.accept(latency);
    }

    /** Shows one reading to the rules and, when it feeds an input inside the open window, to the evaluator. */
    private void feed(StoredReading r, PointBinding binding, boolean live) {
        Quality quality = Qualities.forAccounting(r.quality());
        double value = quality == Quality.MISSING ? Double.NaN : r.value().doubleValue();
        if (rules != null) {
            Verdict verdict = rules.observe(new ObservationFact(binding == null ? r.pointId() : binding.input(),
                    binding == null ? "" : binding.key(), r.measuredAt(), value, r.unit(), quality, r.sourceId()));
            if (verdict.invalid()) {
                LOG.info("reading {} judged invalid by the rules, counted as missing: {}", r.idempotencyKey(), verdict.reasons());
                quality = Quality.MISSING;
                value = Double.NaN;
                stats.invalid.incrementAndGet();
            }
            calibration.at(r.measuredAt());
        }
        if (binding == null) {
            return;
        }
        if (live && !admitted(r, binding)) {
            stats.outsideWindow.incrementAndGet();
            LOG.debug("reading {} is before the open window {}; stored raw, recompute requested", r.idempotencyKey(), window.from());
            return;
        }
        if (binding.kind() != Decl.InputKind.PERIOD) {
            noteGap(r.measuredAt());
        }
        try {
            evaluator.accept(new Observation(r.measuredAt(), binding.input(), binding.key(), value, binding.unit(), quality));
            stats.evaluated.incrementAndGet();
        } catch (RuntimeException e) {
            stats.unusable.incrementAndGet();
            LOG.warn("reading {} stored but not evaluated: {}", r.idempotencyKey(), e.getMessage());
        }
    }

    /**
     * A reading that would move the open window by more than a day ends an outage (the terminal was
     * off, or no meter answered): its counter's delta spreads over the whole outage, and creating
     * every minute of two weeks at once does not fit in the heap. So the evaluator is told to leave
     * the buckets between the window and the new window's start uncreated ({@link IncrementalEvaluator#defer});
     * once measurement time has moved {@code close_after} past the reading that ended the outage (so
     * every meter's first reading after it is in), {@link #catchUpStep} creates, stores and forgets
     * them one day at a time, between batches of live readings.
     */
    private void noteGap(Instant t) {
        Instant previous = lastSeriesReading;
        if (previous == null || t.isAfter(previous)) {
            lastSeriesReading = t;
        }
        Instant from = window.from().orElse(null);
        if (from == null || previous == null || !t.isAfter(previous)) {
            // not after the latest series reading: its window start is not past the latest one's, so it neither
            // begins an outage nor moves a catch-up's target (a hot path: most readings share their round's time)
            return;
        }
        Instant target = window.startFor(t);
        if (gap == null) {
            if (!outage(window, site.zone(), previous, t)) {
                return;
            }
            gap = new Gap(resumedFrom != null && resumedFrom.isBefore(from) ? resumedFrom : from, target, t.plus(site.closeAfter()));
            gap.next = from;
            gap.daysDone = (int) days(gap.from, from); // stored before a restart
            new OutageMarker(gap.from, gap.next).write(dataDir);
            LOG.warn("outage: a reading measured at {} moves the open window from {} to {}: catching up the {} days"
                    + " between one day at a time, after {} of measurement time", t, from, target, days(from, target),
                    site.closeAfter());
        } else if (target.isAfter(gap.target)) {
            gap.target = target;
            gap.settleUntil = t.plus(site.closeAfter());
        } else {
            return;
        }
        evaluator.defer(gap.next, gap.target);
        writer.hold(gap.next, gap.target);
        publishGap();
    }

    /**
     * True when a counter's or rate's reading at {@code t}, after one at {@code previous}, ends an outage:
     * it moves the open window by more than a day. The intake applies the same rule to write the
     * {@link OutageMarker} before the reading is stored.
     */
    static boolean outage(OpenWindow window, java.time.ZoneId zone, Instant previous, Instant t) {
        Instant from = window.startFor(previous);
        Instant dayAfter = TimeBucket.of(io.tanhe.engine.time.Grain.DAY, from, zone).next().start();
        return window.startFor(t).isAfter(dayAfter);
    }

    /**
     * What moves the open window: the latest counter or rate reading when there is one, else the
     * watermark. A per-period value stamped ahead (next month's lab value, entered at the month's start
     * while the meters are silent) must not move the window past the days an outage still owes.
     */
    private Instant windowMark(Instant watermark) {
        return lastSeriesReading != null && lastSeriesReading.isBefore(watermark) ? lastSeriesReading : watermark;
    }

    /** The latest counter or rate reading fed (replay and live): where an outage starts. */
    Instant lastSeriesReading() {
        return lastSeriesReading;
    }

    private long days(Instant from, Instant to) {
        return java.time.temporal.ChronoUnit.DAYS.between(from.atZone(site.zone()).toLocalDate(), to.atZone(site.zone()).toLocalDate());
    }

    private void publishGap() {
        if (gap == null) {
            stats.catchUp.set(null);
            return;
        }
        double seconds = (System.nanoTime() - gap.startedNs) / 1e9;
        Instant unstored = gap.computed != null ? gap.computed.start() : gap.next; // the day computed last may be in flight
        stats.catchUp.set(new TerminalStats.CatchUp(gap.from, gap.target, unstored, gap.daysDone,
                (int) days(gap.from, gap.target), seconds > 0 ? gap.daysThisRun / seconds : 0));
    }

    /**
     * Computes and forgets the next day of an outage and hands its results to the store; then waits for
     * the day before's writes (they were committed while this day was computed), records it as stored,
     * and ends the catch-up after the last day. So at most two days of results are in flight, and the
     * store's writer and the roll-ups work while this thread computes.
     */
    private void catchUpStep() {
        Instant watermark = evaluator.watermark().orElse(Instant.MIN);
        if (watermark.isBefore(gap.settleUntil)) {
            return;
        }
        Instant day = gap.next;
        Instant end = TimeBucket.of(io.tanhe.engine.time.Grain.DAY, day, site.zone()).next().start();
        if (end.isAfter(gap.target)) {
            end = gap.target;
        }
        writer.hold(end, gap.target);
        int opened = evaluator.openDeferred(day, end);
        ResultWriter.Flushed flushed = writer.flushDay(window.from(), "catch-up after an outage", end);
        gap.next = end;
        window.moveTo(end);
        evaluator.defer(end, gap.target);
        evict(end);
        ComputedDay before = gap.computed;
        gap.computed = new ComputedDay(day, end, opened, flushed);
        settle(before);
        if (!end.isBefore(gap.target)) {
            settleDay();
            LOG.warn("catch-up: the outage from {} to {} is caught up: {} days in {} s", gap.from, gap.target, gap.daysThisRun,
                    String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - gap.startedNs) / 1e9));
            evaluator.defer(null, null);
            writer.hold(null, null);
            if (gap.unstoredFrom == null) {
                OutageMarker.remove(dataDir);
            }
            gap = null;
            resumedFrom = null;
            publishGap();
        }
    }

    /** Waits for the writes of the day computed last, if any, and records it as stored (see {@link #settle}). */
    private void settleDay() {
        if (gap != null) {
            ComputedDay d = gap.computed;
            gap.computed = null;
            settle(d);
        }
    }

    /**
     * Waits for the writes of a computed day of the outage and records it as stored: {@link OutageMarker}
     * moved past it, progress published. A failed write keeps the marker at that day from then on, so the
     * next start computes it (and the days after it) again.
     */
    private void settle(ComputedDay d) {
        if (d == null) {
            return;
        }
        try {
            d.flushed().committed().join();
        } catch (RuntimeException e) {
            if (gap.unstoredFrom == null) {
                gap.unstoredFrom = d.start();
            }
            new OutageMarker(gap.from, gap.unstoredFrom).write(dataDir);
            throw e;
        }
        new OutageMarker(gap.from, gap.unstoredFrom != null ? gap.unstoredFrom : d.end()).write(dataDir);
        gap.daysDone++;
        gap.daysThisRun++;
        publishGap();
        TerminalStats.CatchUp c = stats.catchUp.get();
        LOG.info("catch-up: {} stored ({} minutes created, {} results written), day {} of {}, {} days/s",
                d.start().atZone(site.zone()).toLocalDate(), d.opened(), d.flushed().rows(), c.daysDone(), c.daysTotal(),
                String.format(java.util.Locale.ROOT, "%.2f", c.daysPerSecond()));
    }

    private boolean admitted(StoredReading r, PointBinding binding) {
        if (binding.kind() == Decl.InputKind.PERIOD) {
            return window.admitsPeriod(TimeBucket.of(((PeriodSettings) binding.settings()).period(), r.measuredAt(), site.zone()).end());
        }
        return window.admitsReading(r.measuredAt());
    }

    /**
     * A failed result write (store stopped, disk full) must not stop evaluation: readings keep being
     * stored and counted, and the buckets whose write failed are rebuilt from the stored readings at the next start.
     */
    private void afterBatchSafely(boolean last) {
        writingSafely(() -> afterBatch(last));
    }

    /** Runs a write of results; a failure is logged and evaluation goes on. */
    private static void writingSafely(Runnable write) {
        try {
            write.run();
        } catch (RuntimeException e) {
            LOG.error("writing results failed, evaluation goes on (the open buckets are rebuilt from the store at the next start): {}",
                    e.toString());
        }
    }

    /** Writes the changed closed buckets now (the open ones too at the {@code last} flush, at shutdown). */
    private void flush(boolean last) {
        writer.flush(window.from(), last ? "live (open bucket at shutdown)" : "live", last);
        lastFlushNs = System.nanoTime();
    }

    /**
     * Completes the waits whose readings are all handled, after writing the open buckets once for them (a flush is
     * otherwise only due every flush interval); at the end ({@code ended}) every wait, the last buckets being written.
     */
    private void completeDrains(boolean ended) {
        List<Drain> due = drains.stream().filter(d -> ended || d.upTo() <= handled.get()).toList();
        if (due.isEmpty()) {
            return;
        }
        if (!ended) {
            writingSafely(() -> flush(false));
        }
        for (Drain d : due) {
            drains.remove(d);
            d.done().complete(null);
        }
    }

    /** At shutdown: records the outage's day computed last as stored once its writes commit. */
    private void settleDaySafely() {
        try {
            settleDay();
        } catch (RuntimeException e) {
            LOG.error("the last day caught up was not stored ({}); the next start computes it again", e.toString());
        }
    }

    private void afterBatch(boolean last) {
        Optional<Instant> watermark = evaluator.watermark();
        watermark.ifPresent(stats.watermark::set);
        long sinceFlush = System.nanoTime() - lastFlushNs;
        // a bucket that closed is written at once, but not more often than ten times a flush interval (a demo at 600x
        // closes ten minutes a second); changed open buckets wait for the interval
        if (last || sinceFlush >= flushInterval.toNanos() || sinceFlush >= flushInterval.toNanos() / 10 && writer.closedBucketDue()) {
            flush(last);
        }
        if (gap != null) {
            if (!last) {
                catchUpStep();
            }
            return;
        }
        if (watermark.isPresent() && window.startFor(windowMark(watermark.get())).isAfter(window.from().orElse(Instant.MIN))) {
            writer.flush(window.from(), "live", false);
            window.advance(windowMark(watermark.get()));
            writer.awaitWrites();
            evict(window.from().orElseThrow());
        }
    }

    /**
     * Drops what the window no longer needs: buckets before its start (their results are stored) and
     * observations the time model no longer needs — kept one day longer, and back to the start of the
     * current period of every per-period input, so that a late lab value of the current month is still accepted.
     */
    private void evict(Instant from) {
        evaluator.evictBefore(from);
        writer.forgetBefore(from);
        Instant forget = from.minus(Duration.ofDays(1));
        for (PointBinding b : site.bindings().values()) {
            if (b.kind() == Decl.InputKind.PERIOD) {
                Instant start = TimeBucket.of(((PeriodSettings) b.settings()).period(), forget, site.zone()).start();
                forget = start.isBefore(forget) ? start : forget;
            }
        }
        evaluator.timeModel().forgetBefore(forget);
        LOG.info("open window now starts at {}; buckets before it are final in the store", from);
    }
}
