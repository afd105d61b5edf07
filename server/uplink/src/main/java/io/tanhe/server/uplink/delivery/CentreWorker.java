package io.tanhe.server.uplink.delivery;

import io.tanhe.server.store.Event;
import io.tanhe.server.store.EventKind;
import io.tanhe.server.store.EventLog;
import io.tanhe.server.store.Outbox;
import io.tanhe.server.store.OutboxEntry;
import io.tanhe.server.uplink.config.CentreConfig;
import io.tanhe.server.uplink.outbox.UploadCollector;
import io.tanhe.server.uplink.outbox.UploadJson;
import io.tanhe.server.uplink.status.CentreStatus;
import io.tanhe.server.uplink.status.StatusFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Delivers one centre's outbox on a thread of its own, so that a centre that is down, slow or
 * misbehaving never delays another (section 7.2.4 (3)). Each round it queues the periods whose
 * upload window has come, takes the due uploads from the outbox, and delivers them in order; an
 * upload is marked delivered only after the centre acknowledged it (at-least-once). After a failure
 * it backs off (doubling up to the configured maximum, on the injected clock) and retries the first
 * unacknowledged upload; the periods behind it wait, so each stream stays in period order. A new
 * upload window always triggers an attempt, so after an outage the backlog goes out in the next
 * window at the latest (7.2.4 (5)).
 */
