package io.tanhe.cli;

import io.tanhe.engine.time.Grain;
import io.tanhe.server.recompute.LatePlant;
import io.tanhe.server.store.TimeRange;
import io.tanhe.server.store.jdbc.StoreSettings;
import io.tanhe.server.store.jdbc.JdbcStore;
import io.tanhe.server.terminal.Terminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `tanhe recompute` on the store of a stopped terminal that received a late reading and stopped before recomputing. */
@Timeout(120)
class RecomputeCommandTest {
    private static final Instant YESTERDAY = LatePlant.local("2025-10-02T00:00");

    @TempDir
    Path dir;

    @Test
    void recomputesTheClosedDaysOfAStoppedTerminalAndAnswersTheirRequests() throws Exception {
        Path data = dir.resolve("data");
        try (Terminal t = LatePlant.open(dir.resolve("site"), data, Duration.ofHours(1))) {
            LatePlant.deliver(t, LatePlant.yesterdayEvening());
            LatePlant.deliver(t, List.of(LatePlant.LATE_NOON));
        }
        CliRun r = CliRun.of("recompute", "--from", "2025-10-01", "--to", "2025-10-03", "--data-dir", data.toString());
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(4, lines.size(), r.out());
        assertTrue(lines.get(0).startsWith("2025-10-01: 1 reading replayed; 0 results revised, 0 new, 0 unchanged"), r.out());
        // the day's readings 12:00 (late), 18:00 … 23:00, the next at 00:00 today and the month's C_ar
        assertTrue(lines.get(1).matches("2025-10-02: 9 readings replayed; [1-9]\\d* results revised, [1-9]\\d* new, \\d+ unchanged;"
                + " 1 late-data request done"), r.out());
        assertEquals("2025-10-03: in the open window (from 2025-10-03), rebuilt from the raw store when the terminal starts; skipped",
                lines.get(2));
        assertTrue(lines.get(3).matches("recompute: 2 days recomputed, [1-9]\\d* results revised, [1-9]\\d* new"), r.out());
        try (JdbcStore store = JdbcStore.open(StoreSettings.at(data))) {
            assertEquals(0, store.recomputeQueue().pendingCount());
            // 12:00 … 24:00 at 10 t/h: 1240 − 1120 = 120 t (60 t before the noon reading arrived)
            assertEquals(120, store.results().current("coal_burned", "unit1", Grain.DAY,
                    TimeRange.of(YESTERDAY, YESTERDAY.plusSeconds(1))).get(0).result().value(), 1e-9);
        }

        CliRun again = CliRun.of("recompute", "--from", "2025-10-02", "--data-dir", data.toString());
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().contains("recompute: 1 day recomputed, 0 results revised, 0 new"), again.out());
    }

    @Test
    void aRunningTerminalsStoreIsRefused() throws Exception {
        Path data = dir.resolve("data");
        try (Terminal t = LatePlant.open(dir.resolve("site"), data, Duration.ofHours(1))) {
            LatePlant.deliver(t, LatePlant.yesterdayEvening());
            CliRun r = CliRun.of("recompute", "--from", "2025-10-02", "--data-dir", data.toString());
            assertEquals(1, r.exit());
            assertTrue(r.err().contains("runs on " + data.toAbsolutePath() + " and recomputes late data by itself; stop it first"), r.err());
        }
    }

    @Test
    void badDaysAndAMissingStoreAreRefusedWithTheReason() {
        Path data = dir.resolve("nothing-here");
        CliRun month = CliRun.of("recompute", "--from", "2025-13-01", "--data-dir", data.toString());
        assertEquals(2, month.exit());
        assertEquals("recompute: --from: `2025-13-01` is not a day; write it as 2026-10-03", month.err().strip());
        CliRun backwards = CliRun.of("recompute", "--from", "2025-10-03", "--to", "2025-10-01", "--data-dir", data.toString());
        assertEquals(2, backwards.exit());
        assertTrue(backwards.err().contains("--to 2025-10-01 is before --from 2025-10-03"), backwards.err());
        CliRun none = CliRun.of("recompute", "--from", "2025-10-01", "--data-dir", data.toString());
        assertEquals(2, none.exit());
        assertTrue(none.err().contains("recompute: no store in " + data.toAbsolutePath()), none.err());
    }

}
