package io.tanhe.server.evaluation;

import io.tanhe.engine.time.Observation;
import io.tanhe.engine.time.PeriodSettings;
import io.tanhe.engine.time.Quality;
import io.tanhe.engine.time.TimeBucket;
import io.tanhe.grammar.ast.Decl;
import io.tanhe.server.site.PointBinding;
import io.tanhe.server.site.Site;
import io.tanhe.server.store.ReadingFilter;
import io.tanhe.server.store.ReadingStore;
import io.tanhe.server.store.StoredReading;
import io.tanhe.server.store.TimeRange;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a fresh evaluator is fed so that the buckets of a range come out as a terminal that saw all
 * the data on time computed them: every stored reading measured in the range, plus what those
 * buckets depend on outside it —
 * <ul>
 *   <li>each counter's and rate's last reading with a value before the range (the left end of the
 *       first interval) and the failed readings after it (a rate is not bridged across them);</li>
 *   <li>when the range ends, each counter's and rate's readings after it up to and including the
 *       first with a value (the right end of the last interval);</li>
 *   <li>every per-period value of the periods the range overlaps (the latest in a period wins,
 *       also when it is stamped after the range).</li>
 * </ul>
 * In measurement-time order. A restarting terminal replays its open window (a range without end);
 * the recompute of a closed day replays that day.
 */
public final class Replay {
    /** Polls may be up to 3 h apart (section 9.1): a counter's neighbour is at most that far away. */
    public static final Duration NEIGHBOUR_LOOKBACK = Duration.ofHours(3);
    /** Where a neighbour is looked for first: a point polled at least this often has its neighbour here. */
    static final Duration NEAR = Duration.ofMinutes(2);
    /** The end of a range that has none (the open window). */
    public static final Instant END_OF_TIME = Instant.parse("9999-01-01T00:00:00Z");
    private static final Duration SCAN_CHUNK = Duration.ofHours(1);
    /** Stable: readings of one time keep the order they were gathered in (neighbours and period values first). */
    private static final Comparator<StoredReading> BY_TIME = Comparator.comparing(StoredReading::measuredAt);

    private Replay() {
    }

    /** The readings for the open window that starts at {@code windowFrom}. */
    public static List<StoredReading> readings(Site site, ReadingStore store, Instant windowFrom) {
        return readings(site, store, TimeRange.of(windowFrom, END_OF_TIME));
    }

    /**
     * The readings for the open window that starts at {@code windowFrom}, each counter's and rate's
     * left end searched back from {@code neighboursFrom} (before the window: the start of an outage being
     * caught up, whose counters' deltas span it).
     */
    public static List<StoredReading> readings(Site site, ReadingStore store, Instant windowFrom, Instant neighboursFrom) {
        return readings(site, store, TimeRange.of(windowFrom, END_OF_TIME), neighboursFrom);
    }

    /** The readings for the buckets of {@code range} (see the class comment). */
    public static List<StoredReading> readings(Site site, ReadingStore store, TimeRange range) {
        return readings(site, store, range, range.from());
    }

    private static List<StoredReading> readings(Site site, ReadingStore store, TimeRange range, Instant neighboursFrom) {
        boolean bounded = range.to().isBefore(END_OF_TIME);
        List<StoredReading> out = new ArrayList<>(outside(site, store, range, neighboursFrom, bounded));
        store.scan(ReadingFilter.of(range), r -> {
            if (fedFromScan(site, r.pointId(), bounded)) {
                out.add(r);
            }
        });
        out.sort(BY_TIME);
        return out;
    }

    /**
     * The same readings as {@link #readings(Site, ReadingStore, TimeRange)}, in the same order, given to {@code sink}
     * an hour of the range at a time, so that a busy day (a quarter of a million readings) is never held whole.
     *
     * @return how many readings were given
     */
    public static long scan(Site site, ReadingStore store, TimeRange range, Consumer<StoredReading> sink) {
        return scan(site, store, range, sink, false);
    }

    /**
     * As {@link #scan(Site, ReadingStore, TimeRange, Consumer)} without the readings of points the site does not bind
     * (which an evaluator ignores), in the same order: each bound point is read by its own query, so a site that binds a
     * few of the points stored (the measurement method's analysers) does not read the others.
     */
    public static long scanBound(Site site, ReadingStore store, TimeRange range, Consumer<StoredReading> sink) {
        return scan(site, store, range, sink, true);
    }

