package io.tanhe.server.packages.release;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * The new release's side of the health window: run by the program on probation, it asks {@link HealthProbe} every
 * few seconds; the first healthy answer marks the release good ({@link Upgrader#markGood}); when the window ends
 * first, it rolls back ({@link Upgrader#rollback}) and restarts the program into the previous release. A release
 * that never gets this far (it crashes at start) is rolled back by {@link Upgrader#started} instead.
 */
public final class Probation implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Probation.class);

    /** Whether the running program is healthy: empty when it is, else what is wrong. */
    @FunctionalInterface
    public interface HealthProbe {
        Optional<String> problem();
    }

    /** What the watch ended with. */
    public enum Outcome { GOOD, ROLLED_BACK, NOT_ON_PROBATION, STOPPED }

    private final Thread thread;
    private volatile Outcome outcome;

    private Probation(Upgrader upgrader, HealthProbe probe, Duration every, Runnable restart) {
        this.thread = Thread.ofPlatform().daemon().name("tanhe-probation").unstarted(() -> outcome = watch(upgrader, probe, every, restart));
    }

    /**
     * Starts watching when release {@code running} is the one on probation; otherwise watches nothing.
     *
     * @param restart ends the program with the exit code its service manager restarts on
     */
    public static Probation start(Upgrader upgrader, String running, HealthProbe probe, Duration every, Runnable restart)
            throws IOException {
        UpgradeState s = upgrader.status();
        Probation p = new Probation(upgrader, probe, every, restart);
        if (s.phase() != Phase.PROBATION || !s.to().equals(running)) {
            p.outcome = Outcome.NOT_ON_PROBATION;
            return p;
        }
        LOG.info("upgrade: release {} is on probation until {}; checking its health every {}", running, s.deadline(), every);
        p.thread.start();
        return p;
    }

    /** How the watch ended; empty while it runs. */
    public Optional<Outcome> outcome() {
        return Optional.ofNullable(outcome);
    }

    /** Waits at most {@code d} for the watch to end; returns how it ended, if it did. */
    public Optional<Outcome> await(Duration d) throws InterruptedException {
        if (thread.isAlive()) {
            thread.join(d);
        }
        return outcome();
    }

    private static Outcome watch(Upgrader upgrader, HealthProbe probe, Duration every, Runnable restart) {
        String last = "not checked yet";
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Optional<String> problem = probe.problem();
                if (problem.isEmpty()) {
                    return upgrader.markGood() ? Outcome.GOOD : Outcome.NOT_ON_PROBATION;
                }
                last = problem.get();
                if (upgrader.overdue()) {
                    upgrader.rollback("unhealthy at the end of its window: " + last);
                    restart.run();
                    return Outcome.ROLLED_BACK;
                }
                Thread.sleep(every);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            LOG.error("upgrade: the health watch failed ({}); the next start decides (tanhe upgrade check)", e.toString());
        }
        return Outcome.STOPPED;
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
