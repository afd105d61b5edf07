package io.tanhe.server.report;

import io.tanhe.engine.graph.ComputationGraph;
import io.tanhe.engine.graph.Node;
import io.tanhe.engine.graph.NodeKind;
import io.tanhe.engine.time.Grain;
import io.tanhe.engine.time.Quality;
import io.tanhe.engine.units.Unit;
import io.tanhe.server.store.ResultStore;
import io.tanhe.server.store.StoredResult;
import io.tanhe.server.store.TimeRange;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads results from the store at any grain. The terminal stores every grain of the accounting
 * methodology: minute, 15-minute, hour and day buckets as it evaluates them, weeks, months, quarters
 * and years rolled up from the stored days ({@link io.tanhe.server.evaluation.CalendarRollUp}) —
 * extensive figures summed, ratios and intensities recomputed from the rolled-up operands — each with
 * its revisions. This query reads them as stored.
 *
 * <p>The measurement view of a CEMS site (docs/cems.md) stores hours and days only, with its own
 * rules for a day's quality; {@link #summingDays} reads its weeks, months, quarters and years as the
 * sums of its stored days, with the weakest quality and the time-weighted completeness (days without
 * a result count as empty); a ratio of two of its extensive nodes from their sums; other intensive
 * nodes are refused at those grains.
 */
public final class ResultQuery {
    private final ComputationGraph graph;
    private final ResultStore store;
    private final ZoneId zone;
    private final boolean coarseStored;

    /** A query of a graph whose every grain is stored (the accounting methodology). */
    public ResultQuery(ComputationGraph graph, ResultStore store, ZoneId zone) {
        this(graph, store, zone, true);
    }

    private ResultQuery(ComputationGraph graph, ResultStore store, ZoneId zone, boolean coarseStored) {
        this.graph = graph;
        this.store = store;
        this.zone = zone;
        this.coarseStored = coarseStored;
    }

    /** A query of a graph whose store holds days and finer only (a measurement view): coarser grains are sums of days. */
    public static ResultQuery summingDays(ComputationGraph graph, ResultStore store, ZoneId zone) {
        return new ResultQuery(graph, store, zone, false);
    }

    /**
     * The results of {@code node} ({@code key}: one key, "" for every key) in buckets of {@code grain}
     * starting in {@code range}, in bucket order.
     *
     * @throws IllegalArgumentException for an unknown node, or (summing days) an intensive node at a summed grain
     */
    public List<ResultRow> results(String node, String key, Grain grain, TimeRange range) {
        return results(node, key, ReportGrain.of(grain), range);
    }

    /**
     * The results of {@code node} ({@code key}: one key, "" for every key) in buckets of {@code grain}
     * starting in {@code range}, in bucket order.
     *
     * @throws IllegalArgumentException for an unknown node, or an intensive node at a summed grain that is no ratio
     */
    public List<ResultRow> results(String node, String key, ReportGrain grain, TimeRange range) {
        Node n = graph.node(node).orElseThrow(() -> new IllegalArgumentException("no node `" + node + "` in " + graph.info().id()));
        if (coarseStored || grain.evaluated()) {
            return store.current(node, key, grain.grain(), range).stream().map(ResultQuery::row).toList();
        }
        if (!extensive(n)) {
            Optional<Ratio> ratio = Ratio.of(n, graph);
            if (ratio.isPresent() && key.isEmpty() && !n.indexed()) {
                return ratio(n, ratio.get(), grain, range);
            }
            throw new IllegalArgumentException("`" + node + "` is in " + n.unit().text() + ", a ratio: its " + grain.label()
                    + " value is not the sum of days; ask for grain day or finer");
        }
        Instant from = grain.floor(range.from(), zone);
        Map<String, Map<Instant, List<ResultRow>>> byKeyAndParent = new LinkedHashMap<>();
        for (StoredResult s : store.current(node, key, Grain.DAY, TimeRange.of(from, range.to().equals(from) ? from
                : grain.next(grain.floor(range.to().minusNanos(1), zone), zone)))) {
            ResultRow day = row(s);
            Instant parent = grain.floor(day.start(), zone);
            if (parent.isBefore(range.from()) || !parent.isBefore(range.to())) {
                continue;
            }
            byKeyAndParent.computeIfAbsent(day.key(), k -> new LinkedHashMap<>()).computeIfAbsent(parent, p -> new ArrayList<>()).add(day);
        }
        List<ResultRow> out = new ArrayList<>();
        byKeyAndParent.forEach((k, parents) -> parents.forEach((start, days) -> out.add(sum(days, grain, start))));
        out.sort((a, b) -> a.start().equals(b.start()) ? a.key().compareTo(b.key()) : a.start().compareTo(b.start()));
        return out;
    }

    /** Each bucket's ratio from its operands' sums: quality the weaker, completeness the lower of the two. */
    private List<ResultRow> ratio(Node n, Ratio ratio, ReportGrain grain, TimeRange range) {
        Map<Instant, ResultRow> numerators = new LinkedHashMap<>();
        results(ratio.numerator(), "", grain, range).forEach(r -> numerators.put(r.start(), r));
        List<ResultRow> out = new ArrayList<>();
        for (ResultRow d : results(ratio.denominator(), "", grain, range)) {
            ResultRow num = numerators.get(d.start());
            if (num == null || d.value() == 0) {
                continue;
            }
            out.add(new ResultRow(n.name(), "", d.grain(), d.start(), d.end(), ratio.scale() * num.value() / d.value(),
                    n.unit().text(), num.quality().and(d.quality()), Math.min(num.completeness(), d.completeness()),
                    Math.max(num.revision(), d.revision()), Math.max(num.parts(), d.parts())));
        }
        return out;
    }

    private ResultRow sum(List<ResultRow> days, ReportGrain grain, Instant start) {
        Instant end = grain.next(start, zone);
        double seconds = Duration.between(start, end).toSeconds();
        double value = 0;
        double covered = 0;
        Quality quality = null;
        int revision = 0;
        for (ResultRow d : days) {
            value += d.value();
            covered += d.completeness() * Duration.between(d.start(), d.end()).toSeconds();
            quality = quality == null ? d.quality() : quality.and(d.quality());
            revision = Math.max(revision, d.revision());
        }
        ResultRow first = days.get(0);
        return new ResultRow(first.node(), first.key(), grain, start, end, value, first.unit(), quality,
                Math.min(1, covered / seconds), revision, days.size());
    }

    /** True for nodes whose values add up over time (their unit is a plain amount). */
    public static boolean extensive(Node n) {
        if (n.kind() == NodeKind.FACTOR || n.kind() == NodeKind.CONST) {
            return false;
        }
        Unit u = n.unit();
        return !u.dimension().isNone() && u.dimension().exponents().values().stream().allMatch(e -> e > 0);
    }

    private static ResultRow row(StoredResult s) {
        var r = s.result();
        return new ResultRow(r.nodeId(), r.key(), ReportGrain.of(r.grain()), r.bucketStart(), r.bucketEnd(), r.value(), r.unit(), r.quality(),
                r.completeness(), s.revision(), 1);
    }
}