public final class CentreWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CentreWorker.class);
    private static final Duration OLDEST_REFRESH = Duration.ofSeconds(30);
    private static final Duration STATUS_REFRESH = Duration.ofSeconds(5);

    private final CentreConfig centre;
    private final Outbox outbox;
    private final EventLog events;
    private final Channel channel;
    private final UploadCollector collector;
    private final Clock clock;
    private final Duration poll;
    private final Path statusDir;
    private final java.time.ZoneId zone;
    private final Clock wallClock;
    private final Thread thread;
    private final Object signal = new Object();
    private volatile boolean stopped;
    private boolean woken;

    private Instant nextTryAt = Instant.MIN;
    private Instant failingSince;
    private volatile int failures;
    private volatile String lastError;
    private volatile Instant lastAck;
    private volatile long backlog;
    private volatile Instant oldestPending;
    private Instant oldestCheckedAt = Instant.MIN;
    private Instant statusWrittenAt = Instant.MIN;
    private volatile CentreStatus status;

    /**
     * @param poll      how long the thread sleeps when there is nothing to do (real time)
     * @param statusDir where the status file goes
     */
    public CentreWorker(CentreConfig centre, Outbox outbox, EventLog events, Channel channel, UploadCollector collector,
                        Clock clock, Duration poll, Path statusDir) {
        this(centre, outbox, events, channel, collector, clock, clock.getZone(), Clock.systemUTC(), poll, statusDir);
    }

    /**
     * @param zone      the terminal's zone, in which the status shows times
     * @param wallClock the machine's clock, stamped on the status so that a reader can tell whether the
     *                  terminal still runs even when {@code clock} is a demo's simulated time
     * @param poll      how long the thread sleeps when there is nothing to do (real time)
     * @param statusDir where the status file goes
     */
    public CentreWorker(CentreConfig centre, Outbox outbox, EventLog events, Channel channel, UploadCollector collector,
                        Clock clock, java.time.ZoneId zone, Clock wallClock, Duration poll, Path statusDir) {
        this.zone = zone;
        this.wallClock = wallClock;
        this.centre = centre;
        this.outbox = outbox;
        this.events = events;
        this.channel = channel;
        this.collector = collector;
        this.clock = clock;
        this.poll = poll;
        this.statusDir = statusDir;
        this.thread = new Thread(this::run, "uplink-" + centre.id());
        this.thread.setDaemon(true);
    }

    /** Starts the thread. */
    public void start() {
        thread.start();
    }

    /** Makes the thread look for work now (new data queued, the clock moved in a test). */
    public void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    /** The centre's latest status. */
    public CentreStatus status() {
        CentreStatus s = status;
        return s != null ? s : snapshot(clock.instant());
    }

    /** The collector that queues this centre's periods. */
    public UploadCollector collector() {
        return collector;
    }

    private void run() {
        while (!stopped) {
            boolean busy = false;
            try {
                busy = step();
            } catch (RuntimeException e) {
                LOG.error("uplink {}: round failed, retrying: {}", centre.id(), e.toString(), e);
            }
            if (!busy) {
                pause();
            }
        }
    }

    private void pause() {
        synchronized (signal) {
            if (!woken && !stopped) {
                try {
                    signal.wait(poll.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stopped = true;
                }
            }
            woken = false;
        }
    }

    /** One round; true when uploads were delivered and more may be due. */
    private boolean step() {
        Instant now = clock.instant();
        if (collector.collect(now)) {
            nextTryAt = now;
        }
        if (now.isBefore(nextTryAt)) {
            publish(now);
            return false;
        }
        List<OutboxEntry> due = outbox.due(centre.id(), now, centre.delivery().batchSize());
        Set<Long> acked = new HashSet<>();
        try {
            channel.maintain();
            if (due.isEmpty()) {
                publish(now);
                return false;
            }
            List<QueuedUpload> uploads = new ArrayList<>(due.size());
            for (OutboxEntry e : due) {
                uploads.add(new QueuedUpload(e.id(), e.message().idempotencyKey(), UploadJson.read(e.message().payload()),
                        e.attempts() > 0 || e.message().indicatorKey().equals("manual")));
            }
            try {
                channel.deliver(uploads, q -> {
                    outbox.acknowledge(q.outboxId(), clock.instant());
                    acked.add(q.outboxId());
                    lastAck = clock.instant();
                    if (stopped) {
                        throw new Stopping();
                    }
                });
            } catch (Stopping s) {
                return false;
            }
            recovered(now);
            publish(clock.instant());
            return true;
        } catch (DeliveryException e) {
            failed(now, e.getMessage(), due, acked);
            return false;
        }
    }

    private void failed(Instant now, String error, List<OutboxEntry> due, Set<Long> acked) {
        failures++;
        lastError = error;
        if (failures == 1) {
            failingSince = now;
        }
        nextTryAt = now.plus(centre.delivery().backoff(failures));
        due.stream().filter(e -> !acked.contains(e.id())).findFirst()
                .ifPresent(e -> outbox.retryLater(e.id(), nextTryAt, error));
        if (failures == 1 || failures % 10 == 0) {
            LOG.warn("uplink {}: {} (attempt {} failing since {}; next try at {})", centre.id(), error, failures,
                    local(failingSince), local(nextTryAt));
        }
        publish(now);
    }

    private void recovered(Instant now) {
        if (failures == 0) {
            return;
        }
        long left = backlog;
        String message = "centre " + centre.id() + " acknowledges again after " + failures + " failed attempts since "
                + local(failingSince) + "; backfilling " + left + " queued uploads";
        LOG.info("uplink {}: {}", centre.id(), message);
        events.append(new Event(now, EventKind.BACKFILL, centre.id(), message, "{\"failures\":" + failures
                + ",\"failing_since\":\"" + failingSince + "\",\"backlog\":" + left + "}"));
        failures = 0;
        lastError = null;
        failingSince = null;
    }

    private void publish(Instant now) {
        long pending = outbox.pending(centre.id());
        boolean changed = pending != backlog || status == null || status.connected() != channel.connected()
                || status.failures() != failures || !Objects.equals(status.lastAck().orElse(null), lastAck);
        backlog = pending;
        if (pending == 0) {
            oldestPending = null;
        } else if (changed && !now.isBefore(oldestCheckedAt.plus(OLDEST_REFRESH)) || oldestPending == null) {
            oldestPending = outbox.due(centre.id(), now.plus(Duration.ofDays(36_500)), Integer.MAX_VALUE).stream()
                    .map(e -> e.message().periodStart()).min(Instant::compareTo).orElse(null);
            oldestCheckedAt = now;
        }
        if (changed || !now.isBefore(statusWrittenAt.plus(STATUS_REFRESH))) {
            status = snapshot(now);
            StatusFiles.write(statusDir, status);
            statusWrittenAt = now;
        }
    }

    /** {@code t} on the terminal's clock in its zone, to the second, as people read times (not UTC with nanoseconds). */
    private String local(Instant t) {
        return LOCAL.format(t.atZone(zone));
    }

    private static final java.time.format.DateTimeFormatter LOCAL = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");

    private CentreStatus snapshot(Instant now) {
        return new CentreStatus(centre.id(), centre.protocol().text(), centre.address(), channel.connected(), lastAck,
                backlog, oldestPending, failures, lastError, now, zone, wallClock.instant());
    }

    /** Ends a round between two acknowledged uploads when the worker is closing, so a restart duplicates nothing. */
    private static final class Stopping extends RuntimeException {
        Stopping() {
            super("stopping", null, false, false);
        }
    }

    /**
     * Stops the thread after the upload in flight is acknowledged (or fails), so that a clean restart
     * neither loses nor duplicates an upload, then closes the connection.
     */
    @Override
    public void close() {
        stopped = true;
        wake();
        try {
            thread.join(centre.delivery().timeout().multipliedBy(centre.delivery().retries() + 2L).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        channel.close();
    }
}
