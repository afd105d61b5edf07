package io.tanhe.server.evaluation;

import io.tanhe.engine.factors.FactorLibrary;
import io.tanhe.engine.incremental.ResultValue;
import io.tanhe.engine.incremental.RollUp;
import io.tanhe.engine.time.Grain;
import io.tanhe.engine.time.PeriodQuantity;
import io.tanhe.engine.time.PeriodSettings;
import io.tanhe.engine.time.TimeModel;
import io.tanhe.server.site.PointBinding;
import io.tanhe.server.store.ReadingStore;
import io.tanhe.server.store.StoredReading;
import io.tanhe.engine.time.Quality;
import io.tanhe.engine.time.TimeBucket;
import io.tanhe.server.site.Site;
import io.tanhe.server.store.BucketResult;
import io.tanhe.server.store.ResultFilter;
import io.tanhe.server.store.ResultStore;
import io.tanhe.server.store.StoredResult;
import io.tanhe.server.store.TimeRange;
import io.tanhe.server.store.WriteOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.WeakHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Stores the weeks, months, quarters and years of a site's results, computed from its stored days
 * whenever a day's figures are written (live, at a restart, after an outage's catch-up, by a recompute):
 * weeks and months from their days, quarters from their months, years from their quarters, each by
 * the engine's {@link RollUp} — extensive figures summed, ratios and intensities recomputed from the
 * rolled-up operands. What changes is written; the store keeps the replaced figure as a revision
 * with the reason given, and ignores a figure equal to the stored one, so rolling up again is harmless.
 *
 * <p>The live evaluator keeps minutes to days only: a month's minutes are long gone from memory when
 * the month ends, and after a restart it would hold only the days since, so coarse buckets are made
 * from what the store holds, which outlives both.
 */
public final class CalendarRollUp {
    private static final Logger LOG = LoggerFactory.getLogger(CalendarRollUp.class);
    /** The grains made by roll-up, in the order they are made (each from stored finer ones). */
    public static final List<Grain> GRAINS = List.of(Grain.WEEK, Grain.MONTH, Grain.QUARTER, Grain.YEAR);
    private static final String FAILED_PREFIX = "cannot be computed: ";
    /**
     * Figures of a coarse bucket made, written and shown to the rules at a time: bounds what a roll-up holds on a large
     * site (a 10,000-point site has 20,001 figures per bucket), and is large enough that a small site's bucket is one
     * write, as before.
     */
    static final int CHUNK = 2_000;
    /**
     * One roll-up at a time per store: the live writer and a recompute may roll up the same month, and one that
     * read the store first must not write last. Per store, so that terminals in one process (tests, the evidence
     * verifier's scratch store) never wait for each other.
     */
    private static final Map<ResultStore, Object> LOCKS = Collections.synchronizedMap(new WeakHashMap<>());

    private final Site site;
    private final Supplier<Site> current;
    private final ResultStore store;
    private final ReadingStore readings;
    private final Clock wallClock;
    private final Set<String> nodes;
    private final RollUp rollUp;
    private final Consumer<BucketResult> written;
    private final Observer observer;

    /** Sees each coarse bucket's figures once they are written (the terminal shows months and years to the verification rules). */
    @FunctionalInterface
    public interface Observer {
        Observer NONE = (coarse, figures) -> { };

        /**
         * {@code figures}: present figures of {@code coarse} as just rolled up (written, or equal to the stored one), one
         * chunk of them: a large site's bucket comes in several calls, each figure in one of them.
         */
        void rolledUp(TimeBucket coarse, List<ResultValue> figures);
    }

    /**
     * @param readings where the per-period values of intensive inputs (a monthly lab content) are read
     *                 from, so that a coarse bucket holds them as the evaluator would: the period's value,
     *                 over several periods their time-weighted mean
     */
    public CalendarRollUp(Site site, ResultStore store, ReadingStore readings, Clock wallClock) {
        this(site, () -> site, store, readings, wallClock, r -> { }, Observer.NONE);
    }

    /** As {@link #CalendarRollUp(Site, ResultStore, ReadingStore, Clock)}, telling {@code observer} what each roll-up made. */
    public CalendarRollUp(Site site, ResultStore store, ReadingStore readings, Clock wallClock, Observer observer) {
        this(site, () -> site, store, readings, wallClock, r -> { }, observer);
    }

    private CalendarRollUp(Site site, Supplier<Site> current, ResultStore store, ReadingStore readings, Clock wallClock,
                           Consumer<BucketResult> written, Observer observer) {
        this.observer = observer;
        this.site = site;
        this.current = current;
        this.store = store;
        this.readings = readings;
        this.wallClock = wallClock;
        this.written = written;
        this.nodes = StoredFigures.nodes(site.graph());
        this.rollUp = new RollUp(site.graph(), site.factors(), site.zone());
    }

