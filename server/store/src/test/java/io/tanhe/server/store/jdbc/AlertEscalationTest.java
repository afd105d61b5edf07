package io.tanhe.server.store.jdbc;

import io.tanhe.engine.rules.alert.Severity;
import io.tanhe.server.store.Alert;
import io.tanhe.server.store.AlertState;
import io.tanhe.server.store.NewAlert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static io.tanhe.server.store.Samples.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Escalation is stored like acknowledgement and clearing: durable, idempotent, the first time kept. */
@ParameterizedClass
@EnumSource(Engine.class)
class AlertEscalationTest {
    @Parameter
    Engine engine;

    @TempDir
    Path dir;

    private static NewAlert gasHigh() {
        return new NewAlert("gas-high@" + T0, "threshold/gas-high", Severity.WARNING, T0, "gas flow above 46000 Nm3/h", "{}");
    }

    @Test
    void anEscalationSurvivesClosingAndReopeningTheStore() {
        long id;
        try (JdbcStore store = TestStores.open(engine, dir)) {
            Alert raised = store.alerts().raise(gasHigh());
            assertEquals(Severity.WARNING, raised.severity());
            assertEquals(Optional.empty(), raised.escalated());
            id = raised.id();
            Alert escalated = store.alerts().escalate(id, Severity.MAJOR, T0.plus(Duration.ofHours(1))).orElseThrow();
            assertEquals(Severity.MAJOR, escalated.severity());
            assertEquals(Severity.WARNING, escalated.raised().severity(), "the raised severity is kept");
            assertEquals(AlertState.RAISED, escalated.state(), "escalating does not acknowledge or clear");
        }
        try (JdbcStore store = JdbcStore.open(TestStores.settings(engine, dir))) {
            Alert again = store.alerts().alert(id).orElseThrow();
            assertEquals(Severity.MAJOR, again.severity());
            assertEquals(Severity.WARNING, again.raised().severity());
            assertEquals(Optional.of(T0.plus(Duration.ofHours(1))), again.escalated());
        }
    }

    @Test
    void escalatingTwiceKeepsTheFirstSeverityAndTime() {
        try (JdbcStore store = TestStores.open(engine, dir)) {
            long id = store.alerts().raise(gasHigh()).id();
            store.alerts().escalate(id, Severity.MAJOR, T0.plus(Duration.ofHours(1)));
            Alert replayed = store.alerts().escalate(id, Severity.CRITICAL, T0.plus(Duration.ofHours(3))).orElseThrow();
            assertEquals(Severity.MAJOR, replayed.severity());
            assertEquals(T0.plus(Duration.ofHours(1)), replayed.escalatedAt());
            Alert raisedAgain = store.alerts().raise(gasHigh());
            assertEquals(Severity.MAJOR, raisedAgain.severity(), "a replayed raise returns the escalated alert unchanged");
        }
    }

    @Test
    void escalationKeepsAcknowledgementAndClearingApart() {
        try (JdbcStore store = TestStores.open(engine, dir)) {
            long id = store.alerts().raise(gasHigh()).id();
            store.alerts().escalate(id, Severity.MAJOR, T0.plusSeconds(3600));
            store.alerts().acknowledge(id, "operator-li", T0.plusSeconds(4000));
            Alert cleared = store.alerts().clear(id, T0.plusSeconds(5000)).orElseThrow();
            assertEquals(AlertState.CLEARED, cleared.state());
            assertEquals(Severity.MAJOR, cleared.severity());
            assertEquals("operator-li", cleared.acknowledgedBy());
            assertEquals(T0.plusSeconds(3600), cleared.escalatedAt());
        }
    }

    @Test
    void anAlertAcknowledgedBeforeItCameDueDoesNotEscalate() {
        try (JdbcStore store = TestStores.open(engine, dir)) {
            long id = store.alerts().raise(gasHigh()).id();
            store.alerts().acknowledge(id, "operator-li", T0.plusSeconds(600));
            Alert a = store.alerts().escalate(id, Severity.MAJOR, T0.plusSeconds(3600)).orElseThrow();
            assertEquals(Severity.WARNING, a.severity());
            assertEquals(Optional.empty(), a.escalated());
        }
    }

    @Test
    void escalatingAnUnknownAlertChangesNothingAndAMissingSeverityIsRefused() {
        try (JdbcStore store = TestStores.open(engine, dir)) {
            assertTrue(store.alerts().escalate(4242, Severity.MAJOR, T0).isEmpty());
            long id = store.alerts().raise(gasHigh()).id();
            assertThrows(NullPointerException.class, () -> store.alerts().escalate(id, null, T0));
            assertEquals(Severity.WARNING, store.alerts().alert(id).orElseThrow().severity());
        }
    }
}
