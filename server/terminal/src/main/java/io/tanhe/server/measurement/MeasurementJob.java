package io.tanhe.server.measurement;

import io.tanhe.drivers.config.ConfiguredSource;
import io.tanhe.drivers.config.PointSettings;
import io.tanhe.engine.time.Grain;
import io.tanhe.engine.time.TimeBucket;
import io.tanhe.server.evaluation.BackgroundThread;
import io.tanhe.server.site.Measurement;
import io.tanhe.server.site.Site;
import io.tanhe.server.store.BucketResult;
import io.tanhe.server.store.QaRecord;
import io.tanhe.server.store.Store;
import io.tanhe.server.store.StoredReading;
import io.tanhe.server.store.StoredResult;
import io.tanhe.server.store.TimeRange;
import io.tanhe.server.store.WriteOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The running terminal's measurement method: on a low-priority daemon thread, computes and stores
 * the figures of every hour that has closed ({@link MeasuredFigures}) — an hour is closed when the
 * stored readings reach {@code close_after} past its end — at most a day of hours at a time. It
 * continues after the last hour stored for the first compared emission; on a fresh store it starts
 * with the hour of the first measurement reading of the last two days. Before the figures, the
 * calibration and maintenance runs the data logger flagged that end in the batch are stored as QA
 * records ({@link FlaggedPeriods}). Live evaluation is untouched:
 * this reads the store and writes results, like the recompute of closed days.
 */
