package io.tanhe.server.terminal.operations;

import io.tanhe.drivers.Reading;
import io.tanhe.drivers.config.ConfiguredSource;
import io.tanhe.drivers.schedule.Acquisition;
import io.tanhe.server.security.access.Actor;
import io.tanhe.server.security.audit.AuditEvent;
import io.tanhe.server.security.audit.AuditOutcome;
import io.tanhe.server.security.audit.AuditTrail;
import io.tanhe.server.site.Site;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Acquisition on command (§9.1): polls one device, the devices of one point, or every polled device now, outside
 * their schedule, and returns the readings. They go the way scheduled readings go (checks, failover, store,
 * evaluation). Audited as {@code poll.now}. Repeating it polls again, which is what a person asking twice wants.
 */
public final class PollNow {
    /** How long a poll on command may take before the answer says it timed out. */
    static final Duration WAIT = Duration.ofSeconds(30);

    private final Supplier<Site> site;
    private final Supplier<Optional<Acquisition>> acquisition;
    private final AuditTrail audit;
    private final Clock clock;

    public PollNow(Supplier<Site> site, Supplier<Optional<Acquisition>> acquisition, AuditTrail audit, Clock clock) {
        this.site = site;
        this.acquisition = acquisition;
        this.audit = audit;
        this.clock = clock;
    }

    /** What to poll: exactly one of a device, a point, or all. */
    public sealed interface Target {
        record Device(String id) implements Target {
        }

        record Point(String id) implements Target {
        }

        record All() implements Target {
        }
    }

    /** The devices polled and the readings they gave (only the point's, for a point). */
    public record Polled(List<String> devices, List<Reading> readings) {
    }

    /**
     * Polls {@code target} now as {@code actor}.
     *
     * @throws OperationRefused naming {@code device} or {@code point} when unknown or not polled (400), 503 when the
     *                          terminal does not acquire (no drivers running) or the poll does not finish in time
     */
    public Polled poll(Actor actor, Target target) {
        List<String> polled = site.get().drivers().sources().stream().filter(ConfiguredSource.Polled.class::isInstance)
                .map(ConfiguredSource::id).toList();
        List<String> devices = switch (target) {
            case Target.All a -> polled;
            case Target.Device d -> {
                if (!polled.contains(d.id())) {
                    throw OperationRefused.badInput("device", "`" + d.id() + "` is not a polled device"
                            + (site.get().drivers().source(d.id()).isPresent() ? " (it pushes its readings)" : "")
                            + "; polled devices: " + String.join(", ", polled));
                }
                yield List.of(d.id());
            }
            case Target.Point p -> {
                List<String> feeding = site.get().drivers().sources().stream().filter(ConfiguredSource.Polled.class::isInstance)
                        .filter(s -> s.points().stream().anyMatch(x -> x.id().equals(p.id()))).map(ConfiguredSource::id).toList();
                if (feeding.isEmpty()) {
                    throw OperationRefused.badInput("point", "no polled device feeds point `" + p.id() + "`; points: "
                            + String.join(", ", site.get().drivers().pointSettings().keySet()));
                }
                yield feeding;
            }
        };
        Acquisition a = acquisition.get().orElseThrow(() -> new OperationRefused(OperationRefused.Reason.UNAVAILABLE, "device",
                "this terminal does not acquire (its drivers are not running); start it with `tanhe run`"));
        List<CompletableFuture<List<Reading>>> polls = devices.stream().map(d -> a.scheduler().readNow(d)).toList();
        List<Reading> readings = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        try {
            for (CompletableFuture<List<Reading>> f : polls) {
                readings.addAll(f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            }
        } catch (TimeoutException e) {
            record(actor, target, AuditOutcome.FAILURE, "not done within " + WAIT.toSeconds() + " s");
            throw new OperationRefused(OperationRefused.Reason.UNAVAILABLE, "device", "the poll did not finish within "
                    + WAIT.toSeconds() + " s; its readings are stored when they come");
        } catch (ExecutionException e) {
            throw new IllegalStateException("poll on command failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while polling", e);
        }
        List<Reading> shown = target instanceof Target.Point p
                ? readings.stream().filter(r -> r.pointId().equals(p.id())).toList() : List.copyOf(readings);
        record(actor, target, AuditOutcome.SUCCESS, devices.size() + " device(s), " + shown.size() + " reading(s)");
        return new Polled(devices, shown);
    }

    private void record(Actor actor, Target target, AuditOutcome outcome, String detail) {
        String what = switch (target) {
            case Target.All a -> "all devices";
            case Target.Device d -> "device " + d.id();
            case Target.Point p -> "point " + p.id();
        };
        audit.record(new AuditEvent(clock.instant(), actor.name(), actor.role(), actor.source(), "poll.now", what, outcome, detail));
    }
}
