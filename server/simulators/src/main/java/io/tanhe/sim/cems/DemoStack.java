package io.tanhe.sim.cems;

import io.tanhe.server.hj212.DataFlag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The demo's stack CEMS: a data logger ({@link CemsLoggerSimulator}) that uploads the flue gas of coal
 * unit 1 every {@link #STEP} of simulated time to the terminal's {@code hj212-logger} source, in step with
 * the demo's simulated time (no thread of its own: see {@code SimulatedTime.follow}). The
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

    private final Instant begin;
    private final CemsLoggerSimulator logger;
    /** The next upload's time. */
    private Instant next;

    private DemoStack(Instant begin, CemsLoggerSimulator logger) {
        this.begin = begin;
        this.logger = logger;
        this.next = begin;
    }

    /**
     * Connects to the logger source at {@code host:port}; uploads from {@code begin} as simulated time reaches
     * them ({@link #uploadUntil}, driven by the demo's simulated time, {@code SimulatedTime.follow}).
     */
    public static DemoStack start(ZoneId zone, String host, int port, String mn, Instant begin) throws IOException {
        return new DemoStack(begin, CemsLoggerSimulator.connect(host, port, mn, zone, Duration.ofSeconds(5), 3));
    }

    /**
     * Uploads every packet due up to {@code now} (inclusive), each once the terminal has answered it (9014, sent
     * after its values are in the terminal's intake), so readings polled later in simulated time come after them.
     */
    public void uploadUntil(Instant now) throws IOException {
        while (!next.isAfter(now)) {
            Instant at = next;
            logger.upload(at, at, STEP, t -> flag(begin, t), DemoStack::profile);
            if (calibrationEnds(begin, at)) {
                logger.calibrationReport(at, "a05001", at, "0.012", "1.003");
            }
            next = next.plus(STEP);
        }
    }

    /** The logger is silent up to {@code now} (inclusive): what was due then is never sent. */
    public void skipUntil(Instant now) {
        while (!next.isAfter(now)) {
            next = next.plus(STEP);
        }
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

    @Override
    public void close() {
        try {
            logger.close();
        } catch (IOException e) {
            LOG.debug("closing the demo CEMS logger: {}", e.toString());
        }
    }
}
