package io.tanhe.cli;

import io.tanhe.sim.demo.SimulatedType;
import io.tanhe.sim.cems.DemoStack;
import io.tanhe.server.cems.Hj212LoggerSource;
import io.tanhe.drivers.schedule.Acquisition;
import io.tanhe.server.api.TimeText;
import io.tanhe.sim.demo.DemoSite;
import io.tanhe.sim.SimulatedClock;
import io.tanhe.sim.demo.SimulatedTime;
import io.tanhe.grammar.config.InvalidConfigException;
import io.tanhe.server.site.Site;
import io.tanhe.server.site.SiteLoader;
import io.tanhe.server.uplink.config.UplinkConfigLoader;
import io.tanhe.server.api.TerminalApi;
import io.tanhe.server.console.Console;
import io.tanhe.server.terminal.Terminal;
import io.tanhe.server.terminal.TerminalSettings;
import io.tanhe.server.api.ApiBinding;
import io.tanhe.server.security.access.AccessControl;
import io.tanhe.server.security.access.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.Callable;

/** {@code tanhe demo}: a complete terminal on the bundled demo plant with simulated meters. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run a complete terminal on the bundled demo site: a power plant (cn.power-generation 2022.1)",
                "with a simulated coal belt scale, gas flow meter, purchased-power meter (with a backup) and a",
                "monthly lab C_ar entry, all through the real driver interface. Stores under --data-dir, prints",
                "a summary line every few seconds and serves the HTTP API: sign in with the accounts of the first",
                "start, or use the viewer token it writes to DIR/viewer.token (docs/security.md). Ctrl-C stops it cleanly."})
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data", description = "store directory (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Mixin
    ApiOptions api = new ApiOptions();

    @Option(names = "--minutes", paramLabel = "N", description = "stop after N minutes of simulated time (default: run until Ctrl-C)")
    Double minutes;

    @Option(names = "--speed", paramLabel = "F", defaultValue = "1", description = "simulated seconds per wall second (default: ${DEFAULT-VALUE})")
    double speed;

    @Option(names = "--start", paramLabel = "TIME", description = "simulated start, e.g. 2026-06-01T08:00, or now for the wall clock (default: where the stored data ends, else now)")
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
        ApiBinding binding = null;
        java.util.List<io.tanhe.server.security.access.Cidr> scrapers = java.util.List.of();
        if (api.enabled()) {
            try {
                binding = api.binding();
                scrapers = api.scrapers();
            } catch (IllegalArgumentException e) {
                System.err.println("demo: " + e.getMessage());
                return 2;
            }
        }
        TerminalConsole.logTo(dataDir);
        // a new demo's first accounts: hashed (a few hundred ms) while the site loads and the store opens
        java.util.Optional<AccessControl.FirstPasswords> firstPasswords = binding != null
                ? TerminalSecurity.hashAheadIfNew(dataDir) : java.util.Optional.empty();
        Path siteFile = DemoSite.writeTo(dataDir);
        Site site;
        try {
            site = new SiteLoader(Clock.systemUTC()).with(new SimulatedType()).load(siteFile);
            if (uplinkFile != null) {
                site = site.withUplink(UplinkConfigLoader.load(uplinkFile));
            }
        } catch (InvalidConfigException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        Terminal terminal;
        try {
            terminal = Terminal.open(site, TerminalSettings.defaults(dataDir)
                    .withSiteLoader(new SiteLoader(Clock.systemUTC()).with(new SimulatedType())), Clock.systemUTC());
        } catch (io.tanhe.server.security.config.ConfigTamperedException e) {
            System.err.println("tanhe: not started: " + e.getMessage());
            return 1;
        }
        String hint = null;
        if (binding != null) {
            AccessControl access = firstPasswords.map(ahead -> TerminalSecurity.prepare(terminal, dataDir, System.out, ahead))
                    .orElseGet(() -> TerminalSecurity.prepare(terminal, dataDir, System.out));
            TerminalSecurity.ensureToken(access, dataDir.resolve(TerminalSecurity.VIEWER_TOKEN), "demo-viewer", Role.VIEWER);
            TerminalSecurity.ensureToken(access, dataDir.resolve(TerminalSecurity.OPERATOR_TOKEN), "demo-operator", Role.SYSTEM_ADMINISTRATOR);
            try {
                TerminalApi.start(terminal, binding, access, scrapers, RecentLog.tail(), Console.on(access, new SiteLoader(Clock.systemUTC()).with(new SimulatedType())));
                if (binding.tls().isPresent()) {
                    PinnedCertificate.write(binding.tls().get(), dataDir);
                }
            } catch (IllegalArgumentException | java.io.IOException | java.security.GeneralSecurityException e) {
                System.err.println("demo: " + e.getMessage());
                terminal.close();
                return 2;
            }
            hint = "curl " + (binding.tls().isPresent() ? "--cacert " + dataDir.resolve(PinnedCertificate.FILE) + " " : "")
                    + "-H \"Authorization: Bearer $(cat " + dataDir.resolve(TerminalSecurity.VIEWER_TOKEN) + ")\" "
                    + terminal.apiAddress().orElseThrow() + "/api/status";
        }
        Instant begin = startTime(terminal, site);
        SimulatedClock clock = new SimulatedClock(begin, site.zone());
        Acquisition acquisition = terminal.createAcquisition(clock);
        terminal.startUplink(clock);
        Instant end = minutes == null ? null : begin.plusMillis((long) (minutes * 60_000));
        SimulatedTime time = new SimulatedTime(clock, acquisition.scheduler(), site.drivers(), terminal.intake(), speed, end);
        DemoStack stack;
        try {
            stack = startStack(site, time, begin);
        } catch (java.io.IOException e) {
            System.err.println("demo: the simulated CEMS logger cannot connect: " + e.getMessage());
            time.close();
            terminal.close();
            return 1;
        }
        TerminalConsole console = new TerminalConsole(terminal, System.out, Duration.ofMillis((long) (summaryEvery * 1000)));
        console.banner(dataDir, hint);
        if (hint != null) {
            System.out.println("tanhe: web console: " + terminal.apiAddress().orElseThrow() + Console.PREFIX
                    + "/ (sign in with an account below; README: The web console)");
            System.out.println("tanhe: sign in: POST " + terminal.apiAddress().orElseThrow() + "/api/login with {\"username\":\"sysadmin\","
                    + "\"password\":…} (first-start one-time passwords: " + dataDir.resolve(TerminalSecurity.INITIAL_PASSWORDS)
                    + "; roles and first login: docs/security.md)");
            System.out.println("tanhe: act as the administrator: tanhe alerts list --data-dir " + dataDir + "; tanhe alerts ack ID -m TEXT"
                    + " --data-dir " + dataDir + " --token-file " + dataDir.resolve(TerminalSecurity.OPERATOR_TOKEN) + " (docs/operations.md)");
        }
        System.out.println("tanhe: simulated time starts at " + local(begin, site.zone()) + (speed == 1 ? "" : " at " + speed + "× speed")
                + (end == null ? "" : ", ends at " + local(end, site.zone())));
        console.start();
        time.start();
        if (end != null) {
            time.awaitEnd(Duration.ofDays(36_500));
            time.close();
            if (stack != null) {
                stack.close();
            }
            // the last readings may still be in the evaluation queue: the final line shows them once evaluated
            if (!terminal.awaitEvaluated(Duration.ofMinutes(2))) {
                System.err.println("tanhe: the evaluation has not caught up after 2 minutes; the last line below may miss readings");
            }
            System.out.println(console.line(0));
            console.stop();
        } else {
            Thread.currentThread().join();
        }
        return console.exitStatus();
    }

    /**
     * The demo's stack CEMS: a simulated data logger connected to the site's {@code hj212-logger} source, when it has
     * one, uploading as {@code time} passes (in step with the polled meters, whatever the speed).
     */
    private static DemoStack startStack(Site site, SimulatedTime time, Instant begin) throws java.io.IOException {
        for (var s : site.drivers().sources()) {
            if (s instanceof io.tanhe.drivers.config.ConfiguredSource.Pushed p && p.source() instanceof Hj212LoggerSource logger) {
                DemoStack stack = DemoStack.start(site.zone(), "127.0.0.1", logger.port(), "DEMOSTACK0000001", begin);
                time.follow(stack::uploadUntil);
                return stack;
            }
        }
        return null;
    }

    private Instant startTime(Terminal terminal, Site site) {
        return startTime(start, terminal.store().readings().latestMeasuredAt(), Instant.now(), site.zone(), System.out::println);
    }

    /**
     * Where the demo's simulated time starts: {@code --start} (a time, or {@code now} for the wall clock);
     * without it, one second after the stored data ends, so that a restarted demo continues its own
     * timeline (a demo started in the past used to jump to the wall clock, leaving a gap of months in
     * its data without a word); the wall clock when nothing is stored. Says which, when it resumes.
     */
    static Instant startTime(String start, java.util.Optional<Instant> storedEnd, Instant wallNow, ZoneId zone,
                             java.util.function.Consumer<String> say) {
        Instant now = wallNow.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        if (start != null && start.strip().equalsIgnoreCase("now")) {
            storedEnd.filter(end -> end.isBefore(now.minus(Duration.ofMinutes(1)))).ifPresent(end -> say.accept(
                    "tanhe: the stored data ends at " + local(end, zone) + "; the demo jumps to the wall clock, "
                            + gap(end, now) + " later (no data for that gap)"));
            return now;
        }
        if (start != null) {
            return TimeText.parse(start, zone);
        }
        if (storedEnd.isEmpty()) {
            return now;
        }
        Instant resume = storedEnd.get().plusSeconds(1);
        if (resume.isBefore(now.minus(Duration.ofMinutes(1)))) {
            say.accept("tanhe: resuming simulated time where the stored data ends, " + local(resume, zone) + " ("
                    + gap(resume, now) + " before the wall clock; --start now jumps to the wall clock)");
        }
        return resume;
    }

    /** {@code t} as the terminal shows times: local, to the second, with the zone. */
    static String local(Instant t, ZoneId zone) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx").format(t.atZone(zone)) + " (" + zone + ")";
    }

    private static String gap(Instant from, Instant to) {
        Duration d = Duration.between(from, to).abs();
        return d.toDays() >= 2 ? d.toDays() + " days" : d.toHours() >= 2 ? d.toHours() + " hours" : d.toMinutes() + " min";
    }
}
