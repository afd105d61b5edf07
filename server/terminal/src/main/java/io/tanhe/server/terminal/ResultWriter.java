package io.tanhe.server.terminal;

import io.tanhe.server.evaluation.CalendarRollUp;
import io.tanhe.server.evaluation.StoredFigures;
import io.tanhe.engine.graph.ComputationGraph;
import io.tanhe.engine.graph.Node;
import io.tanhe.engine.graph.NodeKind;
import io.tanhe.engine.incremental.IncrementalEvaluator;
import io.tanhe.engine.incremental.ResultValue;
import io.tanhe.engine.incremental.Revision;
import io.tanhe.engine.rules.RulesEngine;
import io.tanhe.engine.rules.fact.BucketResultFact;
import io.tanhe.engine.time.Grain;
import io.tanhe.engine.time.TimeBucket;
import io.tanhe.server.store.BucketResult;
import io.tanhe.server.store.MethodologyRef;
import io.tanhe.server.store.ResultStore;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * Writes the buckets the evaluator changed to the store, for every grain it keeps, and shows them to
 * the rules. Runs on the evaluation thread. Only buckets inside the {@link OpenWindow} are written
 * (a reading just after the window's start also touches the minute before it, which the store
 * already holds complete). A figure equal to the one last written for its bucket is skipped; the
 * store would not add a revision for it anyway.
 *
 * <p>A bucket is written once it has closed — {@code closeAfter} past its end on measurement time,
 * the evaluator's closing delay — so the store's revision history holds real revisions (late data,
 * factor changes) rather than every step of a running total. The running figures of open buckets
 * are shown live (status, summary) and written at shutdown; a restart that continues such a bucket
 * then stores its final figure as a revision.
 *
 * <p>What is stored per bucket, and how a value that cannot be computed is stored: {@link StoredFigures}.
 */
