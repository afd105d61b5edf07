package io.tanhe.server.terminal;

import io.tanhe.engine.rules.verification.VerificationFinding;
import io.tanhe.engine.time.Grain;
import io.tanhe.server.store.StoredFinding;
import io.tanhe.server.store.StoredResult;
import io.tanhe.server.store.TimeRange;
import io.tanhe.server.store.jdbc.JdbcStore;
import io.tanhe.server.store.jdbc.StoreSettings;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end on the demo terminal: the gas meter is past its calibration (due 2026-04-20), so when the day 31 May closes,
 * its gas figure is a V2 finding carrying the corrected figure (× 1.005 for its ±0.5 % class), and the stored figure
 * stays as measured.
 */
@Tag("slow")
@Timeout(180)
class CorrectedFigureLiveTest {
    private static final Instant BEFORE_MIDNIGHT = OffsetDateTime.parse("2026-05-31T23:45:00+08:00").toInstant();
    private static final Instant MAY_31 = OffsetDateTime.parse("2026-05-31T00:00:00+08:00").toInstant();

    @TempDir
    Path dir;

    @Test
    void theClosedDaysGasFigureOfTheOverdueMeterCarriesItsCorrectedFigure() throws Exception {
        DemoRuns.run(dir.resolve("site"), dir.resolve("data"), BEFORE_MIDNIGHT, Duration.ofMinutes(30));
        try (JdbcStore store = JdbcStore.open(StoreSettings.at(dir.resolve("data")))) {
            TimeRange day = TimeRange.of(MAY_31, MAY_31.plus(Duration.ofDays(1)));
            List<StoredFinding> found = store.findings().between(day, Optional.of("gas_burned"), 100);
            assertEquals(1, found.size(), found.toString());
            VerificationFinding f = found.getFirst().finding();
            assertEquals("VG-01.01/V2", f.check());
            assertEquals("gas_burned[gt1,natural_gas]", f.subject());
            assertEquals(Grain.DAY, f.grain());
            assertEquals(MAY_31, f.from());
            List<StoredResult> stored = store.results().current("gas_burned", "gt1,natural_gas", Grain.DAY, day);
            assertEquals(1, stored.size(), stored.toString());
            double measured = stored.getFirst().result().value();
            assertTrue(measured > 0, "the demo burned gas in the last quarter hour of 31 May");
            assertEquals(measured, f.measured(), 1e-9, "the finding measures the figure as stored: the store keeps it as measured");
            assertTrue(f.bound().startsWith("corrected ") && f.bound().endsWith(" × 1.005 (meter gas-meter-gt1)"), f.bound());
            assertTrue(f.message().contains("calibration due 2026-04-20"), f.message());
            double corrected = Double.parseDouble(f.bound().substring("corrected ".length(), f.bound().indexOf(' ', "corrected ".length())));
            assertEquals(measured * 1.005, corrected, 1e-6);
            assertFalse(store.findings().between(day, Optional.of("coal_burned"), 100).stream()
                    .anyMatch(s -> s.finding().bound().startsWith("corrected")), "the coal scale is within its calibration");
        }
    }
}
