package io.tanhe.drivers.schedule;

import io.tanhe.drivers.Reading;
import io.tanhe.drivers.ReadingSink;
import io.tanhe.drivers.config.ConfiguredSource;
import io.tanhe.drivers.config.DriverConfiguration;
import io.tanhe.drivers.failover.Failover;
import io.tanhe.drivers.failover.SourceSwitch;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Runs a loaded points file: polls its devices on schedule, starts its push sources, and sends
 * every reading through the point checks ({@link PointQuality}) and backup failover
 * ({@link Failover}) to one sink.
 */
public final class Acquisition implements AutoCloseable {
    private final DriverConfiguration config;
    private final PointQuality quality;
    private final ReadingSink input;
    private final PollScheduler scheduler;
    private final Clock clock;

    public Acquisition(DriverConfiguration config, ReadingSink sink, Consumer<SourceSwitch> switches, Clock clock) {
        this.config = config;
        this.clock = clock;
        Failover failover = new Failover(config.backups(), config.pointsByDevice(), config.failover(), sink, switches, clock);
        this.quality = new PointQuality(config.pointSettings(), failover);
        this.input = quality;
        List<ConfiguredSource.Polled> polled = config.sources().stream()
                .filter(ConfiguredSource.Polled.class::isInstance).map(ConfiguredSource.Polled.class::cast).toList();
        this.scheduler = new PollScheduler(polled, input, clock);
    }

    /** Starts the schedule and the push sources. */
    public void start() {
        config.sources().stream().filter(ConfiguredSource.Pushed.class::isInstance)
                .map(s -> ((ConfiguredSource.Pushed) s).source()).forEach(s -> s.start(input));
        scheduler.start();
    }

    /** The scheduler, for read-on-command and tests. */
    public PollScheduler scheduler() {
        return scheduler;
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
            for (ConfiguredSource s : config.sources()) {
                if (s instanceof ConfiguredSource.Polled p) {
                    polls.add(CompletableFuture.supplyAsync(() -> p.device().poll(at), pool));
                }
            }
            List<Reading> out = new ArrayList<>();
            polls.forEach(f -> f.join().forEach(r -> out.add(quality.judge(r))));
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Override
    public void close() {
        scheduler.close();
        config.close();
    }
}