public final class MeasurementJob implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MeasurementJob.class);
    private static final Duration FIRST_LOOKBACK = Duration.ofDays(2);
    private static final Duration BATCH = Duration.ofDays(1);
    /** How far before a batch a calibration or maintenance run that ends in it is followed back to its start. */
    private static final Duration FLAG_LOOKBACK = Duration.ofHours(3);
    /** Where a run in progress at a batch's start is looked for first (the data logger sends every few seconds). */
    private static final Duration NEAR = Duration.ofMinutes(2);

    private final Site site;
    private final Store store;
    private final Clock wallClock;
    private final MeasuredFigures figures;
    private final Measurement.Comparison first;
    private final Duration idle;
    /** The points of the sources that feed the measurement but no measurement input: where the analysers' calibration reports arrive. */
    private final Set<String> informationPoints;
    private final BackgroundThread thread;
    /** The start of the first hour not yet stored; null until known. */
    private Instant next;

    private MeasurementJob(Site site, Store store, Clock wallClock, Duration idle) {
        this.site = site;
        this.store = store;
        this.wallClock = wallClock;
        this.figures = new MeasuredFigures(site, store);
        this.first = site.measurement().orElseThrow().comparisons().getFirst();
        this.idle = idle;
        this.informationPoints = informationPoints(site);
        this.thread = new BackgroundThread("tanhe-measurement", this::run);
    }

    /** Starts the job for a site with a {@code measurement:} block that compares at least one emission; empty otherwise. */
    public static Optional<MeasurementJob> start(Site site, Store store, Clock wallClock, Duration idle) {
        if (site.measurement().isEmpty() || site.measurement().get().comparisons().isEmpty()) {
            return Optional.empty();
        }
        MeasurementJob job = new MeasurementJob(site, store, wallClock, idle);
        job.thread.start();
        return Optional.of(job);
    }

    private void run() {
        while (!thread.closed()) {
            boolean more = false;
            try {
                more = step();
            } catch (RuntimeException e) {
                LOG.error("measurement figures of site {} failed, retrying in {}: {}", site.identity().siteId(), idle, e.toString());
            }
            if (!more) {
                thread.pause(idle);
            }
        }
    }

    /**
     * Stores the figures of the closed hours after the last stored one, at most a day of them.
     *
     * @return true when closed hours remain
     */
    synchronized boolean step() {
        Optional<Instant> latest = store.readings().latestMeasuredAt();
        if (latest.isEmpty()) {
            return false;
        }
        Instant closedUntil = closedUntil(latest.get());
        if (next == null) {
            next = resumePoint(latest.get()).orElse(null);
            if (next == null) {
                return false;
            }
        }
        if (!next.isBefore(closedUntil)) {
            return false;
        }
        Instant to = next.plus(BATCH).isBefore(closedUntil) ? next.plus(BATCH) : closedUntil;
        Instant now = wallClock.instant();
        List<StoredReading> flagged = new ArrayList<>();
        for (String point : site.measurement().orElseThrow().bindings().keySet()) {
            flagged.addAll(runInProgress(point, next));
            flagged.addAll(store.readings().readings(point, TimeRange.of(next, to)));
        }
        for (QaRecord r : FlaggedPeriods.of(flagged, site.measurement().orElseThrow().bindings().keySet(), next, now)) {
            store.qa().add(r);
        }
        List<StoredReading> information = new ArrayList<>();
        for (String point : informationPoints) {
            information.addAll(store.readings().readings(point, TimeRange.of(next, to)));
        }
        if (!information.isEmpty()) {
            List<QaRecord> known = store.qa().between(TimeRange.of(next.minus(Duration.ofDays(1)), to));
            for (QaRecord r : CalibrationReports.of(information, known, now)) {
                store.qa().add(r);
            }
        }
        List<BucketResult> results = figures.hours(next, to, now);
        store.results().writeAll(results).join();
        LOG.info("measurement: stored {} figures of {} hours from {} of site {}", results.size(),
                Duration.between(next, to).toHours(), next, site.identity().siteId());
        next = to;
        return next.isBefore(closedUntil);
    }

    /**
     * The readings of {@code point} before {@code from} that {@link FlaggedPeriods} needs to see a calibration or
     * maintenance run that ends at or after it whole: the trailing run of readings with the last reading's C or M flag,
     * followed back at most {@link #FLAG_LOOKBACK}; none when the last reading before {@code from} has another flag. What
     * the run's start is read from: the last {@link #NEAR} first, the whole look-back only when the run (or the silence
     * before {@code from}) fills it — reading the three hours before every batch was most of what the job read.
     */
    private List<StoredReading> runInProgress(String point, Instant from) {
        Instant earliest = from.minus(FLAG_LOOKBACK);
        List<StoredReading> near = store.readings().readings(point, TimeRange.of(from.minus(NEAR), from));
        List<StoredReading> run = trailingRun(near);
        if (!near.isEmpty() && run.size() < near.size()) {
            return run;
        }
        return trailingRun(store.readings().readings(point, TimeRange.of(earliest, from)));
    }

    /** The readings at the end of {@code readings} (oldest first) that carry the last one's C or M flag. */
    private static List<StoredReading> trailingRun(List<StoredReading> readings) {
        if (readings.isEmpty()) {
            return List.of();
        }
        Optional<Character> flag = FlaggedPeriods.flag(readings.getLast());
        if (flag.isEmpty() || (flag.get() != 'C' && flag.get() != 'M')) {
            return List.of();
        }
        int start = readings.size() - 1;
        while (start > 0 && FlaggedPeriods.flag(readings.get(start - 1)).equals(flag)) {
            start--;
        }
        return readings.subList(start, readings.size());
    }

    /**
     * The end of the hours closed for the measurement method: closed once every analyser point has readings
     * {@code closeAfter} past the hour (a data logger may lag the meters, and an hour stored before its minutes
     * arrived would stay wrong), but never held back more than the late window behind the site's latest reading
     * (an analyser that stopped sending must not stop its hours from being stored as missing or substituted).
     */
    private Instant closedUntil(Instant latest) {
        Instant analysers = latest;
        for (String point : site.measurement().orElseThrow().bindings().keySet()) {
            Optional<Instant> p = store.readings().latestMeasuredAt(point);
            if (p.isPresent() && p.get().isBefore(analysers)) {
                analysers = p.get();
            }
        }
        Instant byAnalysers = TimeBucket.of(Grain.HOUR, analysers.minus(site.closeAfter()), site.zone()).start();
        Instant byLateWindow = TimeBucket.of(Grain.HOUR, latest.minus(site.lateWindow()).minus(site.closeAfter()), site.zone()).start();
        return byAnalysers.isAfter(byLateWindow) ? byAnalysers : byLateWindow;
    }

    /**
     * What a recompute after a late QA record did.
     *
     * @param from    the first hour recomputed
     * @param to      the end of the last hour recomputed (equal to {@code from} when no stored hour was affected)
     * @param revised how many stored figures changed (each keeps its earlier value as a revision naming the record)
     */
    public record Recomputed(Instant from, Instant to, int revised) {
    }

    /**
     * Recomputes the stored hours a QA record entered late affects, a day at a time, so their figures are what they
     * would have been had the record been there when the hour closed: from the first stored hour of the local day where
     * the record begins, to the end of the day where it ends for a calibration or maintenance period, or to the last
     * stored hour for a failed check (the out-of-control period lasts until a check passes) and for a passing check
     * that ends an out-of-control period ({@link QaChecks#outOfControl}). Hours not stored yet
     * are left to the job, which reads the record when they close. Runs under the job's lock, so it never
     * interleaves with a batch.
     */
    public synchronized Recomputed recomputeFor(QaRecord record) {
        boolean failed = record.passed().equals(Optional.of(false));
        boolean endsFailure = record.passed().equals(Optional.of(true)) && QaChecks.outOfControl(
                store.qa().between(TimeRange.of(record.from().minus(Duration.ofDays(400)), record.from())).stream()
                        .filter(r -> r.id() != record.id()).toList(),
                site.measurement().orElseThrow().bindings().keySet(), record.from(), record.to()).isPresent();
        Instant dayStart = TimeBucket.of(Grain.DAY, record.from(), site.zone()).start();
        Optional<Instant> stored = storedEnd();
        if ((!record.excludesData() && !failed && !endsFailure) || stored.isEmpty() || !dayStart.isBefore(stored.get())) {
            return new Recomputed(dayStart, dayStart, 0);
        }
        // from the first hour stored that day: the hours before the data began were never figures, and must not become invalid ones
        Optional<Instant> firstStored = store.results().current(first.measured(), first.measuredKey(), Grain.HOUR,
                TimeRange.of(dayStart, stored.get())).stream().findFirst().map(r -> r.result().bucketStart());
        if (firstStored.isEmpty()) {
            return new Recomputed(dayStart, dayStart, 0);
        }
        Instant from = firstStored.get();
        Instant end = failed || endsFailure ? stored.get() : TimeBucket.of(Grain.DAY, record.to().minusNanos(1), site.zone()).end();
        Instant to = end.isBefore(stored.get()) ? end : stored.get();
        String because = "; recomputed after QA record #" + record.id() + " (" + record.kind().label() + " "
                + record.from() + " – " + record.to() + ", " + record.source() + ")";
        int revised = 0;
        Instant now = wallClock.instant();
        for (Instant a = from; a.isBefore(to); ) {
            Instant b = a.plus(BATCH).isBefore(to) ? a.plus(BATCH) : to;
            revised += (int) store.results().writeAll(figures.hours(a, b, now, because)).join().stream()
                    .filter(o -> o == WriteOutcome.REVISED).count();
            a = b;
        }
        LOG.info("measurement: QA record #{} ({}) recomputed the hours {} – {} of site {}: {} figures revised", record.id(),
                record.kind().label(), from, to, site.identity().siteId(), revised);
        return new Recomputed(from, to, revised);
    }

    /**
     * Recomputes the stored hours of {@code day} after late readings changed it (the accounting method's recompute of
     * the same day: readings a data logger sent after an outage, when the platform retrieved its gap), so its hours are
     * what they would have been had the readings come on time; each changed figure keeps its earlier value as a revision.
     *
     * @return how many stored figures changed
     */
    public synchronized int recomputeDay(java.time.LocalDate day, String reason) {
        Instant dayStart = day.atStartOfDay(site.zone()).toInstant();
        Instant dayEnd = day.plusDays(1).atStartOfDay(site.zone()).toInstant();
        Optional<Instant> stored = storedEnd();
        if (stored.isEmpty() || !dayStart.isBefore(stored.get())) {
            return 0;
        }
        // from the first hour stored that day, as after a late QA record: hours before the data began were never figures
        Optional<Instant> firstStored = store.results().current(first.measured(), first.measuredKey(), Grain.HOUR,
                TimeRange.of(dayStart, stored.get())).stream().findFirst().map(r -> r.result().bucketStart());
        if (firstStored.isEmpty()) {
            return 0;
        }
        Instant to = dayEnd.isBefore(stored.get()) ? dayEnd : stored.get();
        int revised = (int) store.results().writeAll(figures.hours(firstStored.get(), to, wallClock.instant(), "; " + reason)).join()
                .stream().filter(o -> o == WriteOutcome.REVISED).count();
        if (revised > 0) {
            LOG.info("measurement: late readings of {} revised {} figures of site {} ({})", day, revised, site.identity().siteId(), reason);
        }
        return revised;
    }

    /** The end of the last hour stored for the first compared emission. */
    private Optional<Instant> storedEnd() {
        if (next != null) {
            return Optional.of(next);
        }
        return store.readings().latestMeasuredAt().flatMap(latest -> store.results().current(first.measured(), first.measuredKey(),
                Grain.HOUR, TimeRange.of(latest.minus(Duration.ofDays(400)), latest.plusSeconds(1))).stream()
                .reduce((a, b) -> b).map(s -> s.result().bucketEnd()));
    }

    private static Set<String> informationPoints(Site site) {
        Set<String> bound = site.measurement().orElseThrow().bindings().keySet();
        Set<String> out = new LinkedHashSet<>();
        for (ConfiguredSource s : site.drivers().sources()) {
            if (s.points().stream().anyMatch(p -> bound.contains(p.id()))) {
                s.points().stream().map(PointSettings::id).filter(id -> !bound.contains(id)).forEach(out::add);
            }
        }
        return Set.copyOf(out);
    }

    /** After the last stored hour of the first compared emission; else the hour of the first measurement reading of the last two days. */
    private Optional<Instant> resumePoint(Instant latest) {
        List<StoredResult> stored = store.results().current(first.measured(), first.measuredKey(), Grain.HOUR,
                TimeRange.of(latest.minus(Duration.ofDays(400)), latest.plusSeconds(1)));
        if (!stored.isEmpty()) {
            return Optional.of(stored.getLast().result().bucketEnd());
        }
        TimeRange recent = TimeRange.of(latest.minus(FIRST_LOOKBACK), latest.plusSeconds(1));
        Instant earliest = null;
        for (String point : site.measurement().orElseThrow().bindings().keySet()) {
            List<StoredReading> readings = store.readings().readings(point, recent);
            if (!readings.isEmpty() && (earliest == null || readings.getFirst().measuredAt().isBefore(earliest))) {
                earliest = readings.getFirst().measuredAt();
            }
        }
        return Optional.ofNullable(earliest).map(t -> TimeBucket.of(Grain.HOUR, t, site.zone()).start());
    }

    /** Stops after the batch in progress (the next start continues after the last stored hour). */
    @Override
    public void close() {
        thread.close(Duration.ofMinutes(1));
    }
}
