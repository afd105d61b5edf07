package io.tanhe.drivers.schedule;

import io.tanhe.drivers.Reading;
import io.tanhe.drivers.ReadingSink;
import io.tanhe.drivers.config.ConfiguredSource;
import io.tanhe.drivers.config.DriverConfiguration;
import io.tanhe.drivers.failover.Failover;
import io.tanhe.drivers.failover.SourceSwitch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Runs a loaded points file: polls its devices on schedule, starts its push sources, and sends
 * every reading through the point checks ({@link PointQuality}) and backup failover
 * ({@link Failover}) to one sink.
 *
 * <p>Each {@linkplain DriverConfiguration#restartGroups restart group} (a device with its backup, the devices
 * on one shared connection) runs as a unit of its own, with its own checks and failover state, so that
 * {@link #replace} can restart the units whose settings changed while the others keep polling.
 */
public final class Acquisition implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Acquisition.class);
    /** How long a restart waits for a poll of the old settings still running. */
    private static final Duration POLL_WAIT = Duration.ofSeconds(30);

    private final ReadingSink sink;
    private final Consumer<SourceSwitch> switches;
    private final PollScheduler scheduler;
    private final Clock clock;
    /** Device id → the unit that runs it (the devices of one unit share the same object). */
    private final Map<String, Unit> units = new LinkedHashMap<>();
    private boolean started;

    /** One restart group running: its part of the points file and the checks its readings go through. */
    private record Unit(DriverConfiguration config, PointQuality input) {
    }

    public Acquisition(DriverConfiguration config, ReadingSink sink, Consumer<SourceSwitch> switches, Clock clock) {
        this.sink = sink;
        this.switches = switches;
        this.clock = clock;
        this.scheduler = new PollScheduler(List.of(), sink, clock);
        for (Set<String> group : config.restartGroups()) {
            add(config.subset(group));
        }
    }

    private Unit add(DriverConfiguration part) {
        Failover failover = new Failover(part.backups(), part.pointsByDevice(), part.failover(), sink, switches, clock);
        Unit unit = new Unit(part, new PointQuality(part.pointSettings(), failover));
        for (ConfiguredSource s : part.sources()) {
            units.put(s.id(), unit);
            if (s instanceof ConfiguredSource.Polled p) {
                scheduler.add(p, unit.input());
            }
        }
        return unit;
    }

    /** Starts the schedule and the push sources. */
    public synchronized void start() {
        started = true;
        distinctUnits().forEach(this::startPushed);
        scheduler.start();
    }

    private void startPushed(Unit unit) {
        unit.config().sources().stream().filter(ConfiguredSource.Pushed.class::isInstance)
                .map(s -> ((ConfiguredSource.Pushed) s).source()).forEach(s -> s.start(unit.input()));
    }

    private List<Unit> distinctUnits() {
        return units.values().stream().distinct().toList();
    }

    /** The scheduler, for read-on-command and tests. */
    public PollScheduler scheduler() {
        return scheduler;
    }

    /** {@code layout} (the points file the devices run from) with the objects that run them now. */
    public synchronized DriverConfiguration running(DriverConfiguration layout) {
        return layout.runningOn(distinctUnits().stream().map(Unit::config).toList());
    }

    /** The devices running, in the order they were started. */
    public synchronized List<String> devices() {
        return List.copyOf(units.keySet());
    }

    /**
     * Restarts the devices of {@code changed} with their settings in {@code next} (a new version of the points file):
     * each unit holding a changed, added or removed device is stopped (a poll under way is waited for) and its
     * group in {@code next} started; every other unit keeps running on its old objects, and {@code next}'s
     * objects for them are closed unused (loading a points file opens no connection).
     *
     * @param changed the ids of the devices added, removed or changed between the running file and {@code next}
     * @return the devices stopped and the devices started
     * @throws WorkerStartException when a push source of {@code next} cannot start: the units started so far
     *                              are stopped again, the stopped ones stay stopped (the caller restarts them
     *                              with their previous settings)
     */
    public synchronized Restart replace(DriverConfiguration next, Set<String> changed) {
        Set<String> affected = new LinkedHashSet<>(changed);
        List<Set<String>> nextGroups = next.restartGroups();
        List<Unit> stopping = new ArrayList<>();
        List<Set<String>> starting = new ArrayList<>();
        boolean grew = true;
        while (grew) { // a new group may join a running unit (a device added on its bus): both restart
            grew = false;
            for (Unit u : distinctUnits()) {
                if (!stopping.contains(u) && u.config().sources().stream().anyMatch(s -> affected.contains(s.id()))) {
                    stopping.add(u);
                    u.config().sources().forEach(s -> affected.add(s.id()));
                    grew = true;
                }
            }
            for (Set<String> g : nextGroups) {
                if (!starting.contains(g) && g.stream().anyMatch(affected::contains)) {
                    starting.add(g);
                    grew |= affected.addAll(g);
                }
            }
        }
        List<String> stopped = new ArrayList<>();
        for (Unit u : stopping) {
            u.config().sources().forEach(s -> stopped.add(s.id()));
            drop(u);
        }
        Set<String> keep = new LinkedHashSet<>();
        next.sources().forEach(s -> keep.add(s.id()));
        keep.removeAll(affected);
        next.subset(keep).close();
        List<String> begun = new ArrayList<>();
        List<Unit> added = new ArrayList<>();
        for (int i = 0; i < starting.size(); i++) {
            Set<String> g = starting.get(i);
            Unit unit = add(next.subset(g));
            added.add(unit);
            try {
                if (started) {
                    startPushed(unit);
                }
            } catch (RuntimeException e) {
                added.forEach(this::drop);
                starting.subList(i + 1, starting.size()).forEach(x -> next.subset(x).close());
                throw new WorkerStartException(String.join(", ", g), e);
            }
            begun.addAll(g);
        }
        LOG.info("acquisition restarted: stopped {}, started {}; {} other device(s) kept running", stopped, begun, units.size() - begun.size());
        return new Restart(List.copyOf(stopped), List.copyOf(begun));
    }

    private void drop(Unit u) {
        for (ConfiguredSource s : u.config().sources()) {
            scheduler.remove(s.id(), POLL_WAIT);
            units.remove(s.id());
        }
        u.config().close();
    }

    /** What {@link #replace} did: the devices it stopped (old settings) and started (new settings). */
    public record Restart(List<String> stopped, List<String> started) {
    }

    /** A device's new settings would not start; nothing of the new settings runs. */
    public static final class WorkerStartException extends RuntimeException {
        private final String devices;

        WorkerStartException(String devices, Throwable cause) {
            super("device(s) " + devices + " did not start with the new settings: " + cause.getMessage(), cause);
            this.devices = devices;
        }

        /** The devices of the group that failed, joined by ", ". */
        public String devices() {
            return devices;
        }
    }

    /**
     * Polls every polled device once, now, in parallel, and returns the readings with range and
     * stale checks applied but without failover (both a device and its backup are shown).
     */
    public List<Reading> readAllOnce() {
        ExecutorService pool = Executors.newCachedThreadPool();
        try {
            Instant at = clock.instant();
            List<CompletableFuture<List<Reading>>> polls = new ArrayList<>();
            List<Unit> of = new ArrayList<>();
            synchronized (this) {
                for (Unit u : distinctUnits()) {
                    for (ConfiguredSource s : u.config().sources()) {
                        if (s instanceof ConfiguredSource.Polled p) {
                            polls.add(CompletableFuture.supplyAsync(() -> p.device().poll(at), pool));
                            of.add(u);
                        }
                    }
                }
            }
            List<Reading> out = new ArrayList<>();
            for (int i = 0; i < polls.size(); i++) {
                Unit u = of.get(i);
                polls.get(i).join().forEach(r -> out.add(u.input().judge(r)));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Override
    public synchronized void close() {
        scheduler.close();
        distinctUnits().forEach(u -> u.config().close());
        units.clear();
    }
}
