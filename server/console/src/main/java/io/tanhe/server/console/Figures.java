package io.tanhe.server.console;

import io.tanhe.engine.time.Grain;
import io.tanhe.server.api.ApiServer;
import io.tanhe.server.report.Report;
import io.tanhe.server.report.ReportGrain;
import io.tanhe.server.report.ReportSummary;
import io.tanhe.server.report.ResultQuery;
import io.tanhe.server.report.ResultRow;
import io.tanhe.server.store.TimeRange;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The figures the pages show, read from the store through the report package (the same sums as
 * {@code tanhe report}): a day's and a month's summary, the per-minute curve, a trend with its changes.
 */
final class Figures {
    private final ApiServer.Sources s;

    Figures(ApiServer.Sources sources) {
        this.s = sources;
    }

    private ZoneId zone() {
        return s.site().zone();
    }

    /** The latest measurement time evaluated, else now: "today" is the day of the data, also in a simulated demo. */
    Instant asOf() {
        return s.status().watermark().orElseGet(Instant::now);
    }

    /** The bucket of {@code grain} holding {@code t}. */
    TimeRange bucket(ReportGrain grain, Instant t) {
        Instant from = grain.floor(t, zone());
        return TimeRange.of(from, grain.next(from, zone()));
    }

    /**
     * Today's summary from its closed hours: the day's own bucket is stored only when the day closes, so the hours
     * are what a figure of the running day can be.
     */
    ReportSummary today() {
        return summary(ReportGrain.HOUR, bucket(ReportGrain.DAY, asOf()));
    }

    /** This month's summary from its closed hours (the running day has no day bucket yet). */
    ReportSummary thisMonth() {
        return summary(ReportGrain.HOUR, bucket(ReportGrain.MONTH, asOf()));
    }

    /** The summary (sources, totals, classes, intensities) over {@code range} in buckets of {@code grain}. */
    ReportSummary summary(ReportGrain grain, TimeRange range) {
        return ReportSummary.of(report(grain, range));
    }

    Report report(ReportGrain grain, TimeRange range) {
        return Report.build(s.site().identity().siteId(), s.site().methodology(), s.site().graph(), s.store().results(), zone(),
                grain, range);
    }

    /** The node of the methodology's headline total (its last total), if it declares one. */
    Optional<String> headline() {
        var totals = s.site().graph().nodesOf(io.tanhe.engine.graph.NodeKind.TOTAL);
        return totals.isEmpty() ? Optional.empty() : Optional.of(totals.getLast().name());
    }

    /** The headline total per minute over {@code range}. */
    List<ResultRow> minutes(TimeRange range) {
        return headline().map(n -> new ResultQuery(s.site().graph(), s.store().results(), zone()).results(n, "", Grain.MINUTE, range))
                .orElse(List.of());
    }

    /** A bucket of a trend: its value, the same bucket a year before, the bucket before, and the changes in percent. */
    record TrendRow(Instant start, Double value, Double lastYear, Double yearOnYear, Double previous, Double periodOnPeriod,
                    double completeness, String quality, boolean open) {
    }

    /** The headline total in buckets of {@code grain} over {@code range}, each against last year and the bucket before. */
    List<TrendRow> trend(ReportGrain grain, TimeRange range) {
        Optional<String> node = headline();
        if (node.isEmpty()) {
            return List.of();
        }
        ResultQuery q = new ResultQuery(s.site().graph(), s.store().results(), zone());
        Instant before = grain.floor(range.from().minusNanos(1), zone());
        Map<Instant, ResultRow> now = new HashMap<>();
        q.results(node.get(), "", grain, TimeRange.of(before, range.to())).forEach(r -> now.put(r.start(), r));
        Map<Instant, ResultRow> lastYear = new HashMap<>();
        TimeRange shifted = TimeRange.of(yearBack(range.from()), yearBack(range.to()));
        q.results(node.get(), "", grain, shifted).forEach(r -> lastYear.put(r.start(), r));
        Optional<Instant> running = addRunningDay(q, node.get(), grain, now);
        if (grain == ReportGrain.HOUR) {
            running = addRunningHour(node.get(), range, now);
        }
        List<TrendRow> out = new ArrayList<>();
        Instant previous = before;
        for (Instant t = grain.floor(range.from(), zone()); t.isBefore(range.to()); t = grain.next(t, zone())) {
            ResultRow r = now.get(t);
            Double value = r == null ? null : r.value();
            ResultRow ly = lastYear.get(grain.floor(yearBack(t), zone()));
            Double lastYearValue = ly == null ? null : ly.value();
            ResultRow p = now.get(previous);
            Double previousValue = p == null ? null : p.value();
            out.add(new TrendRow(t, value, lastYearValue, change(value, lastYearValue), previousValue, change(value, previousValue),
                    r == null ? 0 : r.completeness(), r == null ? null : r.quality().name(), running.filter(t::equals).isPresent()));
            previous = t;
        }
        return out;
    }

