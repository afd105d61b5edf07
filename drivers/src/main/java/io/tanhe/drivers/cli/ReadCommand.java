package io.tanhe.drivers.cli;

import io.tanhe.drivers.Reading;
import io.tanhe.drivers.config.DriverConfiguration;
import io.tanhe.grammar.config.InvalidConfigException;
import io.tanhe.drivers.config.PointsFileLoader;
import io.tanhe.drivers.registry.SourceTypes;
import io.tanhe.drivers.schedule.Acquisition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code tanhe read --config POINTS.yaml [--once|--watch]}: local commissioning (section 8.1).
 * {@code --once} prints one table and exits 1 if any point could not be read; {@code --watch}
 * redraws the latest readings and per-device failure counts every second until Ctrl-C.
 */
@Command(name = "read", mixinStandardHelpOptions = true,
        description = "Read the devices of a points file and show the readings with their quality.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:every point was read", "1:some point could not be read", "2:the points file is invalid"})
public final class ReadCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "POINTS.yaml", description = "The points file (YAML or JSON).")
    Path config;

    @Option(names = "--once", description = "Read every device once and print one table (default).")
    boolean once;

    @Option(names = "--watch", description = "Keep polling on schedule and redraw a live table until Ctrl-C.")
    boolean watch;

    private final PrintStream out;
    private final PrintStream err;

    public ReadCommand() {
        this(System.out, System.err);
    }

    ReadCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (once && watch) {
            err.println("read: choose --once or --watch, not both");
            return 2;
        }
        Clock clock = Clock.systemDefaultZone();
        DriverConfiguration cfg;
        try {
            cfg = new PointsFileLoader(SourceTypes.all()).load(config, clock);
        } catch (InvalidConfigException e) {
            err.println(e.getMessage());
            return 2;
        }
        if (watch) {
            return watch(cfg, clock);
        }
        try (Acquisition acquisition = new Acquisition(cfg, r -> { }, s -> { }, clock)) {
            return once(acquisition, clock);
        }
    }

    private int once(Acquisition acquisition, Clock clock) {
        List<Reading> readings = acquisition.readAllOnce();
        out.print(ReadingTable.render(readings, clock.getZone()));
        long failed = readings.stream().filter(r -> !r.quality().hasValue()).count();
        if (failed > 0) {
            err.println("read: " + failed + " of " + readings.size() + " point(s) could not be read");
            return 1;
        }
        return 0;
    }

    private int watch(DriverConfiguration cfg, Clock clock) throws InterruptedException {
        Map<String, Reading> latest = new ConcurrentHashMap<>();
        Map<String, long[]> perDevice = new ConcurrentHashMap<>();
        Map<String, String> switches = new ConcurrentHashMap<>();
        try (Acquisition live = new Acquisition(cfg, r -> {
            latest.put(r.pointId(), r);
            long[] c = perDevice.computeIfAbsent(r.sourceId(), k -> new long[2]);
            synchronized (c) {
                c[0]++;
                if (!r.quality().hasValue()) {
                    c[1]++;
                }
            }
        }, s -> switches.put(s.pointId(), s.at() + " " + s.from() + " -> " + s.to() + ": " + s.reason()), clock)) {
            CountDownLatch stop = new CountDownLatch(1);
            Thread hook = new Thread(stop::countDown);
            Runtime.getRuntime().addShutdownHook(hook);
            live.start();
            while (!stop.await(Duration.ofSeconds(1).toMillis(), TimeUnit.MILLISECONDS)) {
                List<Reading> rows = new ArrayList<>(latest.values());
                rows.sort(Comparator.comparing(Reading::pointId));
                StringBuilder screen = new StringBuilder("\033[H\033[2J");
                screen.append("tanhe read --watch ").append(config).append("   (Ctrl-C to stop)\n\n");
                screen.append(ReadingTable.render(rows, clock.getZone())).append('\n');
                screen.append(ReadingTable.renderErrors(new LinkedHashMap<>(perDevice)));
                switches.values().forEach(s -> screen.append("\nswitch: ").append(s));
                out.print(screen);
                out.flush();
            }
        }
        return 0;
    }
}