final class ResultWriter {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ResultWriter.class);
    private final IncrementalEvaluator evaluator;
    private final ResultStore store;
    private final MethodologyRef methodology;
    private final RulesEngine rules;
    private final TerminalStats stats;
    private final Clock wallClock;
    private final Set<String> nodes;
    private final String headline;
    /** Rows per store submission: well below the store's queue, so a large flush waits for room instead of being refused. */
    private static final int WRITE_CHUNK = 2_000;

    private final LastWritten last = new LastWritten();
    private final List<CompletableFuture<?>> inFlight = new ArrayList<>();
    /** Makes weeks, months, quarters and years from the days written; null when the writer makes none (tests of the writer alone). */
    private final CalendarRollUp calendar;
    /** Runs the calendar roll-ups after their days' writes commit, off the evaluation thread. */
    private final java.util.concurrent.ExecutorService rollUps;
    private final java.util.Set<TimeBucket> open = new java.util.LinkedHashSet<>();
    private final java.time.Duration closeAfter;
    /** Buckets starting in [holdFrom, holdTo) are not written yet: days of an outage still being caught up. */
    private Instant holdFrom;
    private Instant holdTo;

    private record Figure(String node, String key, Grain grain, Instant start) {
        // Written out: while revisions are pending every result of a flush looks its figure up (40,000 a day of a
        // catch-up), and the record's generated methods go through method handles the launcher's C1-only JIT does not inline.
        @Override
        public boolean equals(Object o) {
            return o instanceof Figure f && grain == f.grain && node.equals(f.node) && java.util.Objects.equals(key, f.key) && start.equals(f.start);
        }

        @Override
        public int hashCode() {
            return ((node.hashCode() * 31 + java.util.Objects.hashCode(key)) * 31 + grain.hashCode()) * 31 + start.hashCode();
        }
    }

    ResultWriter(IncrementalEvaluator evaluator, ResultStore store, MethodologyRef methodology, RulesEngine rules,
                 TerminalStats stats, Clock wallClock, java.time.Duration closeAfter, CalendarRollUp calendar) {
        this.evaluator = evaluator;
        // the rules judge a week, month, quarter or year when it is stored, as they judge a day when it is written
        this.calendar = calendar == null || rules == null ? calendar : calendar.onWritten(this::showRules);
        this.rollUps = calendar == null ? null : java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "tanhe-rollup");
            t.setDaemon(true);
            return t;
        });
        this.closeAfter = closeAfter;
        this.store = store;
        this.methodology = methodology;
        this.rules = rules;
        this.stats = stats;
        this.wallClock = wallClock;
        this.nodes = StoredFigures.nodes(evaluator.graph());
        this.headline = headlineTotal(evaluator.graph());
    }

    /** The total nothing else reads (E in most methodologies): what the live summary shows. */
    static String headlineTotal(ComputationGraph graph) {
        Set<String> read = graph.nodes().stream().flatMap(n -> n.dependencies().stream()).collect(Collectors.toSet());
        List<Node> totals = graph.nodesOf(NodeKind.TOTAL);
        return totals.stream().filter(t -> !read.contains(t.name())).map(Node::name).reduce((a, b) -> b)
                .orElse(totals.isEmpty() ? "" : totals.get(totals.size() - 1).name());
    }

    String headline() {
        return headline;
    }

    /**
     * Writes the changed buckets that start at or after {@code windowFrom} (all when empty) and have
     * closed, or every changed one when {@code includingOpen}; returns how many rows.
     */
    int flush(Optional<Instant> windowFrom, String reason, boolean includingOpen) {
        return write(windowFrom, reason, includingOpen, null).rows();
    }

    /** What a flush handed to the store: how many rows, and when they (and the roll-ups of their days) are committed. */
    record Flushed(int rows, CompletableFuture<Void> committed) {
    }

    /**
     * Writes the closed changed buckets, like {@link #flush}, for a day of an outage that is forgotten right
     * after ({@link #forgetBefore} {@code forgotten}): what it writes for buckets that start before
     * {@code forgotten} is not remembered, since no later flush can hold them again. Does not wait for
     * the writes: the caller computes the next day meanwhile and waits for {@link Flushed#committed}.
     */
    Flushed flushDay(Optional<Instant> windowFrom, String reason, Instant forgotten) {
        return write(windowFrom, reason, false, forgotten);
    }

    /**
     * Whether a bucket changed since the last write has closed by the watermark: its figures are due now rather than
     * at the next flush interval, so a closed minute reaches the store (and the rules and the uplink) as soon as it
     * closes. Never while an outage is held back: its days are written one by one.
     */
    boolean closedBucketDue() {
        if (holdFrom != null) {
            return false;
        }
        open.addAll(evaluator.drainChangedBuckets());
        Instant watermark = evaluator.watermark().orElse(null);
        return watermark != null && open.stream().anyMatch(b -> !b.end().plus(closeAfter).isAfter(watermark));
    }

    private Flushed write(Optional<Instant> windowFrom, String reason, boolean includingOpen, Instant forgotten) {
        Map<Figure, String> revised = revisionReasons();
        // a day of an outage is usually new to this writer: then there is nothing to look up or forget for it
        boolean rememberedBefore = forgotten != null && last.anyBefore(forgotten);
        // Handed to the store a chunk at a time as the buckets are read, not all at the end: the flush at shutdown
        // writes every open bucket of every grain (120,000 rows for 10,000 points), which must not sit in the heap at once.
        List<BucketResult> chunk = new ArrayList<>(WRITE_CHUNK);
        List<BucketResult> days = new ArrayList<>();
        List<CompletableFuture<?>> writes = new ArrayList<>();
        int rows = 0;
        Instant now = wallClock.instant();
        open.addAll(evaluator.drainChangedBuckets());
        Instant watermark = evaluator.watermark().orElse(Instant.MIN);
        for (java.util.Iterator<TimeBucket> it = open.iterator(); it.hasNext(); ) {
            TimeBucket b = it.next();
            if (windowFrom.isPresent() && b.start().isBefore(windowFrom.get())) {
                it.remove();
                continue;
            }
            if (holdFrom != null && !b.start().isBefore(holdFrom) && b.start().isBefore(holdTo)) {
                continue;
            }
            if (!includingOpen && b.end().plus(closeAfter).isAfter(watermark)) {
                noteHeadline(b);
                continue;
            }
            it.remove();
            // The rules judge closed buckets only: the shutdown flush stores an open bucket's partial figure so nothing
            // is lost, and the next start shows the rules the bucket once it closes (a partial day is no day's total).
            boolean closed = !b.end().plus(closeAfter).isAfter(watermark);
            boolean forgetting = forgotten != null && b.start().isBefore(forgotten);
            // a day of an outage and the shutdown flush only compare (nothing is written for those buckets later)
            LastWritten.Figures written = forgetting ? (rememberedBefore ? last.find(b) : null)
                    : includingOpen ? last.find(b) : last.of(b);
            for (ResultValue v : evaluator.results(b.grain(), b.start(), b.end(), nodes)) {
                BucketResult result = StoredFigures.of(v, methodology, now, revisionReason(revised, v, b, reason)).orElse(null);
                if (result == null) {
                    continue;
                }
                if (written != null && (forgetting ? written.remove(result) : includingOpen ? written.same(result) : written.put(result))) {
                    continue;
                }
                chunk.add(result);
                if (result.grain() == Grain.DAY) {
                    days.add(result);
                }
                if (v.present() && closed) {
                    showRules(v, b);
                }
                if (chunk.size() == WRITE_CHUNK) {
                    writes.add(store.writeAll(chunk));
                    rows += chunk.size();
                    chunk = new ArrayList<>(WRITE_CHUNK);
                }
            }
        }
        if (!chunk.isEmpty()) {
            writes.add(store.writeAll(chunk));
            rows += chunk.size();
        }
        inFlight.addAll(writes);
        CompletableFuture<Void> rolledUp = rollUpDays(days, writes);
        stats.resultsWritten.addAndGet(rows);
        inFlight.removeIf(CompletableFuture::isDone);
        return new Flushed(rows, rolledUp != null ? rolledUp : CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)));
    }

    /**
     * Once the writes of {@code out} are committed, rolls up the weeks, months, quarters and years of the
     * days among them (on the roll-up thread; {@link #awaitWrites} waits for it too).
     */
    private CompletableFuture<Void> rollUpDays(List<BucketResult> out, List<CompletableFuture<?>> writes) {
        if (calendar == null) {
            return null;
        }
        java.util.Set<Instant> days = new java.util.TreeSet<>();
        java.util.Set<String> reasons = new java.util.TreeSet<>();
        for (BucketResult r : out) {
            if (r.grain() == Grain.DAY) {
                days.add(r.bucketStart());
                if (r.reason() != null && !r.reason().startsWith("cannot be computed")) {
                    reasons.add(r.reason());
                }
            }
        }
        if (days.isEmpty()) {
            return null;
        }
        String reason = "roll-up of stored days: " + (reasons.isEmpty() ? "live" : String.join("; ", reasons));
        CompletableFuture<Void> rolledUp = CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).thenRunAsync(() -> {
            try {
                calendar.days(days, reason);
            } catch (RuntimeException e) {
                LOG.error("weeks, months, quarters and years of {} days could not be rolled up ({}); a restart rolls"
                        + " up what is missing", days.size(), e.toString());
            }
        }, rollUps);
        inFlight.add(rolledUp);
        return rolledUp;
    }

    /** Waits for what is in flight and stops the roll-up thread: the evaluation loop has finished. */
    void close() {
        awaitWrites();
        if (rollUps != null) {
            rollUps.shutdown();
        }
    }

    /** Keeps buckets that start in [{@code from}, {@code to}) unwritten (and remembered) until released; null releases. */
    void hold(Instant from, Instant to) {
        this.holdFrom = from == null || to == null ? null : from;
        this.holdTo = holdFrom == null ? null : to;
    }

    /** Waits until every write handed to the store is committed. */
    void awaitWrites() {
        for (CompletableFuture<?> f : new ArrayList<>(inFlight)) {
            f.join();
        }
        inFlight.clear();
    }

    /** Forgets what it wrote for buckets that start before {@code horizon} (they are closed). */
    void forgetBefore(Instant horizon) {
        last.forgetBefore(horizon);
    }

    /** The reason a revision of the evaluator gave for {@code v}, else {@code reason}. */
    private static String revisionReason(Map<Figure, String> revised, ResultValue v, TimeBucket b, String reason) {
        return revised.isEmpty() ? reason : revised.getOrDefault(new Figure(v.node(), v.key(), b.grain(), b.start()), reason);
    }

    private Map<Figure, String> revisionReasons() {
        Map<Figure, String> out = new HashMap<>();
        for (Revision r : evaluator.drainRevisions()) {
            out.put(new Figure(r.node(), r.key(), r.bucket().grain(), r.bucket().start()), r.reason());
        }
        return out;
    }

    private void showRules(ResultValue v, TimeBucket b) {
        if (rules != null) {
            rules.result(new BucketResultFact(v.node(), v.key(), b.grain(), b.start(), b.end(), v.value(), v.unit().text(),
                    v.quality(), Math.max(0, Math.min(1, v.completeness()))));
        }
    }

    /** Shows the rules a figure the calendar roll-up stored (on the roll-up thread; the rules engine is synchronized). */
    private void showRules(BucketResult r) {
        rules.result(fact(r));
    }

    /** A stored figure as the rules see it. */
    static BucketResultFact fact(BucketResult r) {
        return new BucketResultFact(r.nodeId(), r.key(), r.grain(), r.bucketStart(), r.bucketEnd(), r.value(), r.unit(),
                r.quality(), Math.max(0, Math.min(1, r.completeness())));
    }

    /** Publishes the running total of the latest open hour for the summary and the status API. */
    private void noteHeadline(TimeBucket b) {
        if (b.grain() != Grain.HOUR || headline.isEmpty()) {
            return;
        }
        TerminalStats.HourFigure now = stats.currentHour.get();
        if (now != null && b.start().isBefore(now.start())) {
            return;
        }
        evaluator.result(headline, "", b).filter(ResultValue::present).ifPresent(v -> stats.currentHour.set(
                new TerminalStats.HourFigure(b.start(), v.value(), v.unit().text(), v.quality().name())));
    }
}
