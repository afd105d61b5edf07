package io.tanhe.server.terminal;

import io.tanhe.drivers.Reading;
import io.tanhe.drivers.ReadingSink;
import io.tanhe.server.site.PointBinding;
import io.tanhe.server.site.Site;
import io.tanhe.server.store.ReadingStore;
import io.tanhe.server.store.StoredReading;
import io.tanhe.server.store.WriteOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;

/**
 * Where sources deliver readings (thread-safe: poll workers and push sources call it). Each reading
 * is handed to the store's group committer and queued for evaluation behind its write.
 *
 * <p>Back-pressure, in order: when the store's write queue is full, {@link ReadingStore#write}
 * blocks the calling source thread (up to the store's enqueue timeout, then the reading is refused
 * and counted as rejected); when the evaluation queue is full — the evaluator is behind — the caller
 * blocks until it has room. A blocked poll worker makes the scheduler skip that device's next slot
 * (logged by the drivers). Nothing is buffered without bound.
 */
public final class Intake implements ReadingSink {
    private static final Logger LOG = LoggerFactory.getLogger(Intake.class);

    private final Site site;
    private final ReadingStore store;
    private final BlockingQueue<Pending> queue;
    /** Readings handed to the evaluation queue so far (see {@link EvaluationLoop#drainedUpTo}). */
    private final java.util.concurrent.atomic.AtomicLong queued = new java.util.concurrent.atomic.AtomicLong();
    private final TerminalStats stats;
    private final Clock wallClock;
    private volatile boolean closed;
    private final OpenWindow window;
    private final java.nio.file.Path dataDir;
    private final CalibrationNotes calibration;
    /** The latest counter or rate reading handed to the store (for seeing an outage end before its reading is stored). */
    private Instant latest;

    Intake(Site site, ReadingStore store, BlockingQueue<Pending> queue, TerminalStats stats, Clock wallClock,
           OpenWindow window, java.nio.file.Path dataDir) {
        this.window = window;
        this.dataDir = dataDir;
        this.site = site;
        this.store = store;
        this.queue = queue;
        this.stats = stats;
        this.wallClock = wallClock;
        this.calibration = new CalibrationNotes(site);
    }

    @Override
    public void accept(Reading reading) {
        if (closed) {
            LOG.warn("reading of {} at {} arrived after shutdown began; not stored", reading.pointId(), reading.measuredAt());
            return;
        }
        stats.received.incrementAndGet();
        stats.devices().count(reading);
        PointBinding binding = site.binding(reading.pointId()).orElse(null);
        StoredReading stored = calibration.mark(StoredReading.of(reading, binding == null ? "" : binding.key(), wallClock.instant()));
        enqueue(new Pending(stored, binding, write(List.of(stored)).thenApply(l -> l.get(0)), System.nanoTime()));
    }

    /** Takes several readings at once: one store submission for all (benchmarks and bulk sources). */
    public void acceptAll(List<Reading> readings) {
        if (closed || readings.isEmpty()) {
            return;
        }
        stats.received.addAndGet(readings.size());
        List<StoredReading> stored = new ArrayList<>(readings.size());
        List<PointBinding> bindings = new ArrayList<>(readings.size());
        for (Reading r : readings) {
            stats.devices().count(r);
            PointBinding binding = site.binding(r.pointId()).orElse(null);
            bindings.add(binding);
            stored.add(calibration.mark(StoredReading.of(r, binding == null ? "" : binding.key(), wallClock.instant())));
        }
        long now = System.nanoTime();
        CompletableFuture<List<WriteOutcome>> all = write(stored);
        for (int i = 0; i < stored.size(); i++) {
            int index = i;
            enqueue(new Pending(stored.get(i), bindings.get(i), all.thenApply(l -> l.get(index)), now));
        }
    }

    /** The latest counter or rate reading the terminal has (set at start, before sources run). */
    synchronized void resumeAfter(Instant latestStored) {
        latest = latestStored;
    }

    /**
     * Records an outage that a reading ends ({@link OutageMarker}) before the reading goes to the store,
     * so a kill after the store has it cannot leave the outage unnoticed at the next start.
     */
    private synchronized void noteOutage(List<StoredReading> readings) {
        for (StoredReading r : readings) {
            Instant t = r.measuredAt();
            PointBinding b = site.binding(r.pointId()).orElse(null);
            if (b == null || b.kind() == io.tanhe.grammar.ast.Decl.InputKind.PERIOD) {
                continue; // the evaluation loop's rule: only counters and rates span an outage
            }
            if (latest != null && t.isAfter(latest) && EvaluationLoop.outage(window, site.zone(), latest, t)
                    && OutageMarker.read(dataDir).isEmpty()) {
                Instant from = window.from().orElse(window.startFor(latest));
                new OutageMarker(from, from).write(dataDir);
            }
            if (latest == null || t.isAfter(latest)) {
                latest = t;
            }
        }
    }

    private CompletableFuture<List<WriteOutcome>> write(List<StoredReading> readings) {
        try {
            noteOutage(readings);
            return store.writeAll(readings);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void enqueue(Pending p) {
        try {
            queue.put(p);
            queued.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("reading {} was stored but its evaluation was interrupted by shutdown; the next start replays it",
                    p.reading().idempotencyKey());
        }
    }

    /** How many readings have been handed to the evaluation queue since the start. */
    long queued() {
        return queued.get();
    }

    /** Refuses further readings (shutdown). */
    void close() {
        closed = true;
    }
}
