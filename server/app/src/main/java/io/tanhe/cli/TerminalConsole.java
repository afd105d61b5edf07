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

    /** Sends logs to a file in the data directory (must run before the first logger is created). */
    static void logTo(Path dataDir) {
        try {
            io.tanhe.server.store.PrivateFiles.directory(dataDir);        // 0700
            io.tanhe.server.store.PrivateFiles.file(dataDir.resolve("tanhe.log")); // 0600 before the logger opens it
        } catch (java.io.IOException e) {
            return;
        }
        System.setProperty("org.slf4j.simpleLogger.logFile", dataDir.resolve("tanhe.log").toString());
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.io.javalin", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.org.drools", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.org.kie", "warn");
    }

    void banner(Path dataDir) {
        var site = terminal.site();
        out.println("tanhe: site " + site.identity().siteId() + " (" + site.identity().siteName() + ")");
        out.println("tanhe: methodology " + site.methodology().id() + " " + site.methodology().version() + ", "
                + site.bindings().size() + " points bound, store " + dataDir.toAbsolutePath().normalize()
                + ", log " + dataDir.resolve("tanhe.log"));
        terminal.apiAddress().ifPresent(a -> out.println("tanhe: API at " + a + "  (try: curl " + a + "/api/status)"));
        out.println("tanhe: press Ctrl-C to stop");
    }

    /** Installs the shutdown hook and starts the summary thread. */
    void start() {
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
        out.println("tanhe: stopped cleanly; " + terminal.stats().acknowledged() + " readings stored, "
                + terminal.stats().resultsWritten() + " results written");
        out.flush();
        stopped.countDown();
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
        return String.format(Locale.ROOT, "%s | readings %.1f/s, %d stored | %s | alerts open %d | store %s", at, perSecond,
                s.acknowledged(), hour, terminal.openAlerts(), health.ok() ? "ok" : health.state() + ": " + health.detail());
    }
}
