package io.tanhe.server.terminal;

import io.tanhe.drivers.schedule.Acquisition;
import io.tanhe.sim.SimulatedClock;
import io.tanhe.sim.demo.SimulatedTime;
import io.tanhe.server.site.Site;
import io.tanhe.server.site.SiteFiles;

import java.io.PrintStream;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

/**
 * A terminal process for {@link TerminalCrashTest}: {@code load SITE_FILE DATA_DIR} runs the demo site
 * on fast simulated time (continuing where the stored data ends) and prints {@code ack <idempotency key>}
 * for every reading once it is durably stored, until it is killed; {@code recover SITE_FILE DATA_DIR}
 * opens the terminal (which rebuilds the open buckets from the store), closes it cleanly and prints
 * {@code recovered}.
 */
public final class CrashChild {
    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        Site site = SiteFiles.load(Path.of(args[1]));
        Path data = Path.of(args[2]);
        Terminal terminal = Terminal.open(site, TerminalSettings.defaults(data)
                .withFlushInterval(java.time.Duration.ofMillis(100)), Clock.systemUTC());
        if (args[0].equals("recover")) {
            terminal.close();
            out.println("recovered");
            return;
        }
        terminal.onAcknowledged(r -> out.println("ack " + r.idempotencyKey()));
        Instant start = terminal.store().readings().latestMeasuredAt().orElse(DemoRuns.START);
        SimulatedClock clock = new SimulatedClock(start, site.zone());
        Acquisition acquisition = terminal.createAcquisition(clock);
        new SimulatedTime(clock, acquisition.scheduler(), site.drivers(), terminal.intake(), 1000, null).start();
        out.println("running");
        Thread.sleep(Long.MAX_VALUE);
    }
}
