package io.tanhe.server.terminal.operations;

import io.tanhe.engine.time.Grain;
import io.tanhe.server.security.access.Actor;
import io.tanhe.server.security.audit.AuditEvent;
import io.tanhe.server.security.audit.AuditOutcome;
import io.tanhe.server.security.audit.AuditTrail;
import io.tanhe.server.store.TimeRange;
import io.tanhe.server.uplink.ManualBackfill;
import io.tanhe.server.uplink.Uplink;
import io.tanhe.server.uplink.config.CentreConfig;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Manual backfill (§7.2.4 (5) 人工补传): re-sends the current results of a range to one, several or every data
 * centre, of every indicator or only those named, marked as manual ({@code "manual": true} over HTTPS; HJ 212
 * {@code RF=1} where the platform's profile uses it). Its progress is the centres' backlog ({@link PlantViews#centres}). The same request from the same person within
 * {@link #REPEAT_WINDOW} answers the first one's result instead of queuing everything again (a client that
 * repeats after a lost answer); audited as {@code uplink.backfill}.
 */
public final class Backfill {
    static final Duration REPEAT_WINDOW = Duration.ofMinutes(10);

    private final Supplier<Optional<Uplink>> uplink;
    private final Supplier<List<CentreConfig>> centreConfigs;
    private final AuditTrail audit;
    private final Clock clock;
    private final Map<String, Done> recent = new LinkedHashMap<>();

    /**
     * @param centres the running site's data centres, with the indicators each reports (a site file push changes them)
     */
    public Backfill(Supplier<Optional<Uplink>> uplink, Supplier<List<CentreConfig>> centres, AuditTrail audit, Clock clock) {
        this.uplink = uplink;
        this.centreConfigs = centres;
        this.audit = audit;
        this.clock = clock;
    }

    /** What a backfill queued: uploads per centre, and whether this answers an earlier identical request. */
    public record Done(Map<String, Integer> queued, Instant at, boolean repeated) {
    }

    /**
     * Queues the backfill of {@code grain} results starting in {@code range} to {@code targets} (every centre when
     * empty) as {@code actor}, for {@code reason}, of the {@code indicators} named (each a centre's code, e.g. HJ 212
     * {@code a05001}, or a result node such as {@code E}; every indicator when empty).
     *
     * @throws OperationRefused naming {@code centres}, {@code indicators}, {@code grain} or {@code reason} (400); 503
     *                          without an uplink
     */
    public synchronized Done backfill(Actor actor, List<String> targets, Grain grain, TimeRange range, String reason,
                                      Set<String> indicators) {
        if (reason == null || reason.isBlank()) {
            throw OperationRefused.badInput("reason", "a manual backfill gives its reason, e.g. \"meter M3 replaced, readings corrected\"");
        }
        List<CentreConfig> configured = centreConfigs.get();
        List<String> centres = configured.stream().map(CentreConfig::id).toList();
        for (String c : targets) {
            if (!centres.contains(c)) {
                throw OperationRefused.badInput("centres", "no centre `" + c + "`; the site's centres: "
                        + (centres.isEmpty() ? "none" : String.join(", ", centres)));
            }
        }
        Uplink u = uplink.get().orElseThrow(() -> new OperationRefused(OperationRefused.Reason.UNAVAILABLE, "centres",
                centres.isEmpty() ? "the site names no data centre (uplink: in the site file)" : "the uplink is not running"));
        List<CentreConfig> chosen = configured.stream().filter(c -> targets.isEmpty() || targets.contains(c.id())).toList();
        ManualBackfill probe = new ManualBackfill(null, grain, range, actor.name(), reason.strip(), indicators);
        List<String> unknown = probe.unknownIn(chosen);
        if (!unknown.isEmpty()) {
            throw OperationRefused.badInput("indicators", "no indicator " + String.join(", ", unknown) + " is reported to "
                    + String.join(", ", chosen.stream().map(CentreConfig::id).toList()) + "; give codes or nodes of: "
                    + String.join(", ", ManualBackfill.namesIn(chosen)));
        }
        String key = actor.name() + "|" + targets + "|" + new java.util.TreeSet<>(indicators) + "|" + grain + "|" + range + "|"
                + reason.strip();
        Instant now = clock.instant();
        recent.values().removeIf(d -> d.at().isBefore(now.minus(REPEAT_WINDOW)));
        Done earlier = recent.get(key);
        if (earlier != null) {
            return new Done(earlier.queued(), earlier.at(), true);
        }
        Map<String, Integer> queued = new LinkedHashMap<>();
        try {
            for (CentreConfig c : chosen) {
                // a centre gets the named indicators it reports; one that reports none of them gets nothing (an empty
                // selection would mean every indicator)
                Set<String> own = probe.ownedBy(c);
                if (indicators.isEmpty() || !own.isEmpty()) {
                    queued.putAll(u.backfill(new ManualBackfill(c.id(), grain, range, actor.name(), reason.strip(), own)));
                } else {
                    queued.put(c.id(), 0);
                }
            }
        } catch (IllegalArgumentException e) {
            audit(actor, grain, range, indicators, AuditOutcome.FAILURE, e.getMessage());
            throw OperationRefused.badInput("grain", e.getMessage());
        }
        Done done = new Done(Map.copyOf(queued), now, false);
        recent.put(key, done);
        audit(actor, grain, range, indicators, AuditOutcome.SUCCESS, queued + "; " + reason.strip());
        return done;
    }

    private void audit(Actor actor, Grain grain, TimeRange range, Set<String> indicators, AuditOutcome outcome, String detail) {
        String which = indicators.isEmpty() ? "" : " of " + String.join(", ", new java.util.TreeSet<>(indicators));
        audit.record(new AuditEvent(clock.instant(), actor.name(), actor.role(), actor.source(), "uplink.backfill",
                grain.label() + " " + range + which, outcome, detail.length() > 1500 ? detail.substring(0, 1500) + "…" : detail));
    }
}
