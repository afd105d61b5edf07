package io.tanhe.cli;

import io.tanhe.sim.demo.SimulatedType;
import io.tanhe.drivers.schedule.Acquisition;
import io.tanhe.server.api.TimeText;
import io.tanhe.sim.demo.DemoSite;
import io.tanhe.sim.demo.SimulatedClock;
import io.tanhe.sim.demo.SimulatedTime;
import io.tanhe.server.site.InvalidSiteException;
import io.tanhe.server.site.Site;
import io.tanhe.server.site.SiteLoader;
import io.tanhe.server.uplink.config.InvalidUplinkConfigException;
import io.tanhe.server.uplink.config.UplinkConfigLoader;
import io.tanhe.server.api.TerminalApi;
import io.tanhe.server.terminal.Terminal;
import io.tanhe.server.terminal.TerminalSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

/** {@code tanhe demo}: a complete terminal on the bundled demo plant with simulated meters. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run a complete terminal on the bundled demo site: a power plant (cn.power-generation 2022.1)",
                "with a simulated coal belt scale, gas flow meter, purchased-power meter (with a backup) and a",
                "monthly lab C_ar entry, all through the real driver interface. Stores under --data-dir, prints",
                "a summary line every few seconds and serves a read-only HTTP API. Ctrl-C stops it cleanly."})
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data", description = "store directory (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "API address to bind (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--port", defaultValue = "8017", description = "API port; 0 for any free port, -1 for no API (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--minutes", paramLabel = "N", description = "stop after N minutes of simulated time (default: run until Ctrl-C)")
    Double minutes;

    @Option(names = "--speed", paramLabel = "F", defaultValue = "1", description = "simulated seconds per wall second (default: ${DEFAULT-VALUE})")
    double speed;

    @Option(names = "--start", paramLabel = "TIME", description = "simulated start, e.g. 2026-06-01T08:00 (default: now, or where the stored data ends)")
    String start;

    @Option(names = "--summary-every", paramLabel = "SECONDS", defaultValue = "5", description = "seconds between summary lines (default: ${DEFAULT-VALUE})")
    double summaryEvery;

    @Option(names = "--uplink", paramLabel = "FILE",
            description = "report to the data centres of this uplink file (format: docs/uplink.md; example: docs/examples/uplink/two-centres.yaml)")
    Path uplinkFile;

    @Override
    public Integer call() throws Exception {
        if (speed <= 0 || speed > 100_000) {
            System.err.println("demo: --speed must lie in (0, 100000], not " + speed);
            return 2;
        }
        TerminalConsole.logTo(dataDir);
        Path siteFile = DemoSite.writeTo(dataDir);
        Site site;
        try {
            site = new SiteLoader(Clock.systemUTC()).with(new SimulatedType()).load(siteFile);
            if (uplinkFile != null) {
                site = site.withUplink(UplinkConfigLoader.load(uplinkFile));
            }
        } catch (InvalidSiteException | InvalidUplinkConfigException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        Terminal terminal = Terminal.open(site, TerminalSettings.defaults(dataDir), Clock.systemUTC());
        if (port >= 0) {
            TerminalApi.start(terminal, host, port);
        }
        Instant begin = startTime(terminal, site);
        SimulatedClock clock = new SimulatedClock(begin, site.zone());
        Acquisition acquisition = terminal.createAcquisition(clock);
        terminal.startUplink(clock);
        Instant end = minutes == null ? null : begin.plusMillis((long) (minutes * 60_000));
        SimulatedTime time = new SimulatedTime(clock, acquisition.scheduler(), site.drivers(), terminal.intake(), speed, end);
        TerminalConsole console = new TerminalConsole(terminal, System.out, Duration.ofMillis((long) (summaryEvery * 1000)));
        console.banner(dataDir);
        System.out.println("tanhe: simulated time starts at " + begin.atZone(site.zone()) + (speed == 1 ? "" : " at " + speed + "× speed")
                + (end == null ? "" : ", ends at " + end.atZone(site.zone())));
        console.start();
        time.start();
        if (end != null) {
            time.awaitEnd(Duration.ofDays(36_500));
            time.close();
            System.out.println(console.line(0));
            console.stop();
        } else {
            Thread.currentThread().join();
        }
        return console.exitStatus();
    }

    private Instant startTime(Terminal terminal, Site site) {
        if (start != null) {
            return TimeText.parse(start, site.zone());
        }
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        return terminal.store().readings().latestMeasuredAt().map(t -> t.plusSeconds(1)).filter(t -> t.isAfter(now)).orElse(now);
    }
}
