package io.tanhe.sim;

import io.tanhe.server.hj212.Qn;
import io.tanhe.server.hj212.message.QnSequence;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The demo's clock, which the terminal and its uplink read. */
class SimulatedClockTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @Test
    void aClockInAnotherZoneMovesWithTheDemoClock() {
        SimulatedClock clock = new SimulatedClock(Instant.parse("2026-11-20T00:00:00Z"), ZONE);
        Clock utc = clock.withZone(ZoneId.of("UTC"));
        clock.set(Instant.parse("2026-11-20T00:15:00Z"));
        assertEquals(Instant.parse("2026-11-20T00:15:00Z"), utc.instant());
        assertEquals(ZoneId.of("UTC"), utc.getZone());
    }

    @Test
    void uploadQnsAreTheTimeOfSendingNotTheDemosStartPlusACounter() {
        // issue 12, 8f: the uplink's QNs read the demo clock through withZone, which stood still at the start
        SimulatedClock clock = new SimulatedClock(Instant.parse("2026-11-20T00:00:00Z"), ZONE);
        QnSequence viaZone = new QnSequence(clock.withZone(ZONE));
        viaZone.get();
        clock.set(Instant.parse("2026-11-20T00:17:00Z"));
        assertEquals(new Qn(LocalDateTime.of(2026, 11, 20, 8, 17)), viaZone.get());
        QnSequence direct = new QnSequence(clock, ZONE);
        clock.set(Instant.parse("2026-11-20T00:32:00.250Z"));
        assertEquals(new Qn(LocalDateTime.of(2026, 11, 20, 8, 32, 0, 250_000_000)), direct.get());
    }
}