    /**
     * This roll-up, reading factors from {@code current}'s configuration at each roll-up while it runs the same
     * methodology: a running terminal's, whose activated factor packages change its factors after this roll-up
     * was made. The day figures are computed with the factors in effect for each day, and so is a recompute;
     * a week or month read at the start would keep the old values where an intensive figure reads a factor.
     */
    public CalendarRollUp following(Supplier<Site> current) {
        return new CalendarRollUp(site, current, store, readings, wallClock, written, observer);
    }

    /**
     * This roll-up, handing {@code consumer} each figure it writes (new or changed, not failed), after the store
     * committed it: the terminal shows them to the rules, so that a threshold on a week, month, quarter or year
     * is judged when that bucket is stored, as a day's is when the day is.
     */
    public CalendarRollUp onWritten(Consumer<BucketResult> consumer) {
        return new CalendarRollUp(site, current, store, readings, wallClock, consumer, observer);
    }

    /** The factors in effect: the current configuration's, unless it runs another methodology (its writer replaces this one). */
    private FactorLibrary factors() {
        Site now = current.get();
        return now != null && now.methodology().equals(site.methodology()) ? now.factors() : site.factors();
    }

    /** The grain a coarse bucket is made from: weeks and months from days, quarters from months, years from quarters. */
    public static Grain madeFrom(Grain coarse) {
        return switch (coarse) {
            case WEEK, MONTH -> Grain.DAY;
            case QUARTER -> Grain.MONTH;
            case YEAR -> Grain.QUARTER;
            default -> throw new IllegalArgumentException(coarse.label() + " is not made by roll-up; it is stored as evaluated");
        };
    }

    /**
     * Rolls up the week, month, quarter and year of each day in {@code dayStarts} (instants inside the
     * days will do) and writes what changed; returns how many figures were written.
     *
     * @param reason why, stored with each changed figure (the reason of the days' change)
     */
    public int days(Collection<Instant> dayStarts, String reason) {
        if (dayStarts.isEmpty()) {
            return 0;
        }
        synchronized (LOCKS.computeIfAbsent(store, s -> new Object())) {
            return rollUpDays(dayStarts, reason);
        }
    }

    private int rollUpDays(Collection<Instant> dayStarts, String reason) {
        Set<TimeBucket> weeks = new TreeSet<>();
        Set<TimeBucket> months = new TreeSet<>();
        for (Instant d : dayStarts) {
            weeks.add(TimeBucket.of(Grain.WEEK, d, site.zone()));
            months.add(TimeBucket.of(Grain.MONTH, d, site.zone()));
        }
        Set<TimeBucket> quarters = new TreeSet<>();
        months.forEach(m -> quarters.add(m.parent(Grain.QUARTER)));
        Set<TimeBucket> years = new TreeSet<>();
        quarters.forEach(q -> years.add(q.parent(Grain.YEAR)));
        int written = 0;
        for (Set<TimeBucket> level : List.of(weeks, months, quarters, years)) {
            for (TimeBucket b : level) {
                written += bucket(b, reason);
            }
        }
        return written;
    }

    /**
     * Rolls up every week, month, quarter and year that has stored days in {@code range} and no figure
     * of its own yet, when the store holds no month of {@code probeNode} at all: the first start after
     * an upgrade, whose store holds days only. Returns how many figures were written.
     */
    public int missing(TimeRange range, String probeNode) {
        long months = store.scan(ResultFilter.of(range).grain(Grain.MONTH).node(probeNode), r -> { });
        if (months > 0) {
            return 0;
        }
        Set<Instant> days = new TreeSet<>();
        Set<Instant> covered = new TreeSet<>();
        store.scan(ResultFilter.of(range).grain(Grain.DAY), r -> days.add(r.result().bucketStart()));
        store.scan(ResultFilter.of(range).grain(Grain.MONTH), r -> covered.add(r.result().bucketStart()));
        List<Instant> owed = days.stream().filter(d -> !covered.contains(TimeBucket.of(Grain.MONTH, d, site.zone()).start())).toList();
        int written = days(owed, "roll-up of stored days (weeks, months, quarters and years were not stored before)");
        if (written > 0) {
            LOG.info("rolled up {} stored days into {} week, month, quarter and year figures", owed.size(), written);
        }
        return written;
    }

