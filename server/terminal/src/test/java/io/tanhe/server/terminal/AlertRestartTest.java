package io.tanhe.server.terminal;

import io.tanhe.server.evaluation.Replay;
import io.tanhe.engine.rules.alert.Severity;
import io.tanhe.server.store.Alert;
import io.tanhe.server.store.AlertState;
import io.tanhe.server.store.TimeRange;
import io.tanhe.server.store.jdbc.StoreSettings;
import io.tanhe.server.store.jdbc.JdbcStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A restart gives the rules back the alerts the store has open: an alert acknowledged before the
 * restart stays acknowledged (so it does not escalate) and the ongoing condition raises no second alert.
 */
@Timeout(120)
class AlertRestartTest {
    private static final TimeRange ALL = TimeRange.of(Instant.EPOCH, Replay.END_OF_TIME);
    private static final String GAS = "threshold/gt1-gas-flow-high";
    /** The gas flow always exceeds this limit; escalation after 10 min (the alert, raised at about 08:01, would escalate before 08:15). */
    private static final UnaryOperator<String> ALWAYS_HIGH = s -> s.replace("limit: 46000", "limit: 30000")
            .replace("clear: 45000", "clear: 29000").replace("escalate_after: 1h", "escalate_after: 10m");

    @TempDir
    Path dir;

    @Test
    void anAlertAcknowledgedBeforeARestartStaysAcknowledgedAndIsNotRaisedAgain() throws Exception {
        Path data = dir.resolve("data");
        run(data, DemoRuns.START, Duration.ofMinutes(3));
        long id;
        try (JdbcStore store = JdbcStore.open(StoreSettings.at(data))) {
            List<Alert> gas = gasAlerts(store);
            assertEquals(1, gas.size(), gas.toString());
            id = gas.get(0).id();
            store.alerts().acknowledge(id, "operator-li", DemoRuns.START.plus(Duration.ofMinutes(3)));
        }
        run(data, DemoRuns.START.plus(Duration.ofMinutes(3)), Duration.ofMinutes(12));
        try (JdbcStore store = JdbcStore.open(StoreSettings.at(data))) {
            List<Alert> gas = gasAlerts(store);
            assertEquals(1, gas.size(), "the condition went on over the restart: still one alert, " + gas);
            Alert a = gas.get(0);
            assertEquals(id, a.id());
            assertEquals(AlertState.ACKNOWLEDGED, a.state());
            assertEquals("operator-li", a.acknowledgedBy());
            assertNull(a.escalatedAt(), "an acknowledged alert does not escalate, also not after a restart");
            assertEquals(Severity.WARNING, a.severity());
        }
    }

    private static List<Alert> gasAlerts(JdbcStore store) {
        return store.alerts().alerts(EnumSet.allOf(AlertState.class), ALL).stream()
                .filter(a -> a.raised().ruleId().equals(GAS)).toList();
    }

    private void run(Path data, Instant from, Duration length) throws InterruptedException {
        try (Terminal t = DemoRuns.open(dir.resolve("site"), data, ALWAYS_HIGH, DemoRuns.settings(data))) {
            DemoRuns.simulate(t, from, length);
        }
    }
}
