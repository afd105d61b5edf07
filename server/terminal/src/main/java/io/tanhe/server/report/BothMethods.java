package io.tanhe.server.report;

import io.tanhe.engine.cems.MethodComparison;
import io.tanhe.engine.incremental.ResultValue;
import io.tanhe.engine.time.Grain;
import io.tanhe.engine.time.Quality;
import io.tanhe.engine.time.TimeBucket;
import io.tanhe.engine.units.Unit;
import io.tanhe.server.site.Measurement;
import io.tanhe.server.site.Site;
import io.tanhe.server.store.QaRecord;
import io.tanhe.server.store.QaStore;
import io.tanhe.server.store.ResultStore;
import io.tanhe.server.store.StoredResult;
import io.tanhe.server.store.TimeRange;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Both methods for the site's compared boundaries, bucket by bucket, as reports and the API show them:
 * the measured and the accounting figure, their relative deviation δ = (E_CEMS − E_accounting)/E_accounting
 * ({@link MethodComparison}), the verification finding past the site's bound, and the measured figure's
 * data quality: its capture rate over the bucket's stored hours and how many of them were substituted;
 * with the QA records of the range. {@link #NONE} for a site without a {@code measurement:} block.
 *
 * @param rows the comparisons, by pair then bucket
 * @param qa   the calibrations, maintenance periods and audits that overlap the range
 */
public record BothMethods(List<Row> rows, List<QaRecord> qa) {
    public static final BothMethods NONE = new BothMethods(List.of(), List.of());

    public BothMethods {
        rows = List.copyOf(rows);
        qa = List.copyOf(qa);
    }

    /**
     * One bucket of one compared boundary.
     *
     * @param measured     the CEMS figure, in the accounting figure's unit; empty when none is stored
     * @param accounted    the accounting figure; empty when none is stored
     * @param deviation    δ as a fraction; NaN when not comparable
     * @param bound        the site's bound, as a fraction
     * @param finding      the verification finding, when |δ| passes the bound or the figures cannot be compared
     * @param captureRate  α over the bucket's stored measured hours, 0…1; NaN when none is stored or all stopped
     * @param hours        the bucket's stored measured hours
     * @param substituted  of those, the hours whose figure was substituted
     */
    public record Row(Measurement.Comparison pair, Instant start, Instant end, Optional<ResultRow> measured,
                      Optional<ResultRow> accounted, double deviation, double bound, Optional<String> finding,
                      double captureRate, int hours, int substituted) {
    }

    /** The comparisons of {@code site} in buckets of {@code grain} starting in {@code range}; NONE without a measurement or for weeks. */
    public static BothMethods of(Site site, ResultStore results, QaStore qa, ReportGrain grain, TimeRange range) {
        Optional<Site> view = site.measurementView();
        if (view.isEmpty() || grain == ReportGrain.WEEK) {
            return NONE;
        }
        ResultQuery accounting = new ResultQuery(site.graph(), results, site.zone());
        ResultQuery measurement = ResultQuery.summingDays(view.get().graph(), results, site.zone());
        List<Row> rows = new ArrayList<>();
        for (Measurement.Comparison c : site.measurement().orElseThrow().comparisons()) {
            Map<Instant, ResultRow> measured = byStart(measurement.results(c.measured(), c.measuredKey(), grain, range));
            Map<Instant, ResultRow> accounted = byStart(accounting.results(c.accounting(), c.accountingKey(), grain, range));
            List<Instant> starts = new ArrayList<>(measured.keySet());
            accounted.keySet().stream().filter(s -> !measured.containsKey(s)).forEach(starts::add);
            starts.sort(null);
            Unit mu = view.get().graph().node(c.measured()).orElseThrow().unit();
            Unit au = site.graph().node(c.accounting()).orElseThrow().unit();
            for (Instant start : starts) {
                TimeBucket bucket = TimeBucket.of(grain.grain(), start, site.zone());
                ResultRow m = measured.get(start);
                ResultRow a = accounted.get(start);
                MethodComparison mc = MethodComparison.of(value(c.measured(), c.measuredKey(), bucket, m, mu),
                        value(c.accounting(), c.accountingKey(), bucket, a, au), c.bound());
                Optional<ResultRow> shown = Optional.ofNullable(m).map(r -> new ResultRow(r.node(), r.key(), r.grain(), r.start(), r.end(),
                        r.value() * mu.conversionFactor(au), au.text(), r.quality(), r.completeness(), r.revision(), r.parts()));
                int[] hours = hours(results, c, bucket);
                rows.add(new Row(c, start, bucket.end(), shown, Optional.ofNullable(a), mc.deviation(), c.bound(), mc.finding(),
                        hours[0] - hours[1] == 0 ? Double.NaN : (double) (hours[0] - hours[1] - hours[2]) / (hours[0] - hours[1]),
                        hours[0], hours[3]));
            }
        }
        return new BothMethods(rows, qa.between(range));
    }

    /** {total, stopped, not valid, substituted} over the bucket's stored measured hours (their provenance says which). */
    private static int[] hours(ResultStore results, Measurement.Comparison c, TimeBucket bucket) {
        int[] n = new int[4];
        for (StoredResult s : results.current(c.measured(), c.measuredKey(), Grain.HOUR, TimeRange.of(bucket.start(), bucket.end()))) {
            n[0]++;
            String reason = s.result().reason();
            if (reason.startsWith("source stopped")) {
                n[1]++;
            } else if (!(s.result().quality() == Quality.MEASURED && reason.startsWith("measured"))) {
                n[2]++;
            }
            if (s.result().quality() == Quality.SUBSTITUTED) {
                n[3]++;
            }
        }
        return n;
    }

    private static Map<Instant, ResultRow> byStart(List<ResultRow> rows) {
        Map<Instant, ResultRow> out = new LinkedHashMap<>();
        rows.forEach(r -> out.put(r.start(), r));
        return out;
    }

    /** A stored figure as the comparison takes it: a missing one (or one stored as MISSING) has no value. */
    private static ResultValue value(String node, String key, TimeBucket bucket, ResultRow r, Unit unit) {
        boolean present = r != null && r.quality() != Quality.MISSING;
        return new ResultValue(node, key, bucket, present ? r.value() : Double.NaN, unit, present ? r.quality() : Quality.MISSING,
                r == null ? 0 : r.completeness(), present, false, null, null);
    }
}
