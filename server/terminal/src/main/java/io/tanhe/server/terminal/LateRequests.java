package io.tanhe.server.terminal;

import io.tanhe.server.evaluation.Replay;
import io.tanhe.engine.time.PeriodSettings;
import io.tanhe.engine.time.TimeBucket;
import io.tanhe.grammar.ast.Decl;
import io.tanhe.server.site.PointBinding;
import io.tanhe.server.site.Site;
import io.tanhe.server.store.LateData;
import io.tanhe.server.store.RecomputeQueue;
import io.tanhe.server.store.StoredReading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Records which closed days newly stored readings affect, as requests in the store's
 * {@link RecomputeQueue}, before the evaluation thread acknowledges the readings: a kill -9 cannot
 * leave an acknowledged late reading without its request.
 *
 * <p>Which days a reading affects:
 * <ul>
 *   <li>a counter or rate reading measured before the open window: its own day, and the day before or
 *       after when it lies within {@link Replay#NEIGHBOUR_LOOKBACK} of midnight (the interval to its
 *       neighbour may cross it). A neighbouring day that is still open is requested too: the live
 *       evaluator never saw the reading, and the request waits until that day has closed;</li>
 *   <li>a per-period value: every day of its period before the open window, whether or not the
 *       period reaches into the window (a lab value for the current month also changes its closed days).</li>
 * </ul>
 * Requesting a day the reading turns out not to change costs a recompute that writes nothing.
 */
final class LateRequests {
    private static final Logger LOG = LoggerFactory.getLogger(LateRequests.class);

    private final Site site;
    private final RecomputeQueue queue;
    private final Clock wallClock;

    LateRequests(Site site, RecomputeQueue queue, Clock wallClock) {
        this.site = site;
        this.queue = queue;
        this.wallClock = wallClock;
    }

    /** A reading just stored, with the binding it feeds. */
    record Stored(StoredReading reading, PointBinding binding) {
    }

    /**
     * Records, in one transaction, the requests for {@code readings} given the open window's start
     * (none before the window has one). Returns how many requests were recorded.
     */
    int record(List<Stored> readings, Optional<Instant> windowFrom) {
        if (windowFrom.isEmpty()) {
            return 0;
        }
        Map<String, LateData> byDayAndPoint = new LinkedHashMap<>();
        for (Stored s : readings) {
            for (LocalDate day : affectedDays(s.reading(), s.binding(), windowFrom.get())) {
                byDayAndPoint.merge(day + " " + s.reading().pointId(), new LateData(day, s.reading().pointId(), 1,
                        s.reading().receivedAt()), LateRequests::merge);
            }
        }
        if (byDayAndPoint.isEmpty()) {
            return 0;
        }
        List<LateData> late = new ArrayList<>(byDayAndPoint.values());
        queue.request(late, wallClock.instant());
        LOG.info("late data: {} recompute requests recorded for days {} … {} (open window from {})", late.size(),
                late.stream().map(LateData::day).min(LocalDate::compareTo).orElseThrow(),
                late.stream().map(LateData::day).max(LocalDate::compareTo).orElseThrow(), windowFrom.get());
        return late.size();
    }

    /** The local days before or around the open window whose stored results {@code r} may change. */
    List<LocalDate> affectedDays(StoredReading r, PointBinding binding, Instant windowFrom) {
        if (binding == null) {
            return List.of();
        }
        ZoneId zone = site.zone();
        if (binding.kind() == Decl.InputKind.PERIOD) {
            TimeBucket period = TimeBucket.of(((PeriodSettings) binding.settings()).period(), r.measuredAt(), zone);
            Instant end = period.end().isBefore(windowFrom) ? period.end() : windowFrom;
            return period.start().isBefore(end) ? days(period.start(), end.minusNanos(1), zone) : List.of();
        }
        if (!r.measuredAt().isBefore(windowFrom)) {
            return List.of();
        }
        return days(r.measuredAt().minus(Replay.NEIGHBOUR_LOOKBACK), r.measuredAt().plus(Replay.NEIGHBOUR_LOOKBACK), zone);
    }

    private static List<LocalDate> days(Instant first, Instant last, ZoneId zone) {
        List<LocalDate> out = new ArrayList<>();
        LocalDate end = last.atZone(zone).toLocalDate();
        for (LocalDate d = first.atZone(zone).toLocalDate(); !d.isAfter(end); d = d.plusDays(1)) {
            out.add(d);
        }
        return out;
    }

    private static LateData merge(LateData a, LateData b) {
        return new LateData(a.day(), a.pointId(), a.readings() + b.readings(),
                a.firstReceivedAt().isBefore(b.firstReceivedAt()) ? a.firstReceivedAt() : b.firstReceivedAt());
    }
}
