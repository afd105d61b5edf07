package io.tanhe.sim.cems;

import io.tanhe.server.hj212.DataFlag;
import io.tanhe.sim.SimulatedClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The demo's stack CEMS: a data logger ({@link CemsLoggerSimulator}) that uploads the flue gas of coal
 * unit 1 every {@link #STEP} of simulated time to the terminal's {@code hj212-logger} source. The
 * flue-gas flow follows the demo coal scale's load cycle (the same sine over 3 h from 2020-01-01 as
 * {@code sim.demo.Signal}), so the CEMS figure tracks the accounting one, about 2 % below it, as a
 * real unit's might. Once a day, counted from the demo's start, the analyser is calibrated for 25 min
 * from 3 h 20 min (flag C, span gas on the cell: its hour is substituted), after which the logger reports the new
 * intercept and slope with the calibration time (3020: i13006–i13008), and has a 12-min fault from
 * 4 h 20 min (flag D: its hour keeps 47 valid minutes and stays measured).
 */
public final class DemoStack implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DemoStack.class);
    /** Between two uploads, in simulated time. */
    public static final Duration STEP = Duration.ofSeconds(5);
    /** Where the daily calibration begins, after the demo's start. */
    public static final Duration CALIBRATION = Duration.ofMinutes(200);
    public static final Duration CALIBRATION_LENGTH = Duration.ofMinutes(25);
    /** Where the daily analyser fault begins, after the demo's start. */
    public static final Duration FAULT = Duration.ofMinutes(260);
    public static final Duration FAULT_LENGTH = Duration.ofMinutes(12);
    private static final Instant EPOCH = Instant.parse("2020-01-01T00:00:00Z");

    private final SimulatedClock clock;
    private final Instant begin;
    private final CemsLoggerSimulator logger;
    private final Thread thread;
    private volatile boolean running = true;

    private DemoStack(SimulatedClock clock, Instant begin, CemsLoggerSimulator logger) {
        this.clock = clock;
        this.begin = begin;
        this.logger = logger;
        this.thread = new Thread(this::run, "tanhe-demo-cems");
        thread.setDaemon(true);
    }

    /** Connects to the logger source at {@code host:port} and uploads from {@code begin} as the simulated clock moves. */
    public static DemoStack start(SimulatedClock clock, String host, int port, String mn, Instant begin) throws IOException {
        DemoStack s = new DemoStack(clock, begin, CemsLoggerSimulator.connect(host, port, mn, clock.getZone(), Duration.ofSeconds(5), 3));
        s.thread.start();
        return s;
    }

    /** The CO2 flag at {@code t}: C in the daily calibration, D in the daily fault, else N. */
    public static DataFlag flag(Instant begin, Instant t) {
        long inDay = Math.floorMod(Duration.between(begin, t).toSeconds(), 86_400L);
        if (inDay >= CALIBRATION.toSeconds() && inDay < CALIBRATION.plus(CALIBRATION_LENGTH).toSeconds()) {
            return DataFlag.C;
        }
        if (inDay >= FAULT.toSeconds() && inDay < FAULT.plus(FAULT_LENGTH).toSeconds()) {
            return DataFlag.D;
        }
        return DataFlag.N;
    }

    /** Whether {@code t} is the first upload after the daily calibration, when the logger reports its intercept and slope (3020). */
    static boolean calibrationEnds(Instant begin, Instant t) {
        return Math.floorMod(Duration.between(begin, t).toSeconds(), 86_400L) == CALIBRATION.plus(CALIBRATION_LENGTH).toSeconds();
    }

    /** The flue gas at {@code t}: code → value text as the logger sends it (HJ 212-2017 Table B.2 units). */
    public static Map<String, String> profile(Instant t) {
        double hours = (t.getEpochSecond() - EPOCH.getEpochSecond()) / 3600.0;
        double load = 1 + 0.15 * Math.sin(2 * Math.PI * hours / 3.0);
        Map<String, String> v = new LinkedHashMap<>();
        v.put("a05001", String.format(Locale.ROOT, "%.3f", 12.3 + 0.05 * Math.sin(2 * Math.PI * hours / 0.7)));
        v.put("a00000", String.format(Locale.ROOT, "%.1f", 1070 * load));
        v.put("a01011", String.format(Locale.ROOT, "%.2f", 12.5 * load));
        v.put("a01012", "50.0");
        v.put("a01013", "-0.500");
        v.put("a01006", "101.325");
        v.put("a01014", "10.0");
        v.put("a19001", "6.0");
        return v;
    }

    private void run() {
        Instant next = begin;
        try {
            while (running) {
                Instant now = clock.instant();
                while (!next.isAfter(now) && running) {
                    Instant at = next;
                    logger.upload(at, at, STEP, t -> flag(begin, t), DemoStack::profile);
                    if (calibrationEnds(begin, at)) {
                        logger.calibrationReport(at, "a05001", at, "0.012", "1.003");
                    }
                    next = next.plus(STEP);
                }
                Thread.sleep(20);
            }
        } catch (IOException e) {
            LOG.warn("demo CEMS logger stopped: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
            logger.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.debug("closing the demo CEMS logger: {}", e.toString());
        }
    }
}
