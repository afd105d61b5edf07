package io.tanhe.server.terminal.operations;

import io.tanhe.server.measurement.MeasurementJob;
import io.tanhe.server.measurement.QaChecks;
import io.tanhe.server.security.access.Actor;
import io.tanhe.server.security.audit.AuditEvent;
import io.tanhe.server.security.audit.AuditOutcome;
import io.tanhe.server.security.audit.AuditTrail;
import io.tanhe.server.site.Measurement;
import io.tanhe.server.site.Site;
import io.tanhe.server.store.QaKind;
import io.tanhe.server.store.QaRecord;
import io.tanhe.server.store.QaStore;
import io.tanhe.server.store.TimeRange;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Quality-assurance records entered by hand (docs/cems.md): zero and span calibrations with their drift judged
 * against a limit, calibration and maintenance periods (their readings leave the measured figures), the paired
 * runs of a relative-accuracy audit, and the audit itself, computed from the runs stored for its point and
 * period. Every entry is audited; one that changes hours already stored recomputes them at once
 * ({@link MeasurementJob#recomputeFor}), each changed figure keeping its earlier value as a revision that names
 * the record.
 */
public final class QaEntries {
    private static final int MAX_NOTE = 1000;
    /** How far ahead of the terminal's clock a record may end (clocks of a hand-held calibrator drift). */
    private static final Duration FUTURE = Duration.ofMinutes(5);

    private final Supplier<Site> site;
    private final QaStore qa;
    private final Supplier<Optional<MeasurementJob>> job;
    private final Supplier<Optional<Instant>> latestReading;
    private final AuditTrail audit;
    private final Clock clock;

    /** {@code latestReading}: the measurement time of the latest stored reading (a simulated plant may run ahead of the clock). */
    public QaEntries(Supplier<Site> site, QaStore qa, Supplier<Optional<MeasurementJob>> job, Supplier<Optional<Instant>> latestReading,
                     AuditTrail audit, Clock clock) {
        this.site = site;
        this.qa = qa;
        this.job = job;
        this.latestReading = latestReading;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * What an entry did.
     *
     * @param record     the record as stored, with its id and (for checks) result and limit
     * @param recomputed the stored hours recomputed because of it; empty when none were affected or no job runs
     * @param already    the same record was stored before (a repeated request): nothing was stored or recomputed
     */
    public record Added(QaRecord record, Optional<Recomputed> recomputed, boolean already) {
    }

    /**
     * The stored hours a record recomputed (the API's view of {@link MeasurementJob.Recomputed}).
     *
     * @param from    the first hour recomputed
     * @param to      the end of the last
     * @param revised how many stored figures changed
     */
    public record Recomputed(Instant from, Instant to, int revised) {
    }

    /**
     * Stores {@code input} as {@code actor}'s record.
     *
     * @throws OperationRefused naming the field at fault: an unknown {@code kind} or {@code point}, {@code to} not after
     *                          {@code from} or in the future, a missing {@code reference}/{@code measured}/{@code range},
     *                          an audit without 3 stored runs ({@code from}), a {@code note} too long; 503 when the site has
     *                          no {@code measurement:} block
     */
    public Added add(Actor actor, QaInput input) {
        Measurement m = site.get().measurement().orElseThrow(() -> refuse(actor, input, OperationRefused.Reason.UNAVAILABLE, "kind",
                "site " + site.get().identity().siteId() + " has no measurement: block, so there is no CEMS to record QA for"
                        + " (docs/cems.md, \"Both methods for one site\")"));
        QaKind kind = QaKind.of(input.kind()).orElseThrow(() -> bad(actor, input, "kind", "`" + input.kind() + "` is not a QA kind; say one of "
                + String.join(", ", Arrays.stream(QaKind.values()).map(QaKind::label).toList())));
        if (!input.point().isEmpty() && !m.bindings().containsKey(input.point())) {
            throw bad(actor, input, "point", "`" + input.point() + "` is not a point of the measurement method; its points are "
                    + String.join(", ", m.bindings().keySet()) + " (leave it empty for every point)");
        }
        if (!input.to().isAfter(input.from())) {
            throw bad(actor, input, "to", "`to` (" + input.to() + ") must be after `from` (" + input.from() + ")");
        }
        Instant now = clock.instant();
        Instant latest = latestReading.get().filter(t -> t.isAfter(now)).orElse(now);
        if (input.to().isAfter(latest.plus(FUTURE))) {
            throw bad(actor, input, "to", "`to` (" + input.to() + ") is in the future (the terminal's clock and its latest reading say "
                    + latest + "); enter a record once it has ended");
        }
        if (input.note().length() > MAX_NOTE) {
            throw bad(actor, input, "note", "the note has " + input.note().length() + " characters; at most " + MAX_NOTE + " are kept");
        }
        String source = "manual:" + actor.name();
        QaRecord record = switch (kind) {
            case ZERO_CALIBRATION, SPAN_CALIBRATION -> {
                required(actor, input, "reference", input.reference(), "the calibration gas's value");
                required(actor, input, "measured", input.measured(), "what the analyser read");
                required(actor, input, "range", input.range(), "the analyser's range, for the drift in % of it");
                if (!(input.range() > 0)) {
                    throw bad(actor, input, "range", "the range must be above 0, not " + input.range());
                }
                double drift = (input.measured() - input.reference()) / input.range() * 100;
                yield new QaRecord(0, kind, input.point(), input.from(), input.to(), input.reference(), input.measured(), input.range(),
                        drift, limit(actor, input, m.qaLimits().driftLimit()), source, input.note(), now);
            }
            case RA_RUN -> {
                required(actor, input, "reference", input.reference(), "the reference method's value of the run");
                required(actor, input, "measured", input.measured(), "the CEMS's value over the same period");
                yield new QaRecord(0, kind, input.point(), input.from(), input.to(), input.reference(), input.measured(), Double.NaN,
                        Double.NaN, Double.NaN, source, input.note(), now);
            }
            case RA_AUDIT -> {
                try {
                    yield QaChecks.audit(qa.between(TimeRange.of(input.from(), input.to())), input.point(), input.from(), input.to(),
                            limit(actor, input, m.qaLimits().raLimit()), source, input.note(), now);
                } catch (IllegalArgumentException e) {
                    throw bad(actor, input, "from", e.getMessage());
                }
            }
            case CALIBRATION, MAINTENANCE -> new QaRecord(0, kind, input.point(), input.from(), input.to(), Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN, source, input.note(), now);
        };
        Optional<QaRecord> same = qa.between(TimeRange.of(record.from(), record.to())).stream().filter(q -> sameRecord(q, record)).findFirst();
        if (same.isPresent()) {
            return new Added(same.get(), Optional.empty(), true); // a client repeating a request whose answer it lost
        }
        QaRecord stored = qa.add(record);
        Optional<Recomputed> recomputed = job.get().map(j -> j.recomputeFor(stored)).filter(r -> r.to().isAfter(r.from()))
                .map(r -> new Recomputed(r.from(), r.to(), r.revised()));
        record(actor, input, AuditOutcome.SUCCESS, "record #" + stored.id()
                + (Double.isNaN(stored.result()) ? "" : String.format(Locale.ROOT, ", result %.4g %%", stored.result()))
                + stored.passed().map(p -> p ? ", passed" : ", FAILED").orElse("")
                + recomputed.map(r -> "; recomputed " + r.from() + " – " + r.to() + ", " + r.revised() + " figures revised").orElse(""));
        return new Added(stored, recomputed, false);
    }

    /** The same entry: kind, point, period, numbers, source and note (the time it was recorded aside). */
    private static boolean sameRecord(QaRecord a, QaRecord b) {
        return a.kind() == b.kind() && a.pointId().equals(b.pointId()) && a.from().equals(b.from()) && a.to().equals(b.to())
                && same(a.reference(), b.reference()) && same(a.measured(), b.measured()) && same(a.range(), b.range())
                && same(a.limit(), b.limit()) && a.source().equals(b.source()) && a.note().equals(b.note());
    }

    private static boolean same(double a, double b) {
        return Double.compare(a, b) == 0;
    }

    /** The records whose period overlaps [from, to), by start. */
    public List<QaRecord> between(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            throw OperationRefused.badInput("to", "`to` (" + to + ") must be after `from` (" + from + ")");
        }
        return qa.between(TimeRange.of(from, to));
    }

    private double limit(Actor actor, QaInput input, double siteLimit) {
        if (Double.isNaN(input.limit())) {
            return siteLimit;
        }
        if (!(input.limit() > 0 && input.limit() <= 100)) {
            throw bad(actor, input, "limit", "the limit is a percentage above 0 and at most 100, not " + input.limit());
        }
        return input.limit();
    }

    private void required(Actor actor, QaInput input, String field, double value, String what) {
        if (!Double.isFinite(value)) {
            throw bad(actor, input, field, "`" + field + "` is required for a " + input.kind() + ": " + what);
        }
    }

    private OperationRefused bad(Actor actor, QaInput input, String field, String message) {
        return refuse(actor, input, OperationRefused.Reason.BAD_INPUT, field, message);
    }

    private OperationRefused refuse(Actor actor, QaInput input, OperationRefused.Reason reason, String field, String message) {
        record(actor, input, AuditOutcome.FAILURE, field + ": " + message);
        return new OperationRefused(reason, field, message);
    }

    private void record(Actor actor, QaInput input, AuditOutcome outcome, String detail) {
        audit.record(new AuditEvent(clock.instant(), actor.name(), actor.role(), actor.source(), "qa.add",
                input.kind() + " " + (input.point().isEmpty() ? "(every point)" : input.point()) + " " + input.from() + " – " + input.to(),
                outcome, detail.length() > 1500 ? detail.substring(0, 1500) + "…" : detail));
    }
}
