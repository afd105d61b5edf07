package io.tanhe.server.terminal;

import io.tanhe.drivers.schedule.Acquisition;
import io.tanhe.sim.SimulatedClock;
import io.tanhe.sim.demo.SimulatedTime;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo plant for two simulated days: the heap after a full collection must be flat from one day
 * to the next (what a terminal keeps grows with its points, not with time), and the run stays bounded
 * in time. Within a day it grows with the open day's buckets (the day's minutes stay in memory until
 * the day closes), so each sample of the second day is compared with the same hour of the first.
 */
@Tag("slow")
class DemoSoakTest {
    private static final Duration DAY = Duration.ofHours(24);
    private static final int SAMPLES_PER_DAY = 12;
    /** A simulated day in a minute: a speed the terminal keeps up with, so the heap holds no backlog of readings. */
    private static final double SPEED = 1440;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void heapIsFlatFromOneSimulatedDayToTheNext() throws Exception {
        Instant start = DemoRuns.START.minus(Duration.ofHours(8)); // local midnight: one whole local day
        List<Long> heapMb = new ArrayList<>();
        TerminalStats stats;
        try (Terminal terminal = DemoRuns.open(dir.resolve("site"), dir.resolve("data"), UnaryOperator.identity(),
                DemoRuns.settings(dir.resolve("data")))) {
            SimulatedClock clock = new SimulatedClock(start, terminal.site().zone());
            Acquisition acquisition = terminal.createAcquisition(clock);
            SimulatedTime time = new SimulatedTime(clock, acquisition.scheduler(), terminal.site().drivers(), terminal.intake(),
                    SPEED, start.plus(DAY.multipliedBy(2)));
            time.start();
            Instant next = start.plus(Duration.ofHours(2));
            while (!time.awaitEnd(Duration.ofMillis(100))) {
                if (!clock.instant().isBefore(next)) {
                    heapMb.add(heapAfterGcMb());
                    next = next.plus(Duration.ofHours(2));
                }
            }
            time.close();
            heapMb.add(heapAfterGcMb());
            stats = terminal.stats();
        }
        System.out.println("demo soak: heap after GC every 2 simulated hours (MB): " + heapMb);
        assertTrue(stats.resultsWritten() > 10_000, "the day was evaluated and stored: " + stats.resultsWritten() + " results");
        assertTrue(heapMb.size() >= 2 * SAMPLES_PER_DAY, "sampled every 2 simulated hours: " + heapMb);
        for (int i = SAMPLES_PER_DAY + 1; i < 2 * SAMPLES_PER_DAY; i++) {
            long dayBefore = heapMb.get(i - SAMPLES_PER_DAY);
            assertTrue(heapMb.get(i) <= dayBefore + 8, "the heap at hour " + 2 * (i + 1) + " is " + heapMb.get(i)
                    + " MB, a day earlier " + dayBefore + " MB: it grows from day to day " + heapMb);
        }
    }

    private static long heapAfterGcMb() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed() >> 20;
    }
}
