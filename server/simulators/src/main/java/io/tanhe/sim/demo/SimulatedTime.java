package io.tanhe.sim.demo;

import io.tanhe.sim.SimulatedClock;
import io.tanhe.drivers.ReadingSink;
import io.tanhe.drivers.config.ConfiguredSource;
import io.tanhe.drivers.config.DriverConfiguration;
import io.tanhe.drivers.manual.ManualEntrySource;
import io.tanhe.drivers.schedule.PollScheduler;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Drives the demo's acquisition on simulated time: a thread moves the {@link SimulatedClock} at
 * {@code speed} × wall time and, at each due time on the way, lets the real poll scheduler poll
 * (so every slot is polled, however fast the simulation runs). Push sources are started with the
 * terminal's intake; the demo lab enters its monthly values through the manual source. A simulated
 * device that pushes its data (the demo's stack CEMS) {@linkplain #follow follows} this thread's time
 * rather than the clock from a thread of its own: at 720× speed a few milliseconds between two threads
 * are seconds of simulated time, enough for the polled meters' readings to pass the other device's
 * and its points to look silent to the data-gap rule.
 */
public final class SimulatedTime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedTime.class);
    private final SimulatedClock clock;
    private final PollScheduler scheduler;
    private final Instant start;
    private final double speed;
    private final Instant end;
    private final DemoLab lab;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread thread;
    private final List<Follower> followers = new CopyOnWriteArrayList<>();
    private volatile boolean running = true;

    /** A simulated device that delivers its data as simulated time passes. */
    @FunctionalInterface
    public interface Follower {
        /**
         * Delivers what is due up to {@code now} (inclusive), before the polls due at {@code now} run. Called on
         * the time thread; returns once its data is handed over, so no later reading of another device overtakes it.
         */
        void reach(Instant now) throws IOException;
    }

    /**
     * @param end when to stop (simulated); null to run until closed
     */
    public SimulatedTime(SimulatedClock clock, PollScheduler scheduler, DriverConfiguration drivers, ReadingSink intake,
                         double speed, Instant end) {
        this.clock = clock;
        this.scheduler = scheduler;
        this.start = clock.instant();
        this.speed = speed;
        this.end = end;
        ManualEntrySource manual = null;
        for (ConfiguredSource s : drivers.sources()) {
            if (s instanceof ConfiguredSource.Pushed p) {
                p.source().start(intake);
                if (p.source() instanceof ManualEntrySource m && p.points().stream().anyMatch(pt -> pt.id().equals(DemoLab.POINT))) {
                    manual = m;
                }
            }
        }
        this.lab = manual == null ? null : new DemoLab(manual, clock.getZone());
        this.thread = new Thread(this::run, "tanhe-demo-time");
        this.thread.setDaemon(true);
    }

    /** Moves {@code follower} with simulated time from the next instant on; register before {@link #start}. */
    public void follow(Follower follower) {
        followers.add(follower);
    }

    public void start() {
        thread.start();
    }

    /** Waits until the simulated end is reached; false on timeout. */
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public Optional<Instant> end() {
        return Optional.ofNullable(end);
    }

    private void run() {
        long wallStart = System.nanoTime();
        try {
            if (lab != null) {
                lab.enterFor(start);
            }
            while (running) {
                Instant target = start.plusNanos((long) ((System.nanoTime() - wallStart) * speed));
                if (end != null && target.isAfter(end)) {
                    target = end;
                }
                for (Instant due = scheduler.nextDue(); !due.isAfter(target) && running; due = scheduler.nextDue()) {
                    clock.set(due);
                    if (lab != null) {
                        lab.enterFor(due);
                    }
                    reach(due);
                    scheduler.runDue();
                }
                clock.set(target);
                reach(target);
                if (target.equals(end)) {
                    break;
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            finished.countDown();
        }
    }

    /** Lets every follower deliver up to {@code now}; one that fails is dropped (said once), the others go on. */
    private void reach(Instant now) {
        for (Follower f : followers) {
            try {
                f.reach(now);
            } catch (IOException | RuntimeException e) {
                LOG.warn("simulated device stopped at {}: {}", now, e.toString());
                followers.remove(f);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
