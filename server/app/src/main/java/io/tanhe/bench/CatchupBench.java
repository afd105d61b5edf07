package io.tanhe.bench;

import io.tanhe.drivers.schedule.Acquisition;
import io.tanhe.server.site.Site;
import io.tanhe.server.site.SiteLoader;
import io.tanhe.server.store.FileTrees;
import io.tanhe.server.terminal.Terminal;
import io.tanhe.server.terminal.TerminalSettings;
import io.tanhe.server.terminal.TerminalStats;
import io.tanhe.sim.SimulatedClock;
import io.tanhe.sim.demo.DemoSite;
import io.tanhe.sim.demo.SimulatedTime;
import io.tanhe.sim.demo.SimulatedType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code tanhe bench catchup}: the demo site runs for 30 simulated minutes, is off for 14 days, and is
 * started again; the bench times the catch-up of the outage (every minute of the 14 days computed
 * and stored at every grain, docs/site.md "After an outage") until the terminal reports it done.
 * Prints {@code catchup: days=<n> seconds=<n> days_per_min=<n> peak_heap_mb=<n>}, the peak being the
 * heap pools' peaks summed during the catch-up (an upper bound: the pools peak at different moments).
 */
@Command(name = "catchup", mixinStandardHelpOptions = true,
        description = "Time the catch-up of the demo site after 14 days off.")
public final class CatchupBench implements Callable<Integer> {
    /** 08:00 local on a June day, as the terminal's outage tests start. */
    private static final Instant START = OffsetDateTime.parse("2026-06-01T08:00:00+08:00").toInstant();

    @Option(names = "--days", defaultValue = "14", description = "Days the terminal is off (default ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--timeout", defaultValue = "20m", description = "Give up after this long (default ${DEFAULT-VALUE}).")
    String timeout;

    @Override
    public Integer call() throws Exception {
        if (days < 2) {
            System.err.println("bench catchup: --days must be at least 2 (an outage of a day or less is not caught up day by day)");
            return 2;
        }
        Duration limit = io.tanhe.grammar.config.Durations.parse(timeout);
        Path dir = Files.createTempDirectory("tanhe-catchup");
        try {
            Site site = new SiteLoader(Clock.systemUTC()).with(new SimulatedType()).load(DemoSite.writeTo(dir.resolve("data")));
            try (Terminal terminal = Terminal.open(site, settings(dir), Clock.systemUTC())) {
                SimulatedTime before = simulate(terminal, site, START, 900, START.plus(Duration.ofMinutes(30)));
                if (!before.awaitEnd(Duration.ofMinutes(5))) {
                    System.err.println("bench catchup: the 30 minutes before the outage did not run within 5 minutes");
                    return 1;
                }
                before.close();
            }
            System.out.printf(Locale.ROOT, "setup: the demo site ran 30 simulated minutes from %s; off for %d days%n", START, days);
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
            long t0 = System.nanoTime();
            TerminalStats.CatchUp last = null;
            try (Terminal terminal = Terminal.open(site, settings(dir), Clock.systemUTC())) {
                SimulatedTime after = simulate(terminal, site, START.plus(Duration.ofDays(days)), 60, null);
                boolean seen = false;
                int shown = -1;
                while (System.nanoTime() - t0 < limit.toNanos()) {
                    TerminalStats.CatchUp c = terminal.catchUp();
                    if (c != null) {
                        seen = true;
                        last = c;
                        if (c.daysDone() != shown) {
                            shown = c.daysDone();
                            System.out.printf(Locale.ROOT, "progress: %d of %d days stored, %.1f s%n", c.daysDone(), c.daysTotal(),
                                    (System.nanoTime() - t0) / 1e9);
                        }
                    } else if (seen) {
                        break;
                    }
                    Thread.sleep(50);
                }
                after.close();
                if (terminal.catchUp() != null || !seen) {
                    System.err.println("bench catchup: the outage was " + (seen ? "not caught up within " + timeout : "not noticed"));
                    return 1;
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "catch-up: %d days (the outage's %d local days) stored in %.1f s from the start of the terminal%n",
                    days, last.daysTotal(), seconds);
            System.out.printf(Locale.ROOT, "catchup: days=%d seconds=%.1f days_per_min=%.1f peak_heap_mb=%d%n",
                    days, seconds, days / (seconds / 60), peakHeapMb());
            return 0;
        } finally {
            FileTrees.delete(dir);
        }
    }

    private static TerminalSettings settings(Path dir) {
        return TerminalSettings.defaults(dir.resolve("data"));
    }

    private static SimulatedTime simulate(Terminal terminal, Site site, Instant from, double speed, Instant end) {
        SimulatedClock clock = new SimulatedClock(from, site.zone());
        Acquisition acquisition = terminal.createAcquisition(clock);
        SimulatedTime time = new SimulatedTime(clock, acquisition.scheduler(), site.drivers(), terminal.intake(), speed, end);
        time.start();
        return time;
    }

    private static long peakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak >> 20;
    }
}
