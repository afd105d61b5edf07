package io.tanhe.server.terminal.operations;

import io.tanhe.engine.time.Grain;
import io.tanhe.server.security.access.Actor;
import io.tanhe.server.security.audit.AuditEvent;
import io.tanhe.server.security.audit.AuditOutcome;
import io.tanhe.server.security.audit.AuditTrail;
import io.tanhe.server.store.TimeRange;
import io.tanhe.server.uplink.ManualBackfill;
import io.tanhe.server.uplink.Uplink;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Manual backfill (§7.2.4 (5) 人工补传): re-sends the current results of a range to one, several or every data
 * centre, marked as manual (HJ 212 flag {@code S}; {@code "manual": true} over HTTPS). Its progress is the
 * centres' backlog ({@link PlantViews#centres}). The same request from the same person within
 * {@link #REPEAT_WINDOW} answers the first one's result instead of queuing everything again (a client that
 * repeats after a lost answer); audited as {@code uplink.backfill}.
 */
public final class Backfill {
    static final Duration REPEAT_WINDOW = Duration.ofMinutes(10);

    private final Supplier<Optional<Uplink>> uplink;
    private final List<String> centres;
    private final AuditTrail audit;
    private final Clock clock;
    private final Map<String, Done> recent = new LinkedHashMap<>();

    public Backfill(Supplier<Optional<Uplink>> uplink, List<String> centres, AuditTrail audit, Clock clock) {
        this.uplink = uplink;
        this.centres = List.copyOf(centres);
        this.audit = audit;
        this.clock = clock;
    }

    /** What a backfill queued: uploads per centre, and whether this answers an earlier identical request. */
    public record Done(Map<String, Integer> queued, Instant at, boolean repeated) {
    }

    /**
     * Queues the backfill of {@code grain} results starting in {@code range} to {@code targets} (every centre when
     * empty) as {@code actor}, for {@code reason}.
     *
     * @throws OperationRefused naming {@code centres}, {@code grain} or {@code reason} (400); 503 without an uplink
     */
    public synchronized Done backfill(Actor actor, List<String> targets, Grain grain, TimeRange range, String reason) {
        if (reason == null || reason.isBlank()) {
            throw OperationRefused.badInput("reason", "a manual backfill gives its reason, e.g. \"meter M3 replaced, readings corrected\"");
        }
        for (String c : targets) {
            if (!centres.contains(c)) {
                throw OperationRefused.badInput("centres", "no centre `" + c + "`; the site's centres: "
                        + (centres.isEmpty() ? "none" : String.join(", ", centres)));
            }
        }
        Uplink u = uplink.get().orElseThrow(() -> new OperationRefused(OperationRefused.Reason.UNAVAILABLE, "centres",
                centres.isEmpty() ? "the site names no data centre (uplink: in the site file)" : "the uplink is not running"));
        String key = actor.name() + "|" + targets + "|" + grain + "|" + range + "|" + reason.strip();
        Instant now = clock.instant();
        recent.values().removeIf(d -> d.at().isBefore(now.minus(REPEAT_WINDOW)));
        Done earlier = recent.get(key);
        if (earlier != null) {
            return new Done(earlier.queued(), earlier.at(), true);
        }
        Map<String, Integer> queued = new LinkedHashMap<>();
        try {
            for (String c : targets.isEmpty() ? centres : targets) {
                queued.putAll(u.backfill(new ManualBackfill(c, grain, range, actor.name(), reason.strip())));
            }
        } catch (IllegalArgumentException e) {
            audit(actor, grain, range, AuditOutcome.FAILURE, e.getMessage());
            throw OperationRefused.badInput("grain", e.getMessage());
        }
        Done done = new Done(Map.copyOf(queued), now, false);
        recent.put(key, done);
        audit(actor, grain, range, AuditOutcome.SUCCESS, queued + "; " + reason.strip());
        return done;
    }

    private void audit(Actor actor, Grain grain, TimeRange range, AuditOutcome outcome, String detail) {
        audit.record(new AuditEvent(clock.instant(), actor.name(), actor.role(), actor.source(), "uplink.backfill",
                grain.label() + " " + range, outcome, detail.length() > 1500 ? detail.substring(0, 1500) + "…" : detail));
    }
}
