package io.tanhe.server.terminal.operations;

import io.tanhe.drivers.Quality;
import io.tanhe.drivers.Reading;
import io.tanhe.drivers.ReadingSink;
import io.tanhe.drivers.config.ConfiguredSource;
import io.tanhe.drivers.config.PointSettings;
import io.tanhe.drivers.manual.ManualEntrySource;
import io.tanhe.engine.time.PeriodSettings;
import io.tanhe.engine.time.TimeBucket;
import io.tanhe.grammar.ast.Decl;
import io.tanhe.server.security.access.Actor;
import io.tanhe.server.security.audit.AuditEvent;
import io.tanhe.server.security.audit.AuditOutcome;
import io.tanhe.server.security.audit.AuditTrail;
import io.tanhe.server.site.PointBinding;
import io.tanhe.server.site.Site;
import io.tanhe.server.store.ReadingStore;
import io.tanhe.server.store.StoredReading;
import io.tanhe.server.store.TimeRange;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Manual entry (§7.2.2): values for the points of the site's {@code type: manual} sources, with the
 * operator recorded. The value goes the way every reading goes (durably stored, then evaluated; a value for
 * a closed day is recomputed like any late reading) as a {@code MANUAL} reading whose detail names the
 * operator, the version and the comment.
 *
 * <p>A per-period input (a month's lab value) has one value per period: the first entry is stamped at the
 * period's start, a correction one millisecond after the latest, so that it wins in the period (the latest
 * value in a period counts, live and in every replay) while each earlier version stays stored. Entering the
 * value the period already has changes nothing (a repeated request is harmless). Any other input takes one
 * value per instant: a different value at an instant that has one is refused (409).
 */
public final class ManualEntries {
    /** How long an entry waits for its durable write before answering that it is not stored yet. */
    static final Duration STORED_WITHIN = Duration.ofSeconds(15);
    private static final Duration CORRECTION_STEP = Duration.ofMillis(1);
    private static final int MAX_COMMENT = 500;

    private final Supplier<Site> site;
    private final ReadingStore readings;
    private final ReadingSink intake;
    private final AuditTrail audit;
    private final Clock clock;

    public ManualEntries(Supplier<Site> site, ReadingStore readings, ReadingSink intake, AuditTrail audit, Clock clock) {
        this.site = site;
        this.readings = readings;
        this.intake = intake;
        this.audit = audit;
        this.clock = clock;
    }

    /** A point that may be entered by hand: its id, unit, source, the input it feeds and, for a per-period input, the period's grain. */
    public record ManualPoint(String point, String unit, String source, String feeds, Optional<String> period) {
    }

    /** Every point of the site's manual sources. */
    public List<ManualPoint> points() {
        List<ManualPoint> out = new ArrayList<>();
        for (ConfiguredSource s : site.get().drivers().sources()) {
            if (s instanceof ConfiguredSource.Pushed p && p.source() instanceof ManualEntrySource) {
                for (PointSettings ps : p.points()) {
                    Optional<PointBinding> b = site.get().binding(ps.id());
                    out.add(new ManualPoint(ps.id(), ps.unit(), p.id(), b.map(PointBinding::target).orElse("-"),
                            b.filter(x -> x.kind() == Decl.InputKind.PERIOD)
                                    .map(x -> ((PeriodSettings) x.settings()).period().label())));
                }
            }
        }
        return List.copyOf(out);
    }

    /**
     * What an entry did.
     *
     * @param reading   the reading that holds the value now (the new one, or the one that already held it)
     * @param version   its version in the period (1 for the first value)
     * @param unchanged the value was already the current one: nothing was stored
     * @param versions  every version, oldest first, the current one last
     */
    public record Entered(StoredReading reading, int version, boolean unchanged, List<StoredReading> versions) {
    }

