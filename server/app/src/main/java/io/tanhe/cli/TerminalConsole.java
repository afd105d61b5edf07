package io.tanhe.cli;

import io.tanhe.server.store.StoreHealth;
import io.tanhe.server.terminal.Terminal;
import io.tanhe.server.terminal.TerminalStats;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * What {@code tanhe demo} and {@code tanhe run} show on the console: where things are, then one
 * summary line every few seconds until the terminal stops (Ctrl-C runs the shutdown hook, which
 * stops the drivers, drains the pipeline and closes the store). Logs go to {@code <data-dir>/tanhe.log}.
 */
final class TerminalConsole {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm");

    private final Terminal terminal;
    private final PrintStream out;
    private final Duration every;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private Thread summary;

    TerminalConsole(Terminal terminal, PrintStream out, Duration every) {
        this.terminal = terminal;
        this.out = out;
        this.every = every;
    }

    /**
     * The log directory the service manager gave ({@code -Dtanhe.log.dir}), read once at start: {@link #logTo} sets
     * the same property (for a configuration of the user's own and /api/system), which must not redirect the next
     * terminal of the same JVM.
     */
    private static final java.util.Optional<String> SERVICE_LOG_DIR =
            java.util.Optional.ofNullable(System.getProperty("tanhe.log.dir")).filter(d -> !d.isBlank());

    /**
     * Sends logs to {@code DIR/tanhe.log}, or to the directory of the system property {@code tanhe.log.dir} when
     * given (the installed service: /var/log/tanhe); must run before the first logger is created. Appended across
     * restarts and rolled by size, a bounded number of files kept ({@link LogConfigurator}; docs/site.md). When the
     * log cannot be written there, says so and leaves the log on standard error.
     */
    static void logTo(Path dataDir) {
        // an installed terminal logs to /var/log/tanhe (the service sets tanhe.log.dir); otherwise beside its data
        Path logDir = SERVICE_LOG_DIR.map(Path::of).orElse(dataDir);
        try {
            io.tanhe.server.store.PrivateFiles.directory(dataDir);        // 0700
            if (!logDir.equals(dataDir)) {
                java.nio.file.Files.createDirectories(logDir);
            }
            io.tanhe.server.store.PrivateFiles.file(logDir.resolve("tanhe.log")); // 0600 before the logger opens it
        } catch (java.io.IOException e) {
            System.err.println("tanhe: cannot write the log in " + logDir.toAbsolutePath() + " (" + e + "); logging to"
                    + " standard error instead (tanhe.log.dir, or the data directory, must be a writable directory)");
            return;
        }
        System.setProperty("tanhe.log.dir", logDir.toAbsolutePath().toString());
        LogConfigurator.logToFiles(logDir.toAbsolutePath());
    }

    /** The log file: beside the data unless the service put it elsewhere (tanhe.log.dir). */
    private static Path logFile(Path dataDir) {
        return SERVICE_LOG_DIR.map(d -> Path.of(d, "tanhe.log")).orElse(dataDir.resolve("tanhe.log"));
    }

    /** @param apiHint how to reach the API (a curl line), or null for the default */
    void banner(Path dataDir, String apiHint) {
        var site = terminal.site();
        out.println("tanhe: site " + site.identity().siteId() + " (" + site.identity().siteName() + ")");
        out.println("tanhe: methodology " + site.methodology().id() + " " + site.methodology().version() + ", "
                + site.bindings().size() + " points bound, store " + dataDir.toAbsolutePath().normalize()
                + ", log " + logFile(dataDir));
        terminal.apiAddress().ifPresent(a -> out.println("tanhe: API at " + a + (apiHint == null ? "" : "  (" + apiHint + ")")));
        out.println("tanhe: press Ctrl-C to stop");
    }

