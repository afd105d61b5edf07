package io.tanhe.server.measurement;

import io.tanhe.engine.cems.RelativeAccuracy;
import io.tanhe.server.store.QaKind;
import io.tanhe.server.store.QaRecord;

import java.time.Instant;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What the QA records say about the measured data: a relative-accuracy audit computed from the stored
 * paired runs, and whether an hour lies in an out-of-control period — after a zero, span or RA check of a
 * measurement point that failed its limit and before the next check of the same kind and point that
 * passed. HJ 75-2017 (as the platform of reference/cems.md S4 implements it, second-hand) treats the data
 * of such a period (失控时段) as invalid and substitutes them; the measured figures do the same.
 */
public final class QaChecks {
    /** The kinds whose result is judged against a limit. */
    private static final Set<QaKind> CHECKS = EnumSet.of(QaKind.ZERO_CALIBRATION, QaKind.SPAN_CALIBRATION, QaKind.RA_AUDIT);

    private QaChecks() {
    }

    /**
     * The relative-accuracy audit of {@code point} over [from, to] from the stored paired runs ({@code ra_run}
     * records of the point whose period lies inside it): RA and RE in %, the reference and CEMS means, the
     * statistics in the note. The t value is the two-sided 95 % Student t for n − 1 degrees of freedom
     * ({@link RelativeAccuracy#t}).
     *
     * @param limit the RA limit in %, NaN for none
     * @throws IllegalArgumentException naming the runs found when there are fewer than 3, or their reference mean is 0
     */
    public static QaRecord audit(List<QaRecord> stored, String point, Instant from, Instant to, double limit, String source,
                                 String note, Instant now) {
        List<QaRecord> runs = stored.stream()
                .filter(r -> r.kind() == QaKind.RA_RUN && r.pointId().equals(point) && !r.from().isBefore(from) && !r.to().isAfter(to))
                .sorted(Comparator.comparing(QaRecord::from)).toList();
        if (runs.size() < 3) {
            throw new IllegalArgumentException("point " + (point.isEmpty() ? "(every point)" : point) + " has " + runs.size()
                    + " stored ra_run record(s) between " + from + " and " + to + "; an audit needs at least 3 paired runs"
                    + " (HJ 75 asks for 9 or more, second-hand): enter them first with kind ra_run");
        }
        RelativeAccuracy ra = RelativeAccuracy.of(runs.stream().map(r -> new RelativeAccuracy.Run(r.reference(), r.measured())).toList());
        double cemsMean = ra.meanRef() * (1 + ra.re());
        String stats = String.format(Locale.ROOT, "n = %d runs (#%s), d̄ = %.6g, S_d = %.6g, t(%d) = %.3f, cc = %.6g, RE = %.3f %%",
                ra.runs(), String.join(", #", runs.stream().map(r -> Long.toString(r.id())).toList()), ra.meanDiff(), ra.sd(),
                ra.runs() - 1, RelativeAccuracy.t(ra.runs() - 1), ra.cc(), ra.re() * 100);
        return new QaRecord(0, QaKind.RA_AUDIT, point, from, to, ra.meanRef(), cemsMean, Double.NaN, ra.ra() * 100, limit, source,
                note.isEmpty() ? stats : stats + "; " + note, now);
    }

    /**
     * The failed check that puts the hour [start, end) of a measurement out of control, if any: the latest check of
     * {@code points} (or of every point) that failed and ended before {@code end}, with no passing check of the same
     * kind and point after it that ended by {@code start}.
     */
    public static Optional<QaRecord> outOfControl(List<QaRecord> records, Set<String> points, Instant start, Instant end) {
        return records.stream()
                .filter(r -> CHECKS.contains(r.kind()) && (r.pointId().isEmpty() || points.contains(r.pointId())))
                .filter(r -> r.passed().equals(Optional.of(false)) && r.to().isBefore(end))
                .filter(r -> records.stream().noneMatch(p -> p.kind() == r.kind() && p.pointId().equals(r.pointId())
                        && p.passed().equals(Optional.of(true)) && !p.from().isBefore(r.to()) && !p.to().isAfter(start)))
                .max(Comparator.comparing(QaRecord::to));
    }

    /** {@code ra_audit #7 of stack1.co2 ended 2026-06-01T10:00Z: 12.4 % > limit 10 %}. */
    public static String describe(QaRecord r) {
        return String.format(Locale.ROOT, "%s #%d of %s ended %s: %.3g %% %s limit %.3g %%", r.kind().label(), r.id(),
                r.pointId().isEmpty() ? "every point" : r.pointId(), r.to(), r.result(),
                r.passed().orElse(true) ? "≤" : ">", r.limit());
    }
}