    /**
     * Enters {@code value} as {@code actor}.
     *
     * @throws OperationRefused naming the field at fault: an unknown or non-manual {@code point}, another {@code unit},
     *                          a {@code value} outside the point's range, a {@code comment} too long, a different value at
     *                          an instant that has one ({@code at}, 409); 503 when the store does not take it in time
     */
    public Entered enter(Actor actor, ManualValue value) {
        ManualPoint point = point(value.point());
        PointSettings settings = site.get().drivers().pointSettings().get(point.point());
        String unit = value.unit().isEmpty() ? point.unit() : value.unit();
        if (!unit.equals(point.unit())) {
            throw refuse(actor, value, "unit", "unit `" + unit + "` differs from the unit `" + point.unit() + "` of point "
                    + point.point() + "; convert the value to " + point.unit() + " first (units are never converted silently)");
        }
        checkRange(actor, value, settings);
        if (value.comment().length() > MAX_COMMENT) {
            throw refuse(actor, value, "comment", "the comment has " + value.comment().length() + " characters; at most "
                    + MAX_COMMENT + " are kept");
        }
        Optional<PointBinding> binding = site.get().binding(point.point());
        boolean perPeriod = binding.map(b -> b.kind() == Decl.InputKind.PERIOD).orElse(false);
        TimeRange span = perPeriod ? period(binding.get(), value.at()) : TimeRange.of(value.at(), value.at().plusNanos(1));
        List<StoredReading> before = versionsIn(point, span);
        Optional<StoredReading> current = before.isEmpty() ? Optional.empty() : Optional.of(before.getLast());
        if (current.isPresent() && current.get().value().compareTo(value.value()) == 0) {
            return new Entered(current.get(), before.size(), true, before);
        }
        if (current.isPresent() && !perPeriod) {
            throw refuse(actor, value, "at", "point " + point.point() + " has the value " + current.get().value().toPlainString()
                    + " at " + value.at() + " already; a value at an instant is never replaced: enter it at another time");
        }
        Instant at = current.map(c -> c.measuredAt().plus(CORRECTION_STEP)).orElse(span.from());
        if (!at.isBefore(span.to())) {
            throw refuse(actor, value, "at", "the period of " + value.at() + " has no room for another correction; ask the"
                    + " administrator to recompute it");
        }
        int version = before.size() + 1;
        String detail = "operator=" + actor.name() + "; version " + version
                + current.map(c -> " replaces " + c.value().toPlainString() + " " + c.unit()).orElse("")
                + (value.comment().isEmpty() ? "" : "; " + value.comment());
        Reading reading = new Reading(point.point(), at, value.value(), unit, Quality.MANUAL, point.source(), detail);
        intake.accept(reading);
        StoredReading stored = awaitStored(point, at).orElseThrow(() -> {
            record(actor, value, AuditOutcome.FAILURE, "not stored within " + STORED_WITHIN.toSeconds() + " s");
            return new OperationRefused(OperationRefused.Reason.UNAVAILABLE, "value", "the store did not take the value within "
                    + STORED_WITHIN.toSeconds() + " s (GET /api/status shows the store's state); send it again — a repeat is harmless");
        });
        record(actor, value, AuditOutcome.SUCCESS, value.value().toPlainString() + " " + unit + " at " + at + ", version " + version
                + current.map(c -> " (was " + c.value().toPlainString() + ")").orElse(""));
        List<StoredReading> after = new ArrayList<>(before);
        after.add(stored);
        return new Entered(stored, version, false, List.copyOf(after));
    }

    /** Every version of {@code point}'s value for the period holding {@code at} (or at {@code at}), oldest first. */
    public List<StoredReading> versions(String pointId, Instant at) {
        ManualPoint point = point(pointId);
        Optional<PointBinding> binding = site.get().binding(point.point()).filter(b -> b.kind() == Decl.InputKind.PERIOD);
        return versionsIn(point, binding.map(b -> period(b, at)).orElse(TimeRange.of(at, at.plusNanos(1))));
    }

    private ManualPoint point(String id) {
        List<ManualPoint> all = points();
        return all.stream().filter(p -> p.point().equals(id)).findFirst().orElseThrow(() -> OperationRefused.badInput("point",
                "point `" + id + "` is not a point of a manual source; the points entered by hand are "
                        + (all.isEmpty() ? "none (the site has no `type: manual` device)"
                        : String.join(", ", all.stream().map(ManualPoint::point).toList()))));
    }

    private void checkRange(Actor actor, ManualValue value, PointSettings settings) {
        if (settings == null) {
            return;
        }
        BigDecimal v = value.value();
        if (settings.min() != null && v.compareTo(settings.min()) < 0 || settings.max() != null && v.compareTo(settings.max()) > 0) {
            throw refuse(actor, value, "value", "value " + v.toPlainString() + " is outside the range of point " + settings.id()
                    + " (" + (settings.min() == null ? "…" : settings.min().toPlainString()) + " … "
                    + (settings.max() == null ? "…" : settings.max().toPlainString()) + " " + settings.unit() + "); check the digits");
        }
    }

    private TimeRange period(PointBinding binding, Instant at) {
        TimeBucket b = TimeBucket.of(((PeriodSettings) binding.settings()).period(), at, site.get().zone());
        return TimeRange.of(b.start(), b.end());
    }

    private List<StoredReading> versionsIn(ManualPoint point, TimeRange span) {
        return readings.readings(point.point(), span).stream()
                .filter(r -> r.sourceId().equals(point.source()) && r.value() != null)
                .sorted(Comparator.comparing(StoredReading::measuredAt))
                .toList();
    }

    private Optional<StoredReading> awaitStored(ManualPoint point, Instant at) {
        long deadline = System.nanoTime() + STORED_WITHIN.toNanos();
        while (true) {
            Optional<StoredReading> found = versionsIn(point, TimeRange.of(at, at.plusNanos(1))).stream().findFirst();
            if (found.isPresent() || System.nanoTime() > deadline) {
                return found;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    private OperationRefused refuse(Actor actor, ManualValue value, String field, String message) {
        record(actor, value, AuditOutcome.FAILURE, field + ": " + message);
        OperationRefused.Reason reason = field.equals("at") ? OperationRefused.Reason.CONFLICT : OperationRefused.Reason.BAD_INPUT;
        return new OperationRefused(reason, field, message);
    }

    private void record(Actor actor, ManualValue value, AuditOutcome outcome, String detail) {
        audit.record(new AuditEvent(clock.instant(), actor.name(), actor.role(), actor.source(), "manual.entry",
                "point " + value.point() + " at " + value.at(), outcome, detail.length() > 1500 ? detail.substring(0, 1500) + "…" : detail));
    }
}
