package io.tanhe.drivers.failover;

import io.tanhe.drivers.Quality;
import io.tanhe.drivers.Reading;
import io.tanhe.drivers.schedule.SteppingClock;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FailoverTest {
    private final SteppingClock clock = new SteppingClock(Instant.parse("2025-03-01T00:00:00Z"), ZoneOffset.UTC);
    private final List<Reading> out = new ArrayList<>();
    private final List<SourceSwitch> switches = new ArrayList<>();
    private final Failover failover = new Failover(Map.of("a", "b"),
            Map.of("a", Set.of("gas"), "b", Set.of("gas", "only-b")),
            new FailoverSettings(Duration.ofSeconds(10), Duration.ofSeconds(30)), out::add, switches::add, clock);

    private void good(String source, String value) {
        failover.accept(Reading.measured("gas", clock.instant(), new BigDecimal(value), "Nm3", source));
    }

    private void timeout(String source) {
        failover.accept(Reading.failed("gas", clock.instant(), "Nm3", Quality.TIMEOUT, source, "no answer"));
    }

    /** Both devices polled every second for {@code seconds}; the primary answers only when {@code primaryUp}. */
    private void run(int seconds, boolean primaryUp) {
        for (int i = 0; i < seconds; i++) {
            clock.advance(Duration.ofSeconds(1));
            if (primaryUp) {
                good("a", "1");
            } else {
                timeout("a");
            }
            good("b", "2");
        }
    }

    @Test
    void primaryFeedsWhileHealthyAndBackupIsHeldBack() {
        run(30, true);
        assertTrue(out.stream().allMatch(r -> r.sourceId().equals("a") && r.quality() == Quality.MEASURED));
        assertEquals(List.of(), switches);
    }

    @Test
    void backupTakesOverAfterTenSecondsWithoutAGoodPrimaryReading() {
        run(5, true);
        out.clear();
        run(9, false);
        assertEquals(List.of(), switches, "9 s is not enough");
        assertTrue(out.stream().allMatch(r -> r.sourceId().equals("a") && r.quality() == Quality.TIMEOUT));
        out.clear();
        run(1, false);
        assertEquals(1, switches.size());
        SourceSwitch s = switches.get(0);
        assertEquals(new SourceSwitch("gas", "a", "b", Instant.parse("2025-03-01T00:00:15Z"),
                "no good reading from a for 10s"), s);
        Reading fed = out.get(out.size() - 1);
        assertEquals(Quality.BACKUP, fed.quality());
        assertEquals("b", fed.sourceId());
        assertEquals(new BigDecimal("2"), fed.value());
    }

    @Test
    void primaryTakesOverOnlyAfterTheHoldOffSoItDoesNotFlap() {
        run(11, false);
        assertEquals(1, switches.size());
        run(20, true);
        timeout("a");
        run(30, true);
        assertEquals(1, switches.size(), "a blip restarts the hold-off");
        out.clear();
        run(1, true);
        assertEquals(2, switches.size());
        assertEquals("b", switches.get(1).from());
        assertEquals("a", switches.get(1).to());
        assertTrue(switches.get(1).reason().startsWith("primary good again"));
        out.clear();
        run(3, true);
        assertTrue(out.stream().allMatch(r -> r.sourceId().equals("a") && r.quality() == Quality.MEASURED), out.toString());
    }

    @Test
    void nothingFromThePrimaryAtAllAlsoSwitches() {
        clock.advance(Duration.ofSeconds(10));
        good("b", "2");
        assertEquals(1, switches.size());
        assertEquals(Quality.BACKUP, out.get(0).quality());
    }

    @Test
    void pointsOnlyTheBackupFeedsPassUnchanged() {
        clock.advance(Duration.ofSeconds(60));
        failover.accept(Reading.measured("only-b", clock.instant(), BigDecimal.TEN, "", "b"));
        assertEquals(Quality.MEASURED, out.get(0).quality());
        assertEquals(List.of(), switches);
    }
}
