package io.tanhe.server.measurement;

import io.tanhe.engine.cems.CaptureRate;
import io.tanhe.engine.cems.HourFigure;
import io.tanhe.engine.cems.HourFlags;
import io.tanhe.engine.cems.HourRecord;
import io.tanhe.engine.cems.HourStatus;
import io.tanhe.engine.cems.HourlyFigures;
import io.tanhe.engine.cems.MeasuredHours;
import io.tanhe.engine.graph.Node;
import io.tanhe.engine.incremental.IncrementalEvaluator;
import io.tanhe.engine.incremental.ResultValue;
import io.tanhe.engine.time.Grain;
import io.tanhe.engine.time.Observation;
import io.tanhe.engine.time.Quality;
import io.tanhe.engine.time.TimeBucket;
import io.tanhe.server.evaluation.EvaluatorFactory;
import io.tanhe.server.evaluation.Replay;
import io.tanhe.server.evaluation.StoredFigures;
import io.tanhe.server.site.Measurement;
import io.tanhe.server.site.PointBinding;
import io.tanhe.server.site.Site;
import io.tanhe.server.store.BucketResult;
import io.tanhe.server.store.QaRecord;
import io.tanhe.server.store.Store;
import io.tanhe.server.store.StoredResult;
import io.tanhe.server.store.TimeRange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The stored figures of the measurement method for whole hours, computed from the stored readings:
 * the readings of the range are replayed into a fresh evaluator of the measurement methodology
 * ({@link Replay}, {@link EvaluatorFactory} on {@link Site#measurementView()}); readings inside a
 * calibration or maintenance period of the QA records count as missing and flag their hour; each
 * compared emission's hours are judged by the validity rules ({@link MeasuredHours}, reasons from the
 * data flags), and hours without valid data are substituted ({@link HourlyFigures}) with the capture
 * rate of the quarter so far, searching the stored hours before the range. It gives:
 * <ul>
 *   <li>the hourly figures, each with its quality (MEASURED, SUBSTITUTED or MISSING, stored as 0)
 *       and its provenance as the result's reason;</li>
 *   <li>the 15-minute figures as measured (the real-time indicator; no substitution applies there);</li>
 *   <li>for every local day the range completes, the day's sum of hourly figures and the day's capture
 *       rate as a figure of its own, {@code <node>_capture_rate} in %.</li>
 * </ul>
 */
public final class MeasuredFigures {
    private static final Logger LOG = LoggerFactory.getLogger(MeasuredFigures.class);
    /** The longest look-back of the substitution rules (HJ 75: 2160 valid hours) plus room for invalid ones. */
    public static final Duration HISTORY = Duration.ofDays(120);
    /** The suffix of the node that stores a measured emission's daily capture rate. */
    public static final String CAPTURE_RATE = "_capture_rate";

    private final Site site;
    private final Site view;
    private final Measurement measurement;
    private final Store store;

    public MeasuredFigures(Site site, Store store) {
        this.site = site;
        this.view = site.measurementView().orElseThrow(() -> new IllegalArgumentException(
                "site " + site.identity().siteId() + " has no measurement: block"));
        this.measurement = site.measurement().orElseThrow();
        this.store = store;
    }

    /**
     * The figures of the hours in [from, to) (hour boundaries of the site's zone), for every compared
     * measured emission, at {@code now}.
     */
    public List<BucketResult> hours(Instant from, Instant to, Instant now) {
        return hours(from, to, now, "");
    }

    /**
     * As {@link #hours(Instant, Instant, Instant)}, with {@code because} appended to every figure's reason (a recompute
     * names the QA record that caused it; the reason of a changed figure is its revision's).
     */
    public List<BucketResult> hours(Instant from, Instant to, Instant now, String because) {
        TimeRange range = TimeRange.of(from, to);
        List<QaRecord> records = store.qa().between(TimeRange.of(from.minus(HISTORY), to));
        List<QaRecord> excluded = records.stream().filter(QaRecord::excludesData).filter(q -> q.to().isAfter(from)).toList();
        IncrementalEvaluator evaluator = EvaluatorFactory.create(view);
        List<HourFlags.Flagged> flags = new ArrayList<>();
        Replay.scanBound(view, store.readings(), range, r -> {
            PointBinding b = view.binding(r.pointId()).orElse(null);
            if (b == null) {
                return;
            }
            Optional<QaRecord> qa = excluded.stream().filter(q -> q.covers(r.pointId(), r.measuredAt())).findFirst();
            Observation o = Replay.observation(r, b);
            if (qa.isPresent()) {
                o = new Observation(o.timestamp(), o.input(), o.key(), Double.NaN, o.unit(), Quality.MISSING);
                flags.add(new HourFlags.Flagged(r.measuredAt(), qa.get().flag()));
            } else {
                FlaggedPeriods.flag(r).ifPresent(f -> flags.add(new HourFlags.Flagged(r.measuredAt(), f)));
            }
            try {
                evaluator.accept(o);
            } catch (RuntimeException e) {
                LOG.warn("measurement: reading {} not evaluated: {}", r.idempotencyKey(), e.getMessage());
            }
        });
        HourFlags reasons = HourFlags.of(flags, site.zone());
        List<BucketResult> out = new ArrayList<>();
        for (Measurement.Comparison c : measurement.comparisons()) {
            Node node = view.graph().node(c.measured()).orElseThrow();
            String unit = node.unit().text();
            List<HourRecord> period = new ArrayList<>();
            List<String> notes = new ArrayList<>();
            for (HourRecord h : MeasuredHours.of(evaluator, c.measured(), c.measuredKey(), from, to, measurement.validity(), reasons)) {
                Optional<QaRecord> failed = h.status() != HourStatus.VALID ? Optional.empty()
                        : QaChecks.outOfControl(records, measurement.bindings().keySet(), h.start(),
                        TimeBucket.of(Grain.HOUR, h.start(), site.zone()).end());
                period.add(failed.isEmpty() ? h : new HourRecord(h.start(), HourStatus.INVALID, Double.NaN, h.validMinutes()));
                notes.add(failed.map(f -> "; out of control (HJ 75-2017 失控, second-hand) after " + QaChecks.describe(f)).orElse(""));
            }
            List<HourRecord> history = stored(c, TimeRange.of(from.minus(HISTORY), from));
            CaptureRate quarter = CaptureRate.of(quarterSoFar(history, period, from));
            List<HourFigure> figures = HourlyFigures.of(history, period, quarter, measurement.substitution());
            for (int i = 0; i < figures.size(); i++) {
                HourFigure f = figures.get(i);
                TimeBucket hour = TimeBucket.of(Grain.HOUR, f.start(), site.zone());
                out.add(BucketResult.of(c.measured(), c.measuredKey(), hour, f.quality() == Quality.MISSING ? 0 : f.value(), unit,
                        f.quality(), period.get(i).validMinutes() / 60.0, measurement.methodology(), now,
                        f.provenance() + notes.get(i) + because));
            }
            for (ResultValue v : evaluator.results(Grain.FIFTEEN_MINUTES, from, to, java.util.Set.of(c.measured()))) {
                if (v.key().equals(c.measuredKey())) {
                    StoredFigures.of(v, measurement.methodology(), now, "measured: the sum of the valid minutes" + because).ifPresent(out::add);
                }
            }
            out.addAll(days(c, unit, from, to, out, now, because));
        }
        return out;
    }

    /** The days that end inside (from, to]: their sum of hourly figures and their capture rate. */
    private List<BucketResult> days(Measurement.Comparison c, String unit, Instant from, Instant to, List<BucketResult> fresh, Instant now,
                                    String because) {
        List<BucketResult> out = new ArrayList<>();
        for (TimeBucket day = TimeBucket.of(Grain.DAY, from, site.zone()); !day.end().isAfter(to); day = day.next()) {
            if (!day.end().isAfter(from)) {
                continue;
            }
            List<BucketResult> hours = new ArrayList<>();
            for (StoredResult s : store.results().current(c.measured(), c.measuredKey(), Grain.HOUR, TimeRange.of(day.start(), from))) {
                if (!s.result().bucketStart().isBefore(day.start())) {
                    hours.add(s.result());
                }
            }
            TimeBucket d = day;
            fresh.stream().filter(r -> r.nodeId().equals(c.measured()) && r.key().equals(c.measuredKey()) && r.grain() == Grain.HOUR
                    && !r.bucketStart().isBefore(d.start()) && r.bucketStart().isBefore(d.end())).forEach(hours::add);
            if (hours.isEmpty()) {
                continue;
            }
            double sum = 0;
            int measured = 0;
            int substituted = 0;
            int missing = 0;
            for (BucketResult h : hours) {
                sum += h.value();
                switch (h.quality()) {
                    case SUBSTITUTED -> substituted++;
                    case MISSING -> missing++;
                    default -> measured++;
                }
            }
            int expected = (int) Duration.between(day.start(), day.end()).toHours();
            missing += Math.max(0, expected - hours.size());
            Quality q = missing > 0 ? Quality.MISSING : substituted > 0 ? Quality.SUBSTITUTED : Quality.MEASURED;
            CaptureRate alpha = CaptureRate.of(hours.stream().map(HourStatusText::record).toList());
            String why = String.format(Locale.ROOT, "sum of %d hourly figures: %d measured, %d substituted, %d missing; capture rate %.1f %%",
                    expected, measured, substituted, missing, alpha.percent()) + because;
            out.add(BucketResult.of(c.measured(), c.measuredKey(), day, sum, unit, q, (double) measured / expected,
                    measurement.methodology(), now, why));
            if (!Double.isNaN(alpha.rate())) {
                out.add(BucketResult.of(c.measured() + CAPTURE_RATE, c.measuredKey(), day, alpha.percent(), "%", Quality.MEASURED,
                        (double) hours.size() / expected, measurement.methodology(), now,
                        String.format(Locale.ROOT, "α = (T − T_stopped − T_invalid)/(T − T_stopped) over %d hours: %d stopped, %d not valid",
                                alpha.hours(), alpha.stopped(), alpha.invalid()) + because));
            }
        }
        return out;
    }

    /** The stored hourly figures of a measured emission in {@code range}, as hours. */
    List<HourRecord> stored(Measurement.Comparison c, TimeRange range) {
        return store.results().current(c.measured(), c.measuredKey(), Grain.HOUR, range).stream()
                .map(s -> HourStatusText.record(s.result())).toList();
    }

    /** The hours of the local quarter up to the end of {@code period}: HJ 75 keys substitution on the quarter's capture rate. */
    private List<HourRecord> quarterSoFar(List<HourRecord> history, List<HourRecord> period, Instant from) {
        ZonedDateTime local = from.atZone(site.zone());
        LocalDate quarterStart = LocalDate.of(local.getYear(), ((local.getMonthValue() - 1) / 3) * 3 + 1, 1);
        Instant start = quarterStart.atStartOfDay(site.zone()).toInstant();
        List<HourRecord> out = new ArrayList<>(history.stream().filter(h -> !h.start().isBefore(start)).toList());
        out.addAll(period);
        return out;
    }
}
