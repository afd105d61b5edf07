package io.tanhe.server.terminal.lifecycle;

import io.tanhe.engine.graph.Node;
import io.tanhe.engine.time.Grain;
import io.tanhe.server.recompute.DayRecompute;
import io.tanhe.server.site.Site;
import io.tanhe.server.store.BucketResult;
import io.tanhe.server.store.ResultFilter;
import io.tanhe.server.store.SameFigure;
import io.tanhe.server.store.Store;
import io.tanhe.server.store.TimeRange;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Replays closed days from the raw store under a configuration, without writing anything, and compares
 * each figure with the stored one ({@link Review}). The stored results are the figures as computed at the
 * time; the replay uses {@link DayRecompute#compute}, the same code that recomputes days. Figures of the measurement
 * method (CEMS, another methodology's, docs/cems.md) are measured, not computed by the accounting: they are left out and
 * counted ({@link Review#measuredLeftOut}).
 */
public final class DryRun {
    private DryRun() {
    }

    /**
     * The review of days {@code [from, to)} replayed under {@code under}.
     *
     * @param grain           {@link Grain#DAY} or {@link Grain#HOUR}, the figures compared
     * @param onlyDifferences keep only the figures that differ (what is stored with a package)
     */
    public static Review review(Site under, Store store, LocalDate from, LocalDate to, Grain grain, boolean onlyDifferences,
                                Clock clock) {
        DayRecompute replay = new DayRecompute(under, store, clock);
        List<Review.Figure> figures = new ArrayList<>();
        Map<String, double[]> totals = new TreeMap<>();
        Map<String, String> units = new LinkedHashMap<>();
        int compared = 0;
        int[] measured = {0};
        String accounting = under.methodology().id();
        for (LocalDate day = from; day.isBefore(to); day = day.plusDays(1)) {
            Map<String, BucketResult> stored = new LinkedHashMap<>();
            TimeRange range = TimeRange.of(day.atStartOfDay(under.zone()).toInstant(), day.plusDays(1).atStartOfDay(under.zone()).toInstant());
            store.results().scan(ResultFilter.of(range), r -> {
                if (r.result().grain() != grain) {
                    return;
                }
                if (!r.result().methodology().id().equals(accounting)) {
                    measured[0]++; // the measurement method's figures: measured, a replay of the accounting has none to compare
                } else {
                    stored.put(id(r.result()), r.result());
                }
            });
            Map<String, BucketResult> replayed = new LinkedHashMap<>();
            for (BucketResult r : replay.compute(day, "dry run").results()) {
                if (r.grain() == grain) {
                    replayed.put(id(r), r);
                }
            }
            Map<String, BucketResult> all = new LinkedHashMap<>(stored);
            replayed.forEach(all::putIfAbsent);
            for (Map.Entry<String, BucketResult> e : all.entrySet()) {
                BucketResult s = stored.get(e.getKey());
                BucketResult r = replayed.get(e.getKey());
                BucketResult any = e.getValue();
                compared++;
                boolean same = s != null && r != null && SameFigure.figures(s, r);
                if (!same || !onlyDifferences) {
                    figures.add(new Review.Figure(any.nodeId(), any.key(), any.bucketStart(), any.unit(),
                            s == null ? null : s.value(), r == null ? null : r.value()));
                }
                String cls = emissionClass(under, any.nodeId());
                if (cls != null) { // every key of an emission is part of its class
                    double[] t = totals.computeIfAbsent(cls, k -> new double[2]);
                    t[0] += s == null ? 0 : s.value();
                    t[1] += r == null ? 0 : r.value();
                    units.putIfAbsent(cls, any.unit());
                }
            }
        }
        List<Review.ClassTotal> classTotals = new ArrayList<>();
        totals.forEach((cls, t) -> classTotals.add(new Review.ClassTotal(cls, units.get(cls), t[0], t[1])));
        figures.sort(java.util.Comparator.comparing(Review.Figure::bucket).thenComparing(Review.Figure::node)
                .thenComparing(Review.Figure::key));
        return new Review(from, to, grain.name().toLowerCase(java.util.Locale.ROOT), compared, figures, classTotals, measured[0]);
    }

    /**
     * {@code site} with {@code candidate} applied — its factors from {@code from} on, its methodology for every day:
     * what {@code tanhe replay --under} replays.
     *
     * @throws PackageRefusedException when the package does not compile against the site
     */
    public static Site under(Site site, Candidate candidate, LocalDate from) {
        return switch (candidate.kind()) {
            case FACTORS -> site.withFactors(site.factors().overriddenBy(FactorPackage.compile(candidate, site).from(from)));
            case THRESHOLDS -> site; // thresholds raise alerts; they change no figure
            case METHODOLOGY -> MethodologyPackage.of(candidate, site).site(); // a methodology has no validity dates: every day replays under it
        };
    }

    /** The emission class of {@code node} (its keyword, e.g. {@code combustion}); null for a node that is not an emission. */
    private static String emissionClass(Site site, String node) {
        return site.graph().node(node).map(Node::emissionClass).map(c -> c.keyword()).orElse(null);
    }

    private static String id(BucketResult r) {
        return r.nodeId() + "\u0000" + r.key() + "\u0000" + r.bucketStart();
    }

    /** The closed days a review covers: the {@code days} before the open window's day (which is still open). */
    public static LocalDate[] closedDays(Site site, Instant windowFrom, int days) {
        LocalDate to = windowFrom.atZone(site.zone()).toLocalDate();
        return new LocalDate[] {to.minusDays(days), to};
    }
}