    private static long scan(Site site, ReadingStore store, TimeRange range, Consumer<StoredReading> sink, boolean boundOnly) {
        // the store's order within one measurement time is by point id: reading the points in that order keeps it
        List<String> bound = !boundOnly ? List.of() : site.bindings().values().stream()
                .filter(b -> fedFromScan(site, b.pointId(), true)).map(PointBinding::pointId).distinct().sorted().toList();
        List<StoredReading> outside = new ArrayList<>(outside(site, store, range, range.from(), true));
        outside.sort(BY_TIME);
        int nextOutside = 0;
        long n = 0;
        for (Instant a = range.from(); a.isBefore(range.to()); a = a.plus(SCAN_CHUNK)) {
            Instant b = a.plus(SCAN_CHUNK).isBefore(range.to()) ? a.plus(SCAN_CHUNK) : range.to();
            List<StoredReading> chunk = new ArrayList<>();
            while (nextOutside < outside.size() && outside.get(nextOutside).measuredAt().isBefore(b)) {
                chunk.add(outside.get(nextOutside++));
            }
            if (boundOnly) {
                for (String point : bound) {
                    store.scan(ReadingFilter.of(TimeRange.of(a, b)).point(point), chunk::add);
                }
            } else {
                store.scan(ReadingFilter.of(TimeRange.of(a, b)), r -> {
                    if (fedFromScan(site, r.pointId(), true)) {
                        chunk.add(r);
                    }
                });
            }
            chunk.sort(BY_TIME);
            chunk.forEach(sink);
            n += chunk.size();
        }
        for (int i = nextOutside; i < outside.size(); i++) {
            sink.accept(outside.get(i));
            n++;
        }
        return n;
    }

    /** What the range's buckets depend on outside the scan of the range: neighbours and per-period values. */
    private static List<StoredReading> outside(Site site, ReadingStore store, TimeRange range, Instant neighboursFrom, boolean bounded) {
        List<StoredReading> out = new ArrayList<>();
        for (PointBinding b : site.bindings().values()) {
            if (b.kind() == Decl.InputKind.PERIOD) {
                out.addAll(periodValues(site, store, b, range, bounded));
            } else {
                out.addAll(leftNeighbour(store, b, neighboursFrom, range.from()));
                if (bounded) {
                    out.addAll(rightNeighbour(store, b, range.to()));
                }
            }
        }
        return out;
    }

    /** A per-period value of a bounded range comes from {@link #periodValues}, not from the scan. */
    private static boolean fedFromScan(Site site, String pointId, boolean bounded) {
        PointBinding b = site.binding(pointId).orElse(null);
        return b == null || b.kind() != Decl.InputKind.PERIOD || !bounded;
    }

    /**
     * The observation a stored reading gives its binding's input, without rules: failed readings
     * (and out-of-range ones) enter as missing.
     */
    public static Observation observation(StoredReading r, PointBinding binding) {
        Quality quality = Qualities.forAccounting(r.quality());
        double value = quality == Quality.MISSING ? Double.NaN : r.value().doubleValue();
        return new Observation(r.measuredAt(), binding.input(), binding.key(), value, binding.unit(), quality);
    }

    /** The values of every period that overlaps the range: before it, and (for a bounded range) in and after it. */
    private static List<StoredReading> periodValues(Site site, ReadingStore store, PointBinding b, TimeRange range, boolean bounded) {
        PeriodSettings settings = (PeriodSettings) b.settings();
        Instant first = TimeBucket.of(settings.period(), range.from(), site.zone()).start();
        if (!bounded) {
            return store.readings(b.pointId(), TimeRange.of(first, range.from()));
        }
        Instant last = TimeBucket.of(settings.period(), range.to().minusNanos(1), site.zone()).end();
        return store.readings(b.pointId(), TimeRange.of(first, last));
    }

    /**
     * The last reading with a value before {@code from} and the failed readings after it. Polls are seconds apart, so the
     * last {@link #NEAR} holds it almost always; the full look-back is read only when it does not (a gap, a slow poll):
     * reading three hours of every point for each range was most of what a replay of an hour read.
     */
    private static List<StoredReading> leftNeighbour(ReadingStore store, PointBinding b, Instant searchFrom, Instant from) {
        Instant earliest = (searchFrom.isBefore(from) ? searchFrom : from).minus(NEIGHBOUR_LOOKBACK);
        Instant near = from.minus(NEAR);
        if (near.isAfter(earliest)) {
            List<StoredReading> found = fromLastWithValue(store.readings(b.pointId(), TimeRange.of(near, from)));
            if (!found.isEmpty()) {
                return found;
            }
        }
        return fromLastWithValue(store.readings(b.pointId(), TimeRange.of(earliest, from)));
    }

    private static List<StoredReading> fromLastWithValue(List<StoredReading> before) {
        for (int i = before.size() - 1; i >= 0; i--) {
            if (before.get(i).value() != null) {
                return before.subList(i, before.size());
            }
        }
        return List.of();
    }

    /** The readings after {@code to} up to and including the first with a value: the next {@link #NEAR} first, as on the left. */
    private static List<StoredReading> rightNeighbour(ReadingStore store, PointBinding b, Instant to) {
        List<StoredReading> found = upToFirstWithValue(store.readings(b.pointId(), TimeRange.of(to, to.plus(NEAR))));
        if (!found.isEmpty()) {
            return found;
        }
        return upToFirstWithValue(store.readings(b.pointId(), TimeRange.of(to, to.plus(NEIGHBOUR_LOOKBACK))));
    }

    private static List<StoredReading> upToFirstWithValue(List<StoredReading> after) {
        for (int i = 0; i < after.size(); i++) {
            if (after.get(i).value() != null) {
                return after.subList(0, i + 1);
            }
        }
        return List.of();
    }
}
