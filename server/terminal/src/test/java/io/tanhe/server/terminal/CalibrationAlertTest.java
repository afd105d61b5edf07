package io.tanhe.server.terminal;

import io.tanhe.engine.rules.alert.Severity;
import io.tanhe.server.store.Alert;
import io.tanhe.server.store.TimeRange;
import io.tanhe.server.store.jdbc.StoreSettings;
import io.tanhe.server.store.jdbc.JdbcStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A meter of the registry past its calibration raises an alert while the terminal runs and its readings are stored
 * with an overdue note; calibrated ones do not.
 */
@Timeout(120)
class CalibrationAlertTest {
    @TempDir
    Path dir;

    @Test
    void theDemoGasMeterCalibratedInApril2025YearlyRaisesAnOverdueAlertOnJune2026() throws Exception {
        DemoRuns.run(dir.resolve("site"), dir.resolve("data"), DemoRuns.START, Duration.ofMinutes(3));
        try (JdbcStore store = JdbcStore.open(StoreSettings.at(dir.resolve("data")))) {
            List<Alert> alerts = store.alerts().alerts(Set.of(), TimeRange.of(Instant.EPOCH, DemoRuns.START.plus(Duration.ofDays(1))))
                    .stream().filter(a -> a.raised().message().contains("calibration")).toList();
            assertEquals(1, alerts.size(), alerts.toString());
            Alert gas = alerts.get(0);
            assertEquals(Severity.WARNING, gas.raised().severity(), "raised as a warning (then escalated, unacknowledged, after escalate_after like any alert)");
            assertTrue(gas.raised().message().contains("燃机天然气超声波流量计 (gas-meter-gt1) is past its calibration due 2026-04-20"),
                    gas.raised().message());
            assertTrue(gas.raised().message().contains("gt1.gas.total, gt1.gas.flow"), gas.raised().message());

            TimeRange run = TimeRange.of(DemoRuns.START.minus(Duration.ofHours(1)), DemoRuns.START.plus(Duration.ofHours(1)));
            List<io.tanhe.server.store.StoredReading> gasReadings = store.readings().readings("gt1.gas.total", run);
            assertTrue(!gasReadings.isEmpty());
            for (io.tanhe.server.store.StoredReading r : gasReadings) {
                assertTrue(r.detail() != null && r.detail().contains(
                        "calibration overdue: 燃机天然气超声波流量计 (gas-meter-gt1), due 2026-04-20"), r.idempotencyKey() + ": " + r.detail());
            }
            List<io.tanhe.server.store.StoredReading> coal = store.readings().readings("unit1.coal.total", run);
            assertTrue(!coal.isEmpty());
            assertTrue(coal.stream().noneMatch(r -> r.detail() != null && r.detail().contains("calibration overdue")),
                    "the coal scale is within its calibration: its readings carry no note");
        }
    }
}