    /**
     * Rolls up one coarse bucket from its stored finer buckets; returns how many figures it wrote. The parts are
     * folded into the roll-up as the store reads them, none kept, and the figures are made and written
     * {@value #CHUNK} at a time: what is held is a few numbers per figure of the site and one chunk of figures,
     * not the bucket's parts (a month of a 10,000-point site is 600,000 of them).
     */
    public int bucket(TimeBucket coarse, String reason) {
        return bucket(coarse, reason, CHUNK);
    }

    /** As {@link #bucket(TimeBucket, String)}, writing at most {@code chunk} figures at a time. */
    int bucket(TimeBucket coarse, String reason, int chunk) {
        RollUp withValues = rollUp.withFactors(factors()).withPeriodValues(periodValues(coarse));
        RollUp.Fold fold = feed(withValues.fold(coarse), coarse);
        if (fold.reexpand()) {
            fold = feed(withValues.fold(coarse), coarse); // the parts named keys of an open set the roll-up lacked
        }
        if (fold.parts() == 0) {
            return 0;
        }
        Instant now = wallClock.instant();
        int[] changed = {0};
        fold.figures(chunk, figures -> changed[0] += write(coarse, figures, now, reason));
        return changed[0];
    }

    private RollUp.Fold feed(RollUp.Fold fold, TimeBucket coarse) {
        store.scan(ResultFilter.of(TimeRange.of(coarse.start(), coarse.end())).grain(madeFrom(coarse.grain())), r -> {
            if (nodes.contains(r.result().nodeId()) && coarse.encloses(bucketOf(r))) {
                fold.add(part(r));
            }
        });
        return fold;
    }

    /** Writes one chunk of a coarse bucket's figures, tells the rules and the observer; returns how many changed. */
    private int write(TimeBucket coarse, List<ResultValue> figures, Instant now, String reason) {
        List<BucketResult> out = new ArrayList<>(figures.size());
        List<Boolean> present = new ArrayList<>(figures.size());
        List<ResultValue> presentValues = new ArrayList<>(figures.size());
        for (ResultValue v : figures) {
            if (nodes.contains(v.node())) {
                StoredFigures.of(v, site.methodology(), now, reason).ifPresent(r -> {
                    out.add(r);
                    present.add(v.present());
                });
                if (v.present()) {
                    presentValues.add(v);
                }
            }
        }
        List<WriteOutcome> outcomes = out.isEmpty() ? List.of() : store.writeAll(out).join();
        int changed = 0;
        for (int i = 0; i < outcomes.size(); i++) {
            if (outcomes.get(i) != WriteOutcome.UNCHANGED) {
                changed++;
                if (present.get(i)) {
                    tell(out.get(i));
                }
            }
        }
        try {
            observer.rolledUp(coarse, List.copyOf(presentValues));
        } catch (RuntimeException e) {
            LOG.error("the figures of {} were stored but their observer failed: {}", coarse, e.toString());
        }
        return changed;
    }

    private void tell(BucketResult r) {
        try {
            written.accept(r);
        } catch (RuntimeException e) {
            LOG.warn("roll-up of {} {}: stored, but not shown to the rules: {}", r.grain().label(), r.nodeId(), e.toString());
        }
    }

    /** A time model holding the stored values of every intensive per-period input for the periods {@code coarse} overlaps. */
    private TimeModel periodValues(TimeBucket coarse) {
        TimeModel model = TimeModel.forGraph(site.graph(), site.zone());
        for (PointBinding b : site.bindings().values()) {
            if (!(b.settings() instanceof PeriodSettings p) || p.quantity() != PeriodQuantity.INTENSIVE) {
                continue;
            }
            model.configure(b.input(), b.key(), b.settings());
            Instant first = TimeBucket.of(p.period(), coarse.start(), site.zone()).start();
            Instant last = TimeBucket.of(p.period(), coarse.end().minusNanos(1), site.zone()).end();
            for (StoredReading r : readings.readings(b.pointId(), TimeRange.of(first, last))) {
                try {
                    model.add(Replay.observation(r, b));
                } catch (RuntimeException e) {
                    LOG.warn("roll-up of {}: reading {} not used: {}", coarse, r.idempotencyKey(), e.getMessage());
                }
            }
        }
        return model;
    }

    private TimeBucket bucketOf(StoredResult r) {
        return TimeBucket.of(r.result().grain(), r.result().bucketStart(), site.zone());
    }

    private RollUp.Part part(StoredResult s) {
        BucketResult r = s.result();
        String problem = r.quality() == Quality.MISSING && r.reason() != null && r.reason().startsWith(FAILED_PREFIX)
                ? r.reason().substring(FAILED_PREFIX.length()) : null;
        return new RollUp.Part(r.nodeId(), r.key(), bucketOf(s), r.value(), r.quality(), r.completeness(), problem);
    }
}
