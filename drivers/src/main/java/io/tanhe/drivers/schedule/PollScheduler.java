package io.tanhe.drivers.schedule;

import io.tanhe.drivers.Reading;
import io.tanhe.drivers.ReadingSink;
import io.tanhe.drivers.config.ConfiguredSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Polls devices at clock-aligned times (see {@link ClockAlignment}) and on command. Each poll runs
 * on its own worker, so a slow device delays nobody else; a device whose previous poll is still
 * running skips that slot (logged) instead of piling up. Time comes from the injected clock:
 * tests step a fake clock and call {@link #runDue()}; {@link #start()} runs the same logic on a
 * timer thread.
 */
public final class PollScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PollScheduler.class);

    private final Map<String, Slot> slots = new LinkedHashMap<>();
    private final Clock clock;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "tanhe-poll");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean running;
    private Thread timer;

    private static final class Slot {
        final ConfiguredSource.Polled device;
        final ReadingSink sink;
        final AtomicBoolean busy = new AtomicBoolean();
        Instant due;
        long skipped;

        Slot(ConfiguredSource.Polled device, ReadingSink sink, Instant due) {
            this.device = device;
            this.sink = sink;
            this.due = due;
        }
    }

    public PollScheduler(List<ConfiguredSource.Polled> devices, ReadingSink sink, Clock clock) {
        this.clock = clock;
        devices.forEach(d -> add(d, sink));
    }

    /** Schedules {@code device} from its next aligned time, its readings going to {@code to} (a device restarted with new settings). */
    public synchronized void add(ConfiguredSource.Polled device, ReadingSink to) {
        if (slots.containsKey(device.id())) {
            throw new IllegalArgumentException("device '" + device.id() + "' is already scheduled");
        }
        slots.put(device.id(), new Slot(device, to, ClockAlignment.nextAfter(clock.instant(), device.poll().period(), clock.getZone())));
    }

    /**
     * Stops polling {@code deviceId}: it is no longer due, and a poll of it still running is waited for (at most
     * {@code wait}), so that no reading of the old settings follows. False when it was not scheduled.
     */
    public boolean remove(String deviceId, Duration wait) {
        Slot s;
        synchronized (this) {
            s = slots.remove(deviceId);
        }
        if (s == null) {
            return false;
        }
        long deadline = System.nanoTime() + wait.toNanos();
        while (!s.busy.compareAndSet(false, true)) {
            if (System.nanoTime() > deadline) {
                LOG.warn("device {}: its last poll still runs after {}; it is stopped without waiting for it", deviceId, wait);
                return true;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            }
        }
        return true; // left busy for good: a poll already taken from the schedule skips it
    }

    /** The ids of the devices polled, in the order they were scheduled. */
    public synchronized List<String> devices() {
        return List.copyOf(slots.keySet());
    }

    /** The earliest time any device is due. */
    public synchronized Instant nextDue() {
        return slots.values().stream().map(s -> s.due).min(Instant::compareTo).orElse(Instant.MAX);
    }

    /** When {@code deviceId} polls next. */
    public synchronized Instant nextDue(String deviceId) {
        return slot(deviceId).due;
    }

    /**
     * Polls every device due at the clock's current time, on the calling thread, and moves each
     * to its next aligned time (missed slots are not made up). Returns the readings it delivered.
     */
    public List<Reading> runDue() {
        List<Reading> out = new ArrayList<>();
        for (Due d : takeDue()) {
            out.addAll(pollNow(d.slot(), d.at()));
        }
        return out;
    }

    /** Polls one device now (read on command), outside its schedule. */
    public CompletableFuture<List<Reading>> readNow(String deviceId) {
        Slot s = slot(deviceId);
        Instant at = clock.instant();
        return CompletableFuture.supplyAsync(() -> pollNow(s, at), workers);
    }

    /** Starts the timer thread. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        timer = new Thread(this::loop, "tanhe-poll-timer");
        timer.setDaemon(true);
        timer.start();
    }

    private record Due(Slot slot, Instant at) {
    }

    private synchronized List<Due> takeDue() {
        Instant now = clock.instant();
        List<Due> due = new ArrayList<>();
        for (Slot s : slots.values()) {
            if (!s.due.isAfter(now)) {
                due.add(new Due(s, s.due));
                s.due = ClockAlignment.nextAfter(now, s.device.poll().period(), clock.getZone());
            }
        }
        return due;
    }

    private List<Reading> pollNow(Slot s, Instant at) {
        if (!s.busy.compareAndSet(false, true)) {
            synchronized (this) {
                s.skipped++;
            }
            LOG.warn("device {}: poll at {} skipped, the previous poll is still running ({} skipped so far)",
                    s.device.id(), at, s.skipped);
            return List.of();
        }
        try {
            List<Reading> readings = s.device.device().poll(at);
            readings.forEach(s.sink::accept);
            return readings;
        } catch (RuntimeException e) {
            LOG.error("device {}: poll failed unexpectedly: {}", s.device.id(), e.toString(), e);
            return List.of();
        } finally {
            s.busy.set(false);
        }
    }

    private void loop() {
        while (running) {
            Duration wait = Duration.between(clock.instant(), nextDue());
            try {
                if (!wait.isNegative() && !wait.isZero()) {
                    Thread.sleep(Math.min(wait.toMillis() + 1, 1000));
                    continue;
                }
            } catch (InterruptedException e) {
                return;
            }
            for (Due d : takeDue()) {
                workers.execute(() -> pollNow(d.slot(), d.at()));
            }
        }
    }

    private synchronized Slot slot(String deviceId) {
        Slot s = slots.get(deviceId);
        if (s == null) {
            throw new IllegalArgumentException("no polled device '" + deviceId + "'");
        }
        return s;
    }

    @Override
    public void close() {
        running = false;
        if (timer != null) {
            timer.interrupt();
        }
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
