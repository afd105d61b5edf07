package io.tanhe.server.recompute;

import io.tanhe.engine.incremental.IncrementalEvaluator;
import io.tanhe.engine.incremental.ResultValue;
import io.tanhe.engine.time.Grain;
import io.tanhe.engine.time.Quality;
import io.tanhe.server.site.PointBinding;
import io.tanhe.server.site.Site;
import io.tanhe.server.store.BucketResult;
import io.tanhe.server.store.SameFigure;
import io.tanhe.server.store.RecomputeRequest;
import io.tanhe.server.store.ResultFilter;
import io.tanhe.server.store.Store;
import io.tanhe.server.store.StoredReading;
import io.tanhe.server.store.TimeRange;
import io.tanhe.server.evaluation.CalendarRollUp;
import io.tanhe.server.evaluation.EvaluatorFactory;
import io.tanhe.server.evaluation.Replay;
import io.tanhe.server.evaluation.StoredFigures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Recomputes the stored results of one closed day from the raw store: replays the day's readings and
 * what the day depends on ({@link Replay}) into a fresh evaluator ({@link EvaluatorFactory}, without
 * rules), and writes every result of the day, at every stored grain, that differs from the stored
 * one. The store keeps the replaced figure as a revision; an unchanged result is not written.
 *
 * <p>"Differs" allows for rounding: the live evaluator sums minutes into hours incrementally, a fresh
 * one in another order, so the same data can give figures a few ulps apart. Values within
 * {@link SameFigure#RELATIVE_TOLERANCE} (relative, at least absolute) are the same figure: the rule the
 * store applies to every write, so a restart does not store rounding noise as revisions either.
 */
public final class DayRecompute {
    private static final Logger LOG = LoggerFactory.getLogger(DayRecompute.class);
    /**
     * Rows per store submission, each awaited before the next: small, so that the live pipeline's
     * readings and results get through the store's single writer between them.
     */
    private static final int WRITE_CHUNK = 500;

    private final Site site;
    private final Store store;
    private final Clock wallClock;
    private final Set<String> nodes;
    private final Consumer<BucketResult> written;

    public DayRecompute(Site site, Store store, Clock wallClock) {
        this(site, store, wallClock, r -> { });
    }

    /**
     * @param stored told each day, week, month, quarter and year figure {@link #run} writes (new or changed, not failed),
     *               once the store committed it: the running terminal shows them to the rules. Minutes to hours are
     *               left out: the rules judge a bucket only if it is the latest of its grain they saw, which a closed
     *               day's minutes never are, and they are a thousand and more a day
     */
    public DayRecompute(Site site, Store store, Clock wallClock, Consumer<BucketResult> stored) {
        this.site = site;
        this.store = store;
        this.wallClock = wallClock;
        this.nodes = StoredFigures.nodes(site.graph());
        this.written = stored;
    }

    /**
     * Recomputes {@code day} (a local day of the site's zone) for {@code requests}; the reason written
     * with the results names their late data, or says {@code trigger} when there are none.
     */
    public DayOutcome run(LocalDate day, List<RecomputeRequest> requests, String trigger) {
        String reason = LateDataText.reason(day, requests, trigger);
        TimeRange range = range(day);
        Computed computed = compute(day, reason);
        Map<Figure, BucketResult> stored = new HashMap<>();
        store.results().scan(ResultFilter.of(range), r -> stored.put(Figure.of(r.result()), r.result()));
        List<BucketResult> changed = new ArrayList<>();
        int added = 0;
        for (BucketResult fresh : computed.results()) {
            BucketResult old = stored.get(Figure.of(fresh));
            if (old == null || !sameFigure(old, fresh)) {
                changed.add(fresh);
                added += old == null ? 1 : 0;
            }
        }
        write(changed);
        changed.stream().filter(r -> r.grain() == Grain.DAY && r.quality() != Quality.MISSING).forEach(written);
        if (!changed.isEmpty()) {
            new CalendarRollUp(site, store.results(), store.readings(), wallClock).onWritten(written).days(List.of(range.from()), reason);
        }
        return new DayOutcome(day, requests.stream().map(RecomputeRequest::id).toList(), reason, computed.readings(),
                computed.results().size(), changed.size() - added, added);
    }

    /** What a replay of one day gives: the results at every stored grain, and how many readings were fed. */
    public record Computed(List<BucketResult> results, int readings) {
    }

    /**
     * Replays {@code day} from the raw store under this site's configuration and returns every result of
     * the day at every stored grain, written with {@code reason}; writes nothing (the dry-run replay of a
     * configuration package compares them with the stored figures).
     */
    public Computed compute(LocalDate day, String reason) {
        TimeRange range = range(day);
        IncrementalEvaluator evaluator = EvaluatorFactory.create(site);
        long fed = Replay.scan(site, store.readings(), range, r -> feed(evaluator, r));
        Instant now = wallClock.instant();
        List<BucketResult> results = new ArrayList<>();
        for (Grain g : EvaluatorFactory.GRAINS) {
            for (ResultValue v : evaluator.results(g, range.from(), range.to(), nodes)) {
                StoredFigures.of(v, site.methodology(), now, reason).ifPresent(results::add);
            }
        }
        return new Computed(List.copyOf(results), (int) fed);
    }

    private TimeRange range(LocalDate day) {
        return TimeRange.of(day.atStartOfDay(site.zone()).toInstant(), day.plusDays(1).atStartOfDay(site.zone()).toInstant());
    }

    private void feed(IncrementalEvaluator evaluator, StoredReading r) {
        PointBinding b = site.binding(r.pointId()).orElse(null);
        if (b == null) {
            return;
        }
        try {
            evaluator.accept(Replay.observation(r, b));
        } catch (RuntimeException e) {
            LOG.warn("recompute: reading {} not evaluated: {}", r.idempotencyKey(), e.getMessage());
        }
    }

    private void write(List<BucketResult> changed) {
        for (int i = 0; i < changed.size(); i += WRITE_CHUNK) {
            store.results().writeAll(changed.subList(i, Math.min(changed.size(), i + WRITE_CHUNK))).join();
        }
    }

    /** True when the two figures agree within rounding, in quality, completeness, unit and methodology: {@link SameFigure}. */
    static boolean sameFigure(BucketResult a, BucketResult b) {
        return SameFigure.figures(a, b);
    }

    private record Figure(String node, String key, Grain grain, Instant start) {
        static Figure of(BucketResult r) {
            return new Figure(r.nodeId(), r.key(), r.grain(), r.bucketStart());
        }
    }
}
