package io.tanhe.server.terminal;

import io.tanhe.drivers.schedule.Acquisition;
import io.tanhe.sim.SimulatedClock;
import io.tanhe.sim.demo.SimulatedTime;
import io.tanhe.server.site.Site;
import io.tanhe.server.site.SiteFiles;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.function.UnaryOperator;

/** Runs the demo site's terminal on simulated time, as `tanhe demo` does, for tests. */
public final class DemoRuns {
    /** 08:00 local on a June day: a test run stays inside one local day. */
    public static final Instant START = OffsetDateTime.parse("2026-06-01T08:00:00+08:00").toInstant();
    public static final double SPEED = 900;

    private DemoRuns() {
    }

    /** Loads the demo site (edited) from {@code siteDir} and opens its terminal on {@code dataDir}. */
    public static Terminal open(Path siteDir, Path dataDir, UnaryOperator<String> edit, TerminalSettings settings) {
        Site site = SiteFiles.load(SiteFiles.demo(siteDir, edit));
        return Terminal.open(site, settings, Clock.systemUTC());
    }

    public static TerminalSettings settings(Path dataDir) {
        return TerminalSettings.defaults(dataDir).withFlushInterval(Duration.ofMillis(200));
    }

    /** Feeds {@code terminal} simulated readings from {@code from} for {@code length}; returns when the simulated end is reached. */
    public static void simulate(Terminal terminal, Instant from, Duration length) throws InterruptedException {
        SimulatedClock clock = new SimulatedClock(from, terminal.site().zone());
        Acquisition acquisition = terminal.createAcquisition(clock);
        SimulatedTime time = new SimulatedTime(clock, acquisition.scheduler(), terminal.site().drivers(), terminal.intake(),
                SPEED, from.plus(length));
        time.start();
        if (!time.awaitEnd(Duration.ofMinutes(2))) {
            throw new IllegalStateException("the simulation did not reach its end within 2 minutes");
        }
        time.close();
    }

    /** Opens, simulates and closes. */
    public static void run(Path siteDir, Path dataDir, Instant from, Duration length) throws InterruptedException {
        try (Terminal t = open(siteDir, dataDir, UnaryOperator.identity(), settings(dataDir))) {
            simulate(t, from, length);
        }
    }
}
