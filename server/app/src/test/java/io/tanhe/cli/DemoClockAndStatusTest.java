package io.tanhe.cli;

import io.tanhe.server.uplink.status.CentreStatus;
import io.tanhe.server.uplink.status.StatusFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 12, defect 11: the demo's clock and zone are the terminal's, for the demo and for `uplink status`. */
class DemoClockAndStatusTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Instant WALL = Instant.parse("2026-12-05T23:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aRestartOfADemoStartedInThePastResumesWhereItsDataEndsAndSaysSo() {
        List<String> said = new ArrayList<>();
        Instant storedEnd = Instant.parse("2026-06-01T00:30:00Z");
        Instant begin = DemoCommand.startTime(null, Optional.of(storedEnd), WALL, ZONE, said::add);
        assertEquals(storedEnd.plusSeconds(1), begin, "no jump to the wall clock");
        assertEquals(1, said.size(), said.toString());
        assertTrue(said.get(0).contains("resuming simulated time where the stored data ends, 2026-06-01 08:30:01 +08:00"), said.get(0));
        assertTrue(said.get(0).contains("187 days before the wall clock"), said.get(0));

        said.clear();
        assertEquals(WALL, DemoCommand.startTime("now", Optional.of(storedEnd), WALL, ZONE, said::add));
        assertTrue(said.get(0).contains("jumps to the wall clock"), said.toString());
        assertEquals(WALL, DemoCommand.startTime(null, Optional.empty(), WALL, ZONE, s -> { }));
        assertEquals(Instant.parse("2026-06-01T00:00:00Z"), DemoCommand.startTime("2026-06-01T08:00", Optional.of(storedEnd), WALL, ZONE, s -> { }));
    }

    @Test
    void uplinkStatusUnderADemoClockMonthsInThePastShowsLocalTimesAndDoesNotAskWhetherTheTerminalRuns() {
        Instant demoNow = Instant.parse("2026-06-01T00:15:00.123456789Z");
        Path uplink = dir.resolve("uplink");
        StatusFiles.write(uplink, new CentreStatus("province", "hj212-tcp", "127.0.0.1:8212", true, demoNow.minusSeconds(60),
                0, null, 0, null, demoNow, ZONE, Instant.now()));
        CliRun r = CliRun.of("uplink", "status", "--data-dir", dir.toString());
        assertEquals(0, r.exit(), r.err());
        assertFalse(r.out().contains("is the terminal running?"), r.out());
        assertTrue(r.out().contains("2026-06-01 08:15:00 Asia/Shanghai +08:00"), r.out());
        assertTrue(r.out().contains("2026-06-01 08:14:00"), r.out());
        assertFalse(r.out().contains(".123456789"), r.out());
        assertFalse(r.out().contains("T00:15"), r.out());

        StatusFiles.write(uplink, new CentreStatus("province", "hj212-tcp", "127.0.0.1:8212", true, null,
                0, null, 0, null, demoNow, ZONE, Instant.now().minusSeconds(600)));
        CliRun stale = CliRun.of("uplink", "status", "--data-dir", dir.toString());
        assertTrue(stale.out().contains("(written 10 min ago: is the terminal running?)"), stale.out());
    }
}
