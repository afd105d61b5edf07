package io.tanhe.server.terminal;

import io.tanhe.drivers.config.ConfiguredSource;
import io.tanhe.drivers.schedule.Acquisition;
import io.tanhe.server.cems.Hj212LoggerSource;
import io.tanhe.server.store.Alert;
import io.tanhe.server.store.TimeRange;
import io.tanhe.server.store.jdbc.JdbcStore;
import io.tanhe.server.store.jdbc.StoreSettings;
import io.tanhe.sim.SimulatedClock;
import io.tanhe.sim.cems.DemoStack;
import io.tanhe.sim.demo.SimulatedTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The demo at high speed: the stack CEMS (a push source over HJ 212) and the polled meters move on one
 * simulated clock, so no point looks late to the data-gap rule however fast the demo runs
 * ({@code tanhe demo --speed 720} raised and cleared about 20,000 data-gap alerts a simulated day
 * while its CEMS logger ran on a thread of its own), and a logger that really stops still raises
 * one gap per point that clears once when it comes back.
 */
@Timeout(180)
class DemoDataGapTest {
    private static final double SPEED = 720;

    @TempDir
    Path dir;

    @Test
    void theDemoAt720TimesSpeedRaisesNoDataGap() throws Exception {
        Instant end = DemoRuns.START.plus(Duration.ofHours(1));
        run(end, t -> true);
        assertEquals(Map.of(), gapsByPoint(end), "data-gap alerts by point");
    }

    @Test
    void aStackLoggerSilentForTwoMinutesRaisesOneGapPerPointThatClearsOnce() throws Exception {
        Instant end = DemoRuns.START.plus(Duration.ofMinutes(30));
        Instant silentFrom = DemoRuns.START.plus(Duration.ofMinutes(10));
        Instant silentUntil = silentFrom.plus(Duration.ofMinutes(2));
        run(end, t -> t.isBefore(silentFrom) || !t.isBefore(silentUntil));
        Map<String, Long> gaps = gapsByPoint(end);
        Map<String, Long> expected = new TreeMap<>();
        for (String p : List.of("stack1.co2", "stack1.flow", "stack1.temperature", "stack1.static_pressure",
                "stack1.ambient_pressure", "stack1.moisture", "stack1.o2")) {
            expected.put(p, 1L);
        }
        assertEquals(expected, gaps, "one data-gap alert per stack point");
        try (JdbcStore store = JdbcStore.open(StoreSettings.at(dir.resolve("data")))) {
            for (Alert a : dataGaps(store, end)) {
                assertEquals(silentFrom.minus(DemoStack.STEP), a.raised().raisedAt().minus(Duration.ofSeconds(10)),
                        "raised 10 s after the last upload: " + a);
                assertEquals(silentUntil, a.clearedAt(), "cleared by the first upload after the silence: " + a);
            }
        }
    }

    /** Runs the demo terminal with its stack CEMS from {@link DemoRuns#START} to {@code end}; the logger uploads when {@code uploads} says. */
    private void run(Instant end, java.util.function.Predicate<Instant> uploads) throws Exception {
        try (Terminal terminal = DemoRuns.open(dir.resolve("site"), dir.resolve("data"), UnaryOperator.identity(),
                DemoRuns.settings(dir.resolve("data")))) {
            SimulatedClock clock = new SimulatedClock(DemoRuns.START, terminal.site().zone());
            Acquisition acquisition = terminal.createAcquisition(clock);
            SimulatedTime time = new SimulatedTime(clock, acquisition.scheduler(), terminal.site().drivers(), terminal.intake(),
                    SPEED, end);
            try (DemoStack stack = DemoStack.start(terminal.site().zone(), "127.0.0.1", loggerPort(terminal), "DEMOSTACK0000001", DemoRuns.START)) {
                time.follow(t -> {
                    if (uploads.test(t)) {
                        stack.uploadUntil(t);
                    } else {
                        stack.skipUntil(t);
                    }
                });
                time.start();
                if (!time.awaitEnd(Duration.ofMinutes(2))) {
                    throw new IllegalStateException("the simulation did not reach its end within 2 minutes");
                }
                time.close();
            }
        }
    }

    private static int loggerPort(Terminal terminal) {
        for (ConfiguredSource s : terminal.site().drivers().sources()) {
            if (s instanceof ConfiguredSource.Pushed p && p.source() instanceof Hj212LoggerSource logger) {
                return logger.port();
            }
        }
        throw new IllegalStateException("the demo site has no hj212-logger source");
    }

    private Map<String, Long> gapsByPoint(Instant end) {
        try (JdbcStore store = JdbcStore.open(StoreSettings.at(dir.resolve("data")))) {
            return dataGaps(store, end).stream().collect(Collectors.groupingBy(
                    a -> a.raised().message().substring(0, a.raised().message().indexOf(':')), TreeMap::new, Collectors.counting()));
        }
    }

    private static List<Alert> dataGaps(JdbcStore store, Instant end) {
        return store.alerts().alerts(Set.of(), TimeRange.of(Instant.EPOCH, end.plusSeconds(1))).stream()
                .filter(a -> a.raised().ruleId().equals("data-gap")).toList();
    }
}
