package io.tanhe.drivers.failover;

import io.tanhe.drivers.Quality;
import io.tanhe.drivers.Reading;
import io.tanhe.drivers.ReadingSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Decides, per point, whether the primary device or its backup feeds it. Both keep being polled;
 * this sink passes on the readings of the active one. The backup takes over after
 * {@code switchAfter} without a good primary reading; its readings then carry {@code BACKUP}
 * quality and the backup's source id. The primary takes over again once it has delivered good
 * readings for {@code holdOff}. Each switch is reported as a {@link SourceSwitch}. Thread-safe.
 */
public final class Failover implements ReadingSink {
    private static final Logger LOG = LoggerFactory.getLogger(Failover.class);

    private final Map<String, String> backupOf;
    private final Map<String, Set<String>> pointsOf;
    private final Map<String, String> primaryOf = new HashMap<>();
    private final FailoverSettings settings;
    private final ReadingSink next;
    private final Consumer<SourceSwitch> listener;
    private final Clock clock;
    private final Instant started;
    private final Map<String, PointState> states = new HashMap<>();

    private static final class PointState {
        Instant lastGoodPrimary;
        Instant recoveringSince;
        boolean onBackup;
    }

    /**
     * @param backupOf primary device id → backup device id
     * @param pointsOf device id → the point ids it feeds; only points both devices feed fail over
     * @param listener receives every switch (notification, audit)
     */
    public Failover(Map<String, String> backupOf, Map<String, Set<String>> pointsOf, FailoverSettings settings,
                    ReadingSink next, Consumer<SourceSwitch> listener, Clock clock) {
        this.backupOf = Map.copyOf(backupOf);
        this.pointsOf = Map.copyOf(pointsOf);
        this.backupOf.forEach((p, b) -> primaryOf.put(b, p));
        this.settings = settings;
        this.next = next;
        this.listener = listener;
        this.clock = clock;
        this.started = clock.instant();
    }

    @Override
    public void accept(Reading r) {
        Reading out;
        synchronized (this) {
            out = route(r);
        }
        if (out != null) {
            next.accept(out);
        }
    }

    private Reading route(Reading r) {
        String source = r.sourceId();
        String backup = backupOf.get(source);
        if (backup != null && feeds(backup, r.pointId())) {
            return fromPrimary(r, state(r.pointId()));
        }
        String primary = primaryOf.get(source);
        if (primary != null && feeds(primary, r.pointId())) {
            return fromBackup(r, primary, state(r.pointId()));
        }
        return r;
    }

    private boolean feeds(String device, String pointId) {
        return pointsOf.getOrDefault(device, Set.of()).contains(pointId);
    }

    private PointState state(String pointId) {
        return states.computeIfAbsent(pointId, k -> {
            PointState s = new PointState();
            s.lastGoodPrimary = started;
            return s;
        });
    }

    private Reading fromPrimary(Reading r, PointState s) {
        Instant now = clock.instant();
        boolean good = r.quality().isGood();
        if (good) {
            s.lastGoodPrimary = now;
        }
        if (!s.onBackup) {
            return r;
        }
        if (!good) {
            s.recoveringSince = null;
            return null;
        }
        if (s.recoveringSince == null) {
            s.recoveringSince = now;
        }
        if (Duration.between(s.recoveringSince, now).compareTo(settings.holdOff()) < 0) {
            return null;
        }
        s.onBackup = false;
        s.recoveringSince = null;
        emit(new SourceSwitch(r.pointId(), backupOf.get(r.sourceId()), r.sourceId(), now,
                "primary good again for " + settings.holdOff().toSeconds() + "s"));
        return r;
    }

    private Reading fromBackup(Reading r, String primary, PointState s) {
        Instant now = clock.instant();
        if (!s.onBackup) {
            Duration silent = Duration.between(s.lastGoodPrimary, now);
            if (silent.compareTo(settings.switchAfter()) < 0) {
                return null;
            }
            s.onBackup = true;
            s.recoveringSince = null;
            emit(new SourceSwitch(r.pointId(), primary, r.sourceId(), now,
                    "no good reading from " + primary + " for " + silent.toSeconds() + "s"));
        }
        return r.quality().isGood() ? r.withQuality(Quality.BACKUP, r.sourceId(), "backup of " + primary) : r;
    }

    private void emit(SourceSwitch event) {
        LOG.warn("point {}: switched from {} to {} ({})", event.pointId(), event.from(), event.to(), event.reason());
        try {
            listener.accept(event);
        } catch (RuntimeException e) {
            LOG.error("point {}: switch listener failed: {}", event.pointId(), e.toString());
        }
    }
}