    /**
     * Adds the running day's closed hours to the bucket that holds it: a day is stored only when it closes, and a
     * week, month, quarter or year is read as the sum of its stored days, so without this the current bucket would
     * leave out today.
     */
    private Optional<Instant> addRunningDay(ResultQuery q, String node, ReportGrain grain, Map<Instant, ResultRow> rows) {
        if (grain == ReportGrain.HOUR) {
            return Optional.empty();
        }
        Instant day = ReportGrain.DAY.floor(asOf(), zone());
        TimeRange today = TimeRange.of(day, ReportGrain.DAY.next(day, zone()));
        if (!q.results(node, "", ReportGrain.DAY, today).isEmpty()) {
            return Optional.empty(); // the day has closed: the stored buckets hold it
        }
        List<ResultRow> hours = q.results(node, "", ReportGrain.HOUR, today);
        if (hours.isEmpty()) {
            return Optional.empty();
        }
        Instant bucket = grain.floor(day, zone());
        double sum = hours.stream().mapToDouble(ResultRow::value).sum();
        ResultRow first = hours.getFirst();
        ResultRow stored = rows.get(bucket);
        if (stored == null) {
            double hoursInBucket = Duration.between(bucket, grain.next(bucket, zone())).toHours();
            rows.put(bucket, new ResultRow(node, "", grain, bucket, grain.next(bucket, zone()), sum, first.unit(), first.quality(),
                    hours.size() / hoursInBucket, first.revision(), hours.size()));
        } else {
            rows.put(bucket, new ResultRow(node, "", grain, stored.start(), stored.end(), stored.value() + sum, stored.unit(),
                    stored.quality().and(first.quality()), stored.completeness(), stored.revision(), stored.parts() + hours.size()));
        }
        return Optional.of(bucket);
    }

    /**
     * Adds the running hour (not stored until it closes) with the pipeline's running total, when it lies in
     * {@code range} and the store has no figure for it yet.
     */
    private Optional<Instant> addRunningHour(String node, TimeRange range, Map<Instant, ResultRow> rows) {
        var hour = s.status().currentHour();
        if (hour.isEmpty() || rows.containsKey(hour.get().start()) || hour.get().start().isBefore(range.from())
                || !hour.get().start().isBefore(range.to())) {
            return Optional.empty();
        }
        var h = hour.get();
        Instant end = ReportGrain.HOUR.next(h.start(), zone());
        io.tanhe.engine.time.Quality quality;
        try {
            quality = io.tanhe.engine.time.Quality.valueOf(h.quality());
        } catch (IllegalArgumentException | NullPointerException e) {
            quality = io.tanhe.engine.time.Quality.MEASURED;
        }
        double part = Math.min(1, (double) Duration.between(h.start(), asOf()).toSeconds() / Duration.between(h.start(), end).toSeconds());
        rows.put(h.start(), new ResultRow(node, "", ReportGrain.HOUR, h.start(), end, h.value(), h.unit(), quality, part, 0, 1));
        return Optional.of(h.start());
    }

    /** The unit of the headline total. */
    String unit() {
        return headline().flatMap(n -> s.site().graph().node(n)).map(io.tanhe.engine.graph.Node::declaredUnit).orElse("tCO2");
    }

    private Instant yearBack(Instant t) {
        ZonedDateTime z = t.atZone(zone());
        return z.minusYears(1).toInstant();
    }

    /** The change from {@code base} to {@code value} in percent; null without both or with a zero base. */
    static Double change(Double value, Double base) {
        if (value == null || base == null || base == 0) {
            return null;
        }
        return (value - base) / Math.abs(base) * 100;
    }
}