    /** Installs the shutdown hook and starts the summary thread. */
    void start() {
        terminal.onFailure(this::fail);
        terminal.onRestart(this::restart);
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "tanhe-shutdown"));
        summary = new Thread(this::summarise, "tanhe-summary");
        summary.setDaemon(true);
        summary.start();
    }

    /** Stops the terminal (idempotent) and prints the final line. */
    void stop() {
        if (stopped.getCount() == 0) {
            return;
        }
        if (summary != null) {
            summary.interrupt();
        }
        terminal.close();
        if (terminal.deadWorkers().isEmpty()) {
            out.println("tanhe: stopped cleanly; " + terminal.stats().acknowledged() + " readings stored, "
                    + terminal.stats().resultsWritten() + " results written");
        } else {
            out.println("tanhe: stopped after a failure (" + terminal.deadWorkers() + "); " + terminal.stats().acknowledged()
                    + " readings stored, " + terminal.stats().resultsWritten() + " results written; exit " + FAILURE_EXIT);
        }
        out.flush();
        stopped.countDown();
    }

    /** Exit status after a worker died (EX_SOFTWARE): a service manager restarts the terminal. */
    static final int FAILURE_EXIT = 70;

    /** A worker died: say so and exit non-zero (the shutdown hook still stops what can be stopped). */
    private void fail(String what) {
        System.err.println("tanhe: " + what + "; stopping with exit " + FAILURE_EXIT
                + " so that a service manager restarts the terminal (see " + "the log)");
        Thread exit = new Thread(() -> System.exit(FAILURE_EXIT), "tanhe-fatal");
        exit.start();
    }

    /**
     * Exit status asking to be started again (EX_TEMPFAIL), after a restore is ordered or a new release switched in: the unit
     * restarts on it ({@code Restart=on-failure}; {@code RestartForceExitStatus=75} where the upgrade added it).
     */
    static final int RESTART_EXIT = 75;

    /**
     * A restart was asked (a restore was ordered): exit {@value #RESTART_EXIT} a moment later, so the answer that asked
     * for it is sent first; the shutdown hook stops the terminal cleanly. Started from a shell, it stays stopped.
     */
    private void restart(String why) {
        Thread.ofPlatform().name("tanhe-restart").start(() -> {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            System.err.println("tanhe: stopping to restart: " + why + " (exit " + RESTART_EXIT + "; a service manager starts"
                    + " the terminal again, started by hand start it again with the same command)");
            System.exit(RESTART_EXIT);
        });
    }

    /** The exit status the command should end with: non-zero when a worker died. */
    int exitStatus() {
        return terminal.deadWorkers().isEmpty() ? 0 : FAILURE_EXIT;
    }

    private void summarise() {
        long lastAcked = terminal.stats().acknowledged();
        long lastNs = System.nanoTime();
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(every.toMillis());
                long acked = terminal.stats().acknowledged();
                long now = System.nanoTime();
                out.println(line((acked - lastAcked) / ((now - lastNs) / 1e9)));
                lastAcked = acked;
                lastNs = now;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String line(double perSecond) {
        TerminalStats s = terminal.stats();
        var zone = terminal.site().zone();
        String at = s.watermark() == null ? "(no data yet)" : TIME.format(s.watermark().atZone(zone));
        TerminalStats.HourFigure h = s.currentHour();
        String hour = h == null ? "hour —" : String.format(Locale.ROOT, "hour %s %s %.3f %s %s", HOUR.format(h.start().atZone(zone)),
                terminal.headline(), h.value(), h.unit(), h.quality());
        StoreHealth health = terminal.store().health();
        TerminalStats.CatchUp c = s.catchUp();
        String catchUp = c == null ? "" : String.format(Locale.ROOT, " | catching up an outage: %d of %d days stored (%.2f days/s), next %s",
                c.daysDone(), c.daysTotal(), c.daysPerSecond(), c.next().atZone(zone).toLocalDate());
        return String.format(Locale.ROOT, "%s | readings %.1f/s, %d stored | %s | alerts open %d | store %s%s", at, perSecond,
                s.acknowledged(), hour, terminal.openAlerts(), health.ok() ? "ok" : health.state() + ": " + health.detail(), catchUp);
    }
}
