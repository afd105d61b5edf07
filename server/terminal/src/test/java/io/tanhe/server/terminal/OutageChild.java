package io.tanhe.server.terminal;

import io.tanhe.drivers.schedule.Acquisition;
import io.tanhe.server.site.Site;
import io.tanhe.server.site.SiteFiles;
import io.tanhe.sim.SimulatedClock;
import io.tanhe.sim.demo.SimulatedTime;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A terminal in a child JVM for {@link OutageCatchUpTest}: {@code before SITE DATA} simulates the demo
 * plant for 30 minutes from {@link DemoRuns#START} and stops; {@code after SITE DATA} simulates from two
 * weeks later (or where the stored data ends, after a kill) until the outage is caught up, printing
 * {@code ack KEY} per acknowledged reading, {@code progress DONE/LEFT (…)} (days stored by this run, of
 * those left at its start) while it catches up, then
 * {@code caught-up SECONDS DAYS} and {@code heap-peak-mb N}.
 */
public final class OutageChild {
    static final Duration OUTAGE = Duration.ofDays(14);

    private OutageChild() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        Site site = SiteFiles.load(Path.of(args[1]));
        Path data = Path.of(args[2]);
        Terminal terminal = Terminal.open(site, TerminalSettings.defaults(data).withFlushInterval(Duration.ofMillis(200)),
                Clock.systemUTC());
        terminal.onFailure(what -> {
            out.println("failed " + what);
            Runtime.getRuntime().halt(70);
        });
        terminal.onAcknowledged(r -> out.println("ack " + r.idempotencyKey()));
        boolean before = args[0].equals("before");
        Instant start = before ? DemoRuns.START : terminal.store().readings().latestMeasuredAt()
                .map(t -> t.plusSeconds(1)).filter(t -> t.isAfter(DemoRuns.START.plus(OUTAGE)))
                .orElse(DemoRuns.START.plus(OUTAGE));
        SimulatedClock clock = new SimulatedClock(start, site.zone());
        Acquisition acquisition = terminal.createAcquisition(clock);
        SimulatedTime time = new SimulatedTime(clock, acquisition.scheduler(), site.drivers(), terminal.intake(), 60,
                before ? start.plus(Duration.ofMinutes(30)) : null);
        long t0 = System.nanoTime();
        time.start();
        if (before) {
            time.awaitEnd(Duration.ofMinutes(5));
        } else {
            boolean seen = false;
            int shown = -1;
            int base = -1;
            while (true) {
                TerminalStats.CatchUp c = terminal.catchUp();
                if (c != null) {
                    seen = true;
                    if (base < 0) {
                        base = c.daysDone(); // days stored before this run (a restart after a kill)
                    }
                    if (c.daysDone() - base != shown) {
                        shown = c.daysDone() - base;
                        out.println("progress " + shown + "/" + (c.daysTotal() - base) + " (" + c.daysDone() + " of "
                                + c.daysTotal() + " days stored, " + String.format(java.util.Locale.ROOT, "%.2f", c.daysPerSecond())
                                + " days/s)");
                    }
                } else if (seen || (System.nanoTime() - t0 > 20e9 && !Files.exists(data.resolve(OutageMarker.NAME)))) {
                    break;
                }
                Thread.sleep(100);
            }
            out.println("caught-up " + (System.nanoTime() - t0) / 1_000_000_000 + " " + (shown + 1));
        }
        time.close();
        terminal.close();
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        long old = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getName().contains("Tenured") || p.getName().contains("Old"))
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        out.println("heap-peak-mb " + peak / (1024 * 1024) + " old-gen-peak-mb " + old / (1024 * 1024));
        out.println("done");
    }
}
