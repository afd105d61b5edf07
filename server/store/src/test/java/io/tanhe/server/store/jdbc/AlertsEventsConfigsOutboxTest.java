package io.tanhe.server.store.jdbc;

import io.tanhe.server.store.Alert;
import io.tanhe.server.store.AlertState;
import io.tanhe.server.store.ConfigVersion;
import io.tanhe.server.store.Event;
import io.tanhe.server.store.EventKind;
import io.tanhe.server.store.LoggedEvent;
import io.tanhe.server.store.NewAlert;
import io.tanhe.server.store.OutboxEntry;
import io.tanhe.server.store.OutboxMessage;
import io.tanhe.server.store.OutboxStatus;
import io.tanhe.engine.rules.alert.Severity;
import io.tanhe.server.store.StoreException;
import io.tanhe.server.store.TimeRange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static io.tanhe.server.store.Samples.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ParameterizedClass
@EnumSource(Engine.class)
class AlertsEventsConfigsOutboxTest {
    @Parameter
    Engine engine;

    private static final TimeRange DAY = TimeRange.of(T0, T0.plus(Duration.ofDays(1)));

    @TempDir
    Path dir;
    JdbcStore store;

    @BeforeEach
    void open() {
        store = TestStores.open(engine, dir);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static NewAlert alert(String key, Instant at) {
        return new NewAlert(key, "ncv-range", Severity.WARNING, at, "NCV outside 15…30 GJ/t", "{\"ncv\": 41.2}");
    }

    @Test
    void anAlertGoesFromRaisedToAcknowledgedToCleared() {
        Alert raised = store.alerts().raise(alert("ncv-range/coal/1", T0));
        assertEquals(AlertState.RAISED, raised.state());
        Alert acked = store.alerts().acknowledge(raised.id(), "operator1", T0.plusSeconds(60), "lab re-test ordered").orElseThrow();
        assertEquals(AlertState.ACKNOWLEDGED, acked.state());
        assertEquals("operator1", acked.acknowledgedBy());
        assertEquals("lab re-test ordered", acked.acknowledgeComment());
        Alert cleared = store.alerts().clear(raised.id(), T0.plusSeconds(120)).orElseThrow();
        assertEquals(AlertState.CLEARED, cleared.state());
        assertEquals(T0.plusSeconds(60), cleared.acknowledgedAt());
        assertEquals("{\"ncv\": 41.2}", cleared.raised().factsJson());
        Alert again = store.alerts().acknowledge(raised.id(), "someone-else", T0.plusSeconds(180)).orElseThrow();
        assertEquals("operator1", again.acknowledgedBy());
        assertEquals("lab re-test ordered", again.acknowledgeComment(), "the first acknowledgement's comment stays");
    }

    @Test
    void raisingTheSameAlertTwiceReturnsTheFirst() {
        Alert first = store.alerts().raise(alert("k", T0));
        Alert second = store.alerts().raise(alert("k", T0.plusSeconds(5)));
        assertEquals(first, second);
    }

    @Test
    void alertsByStateAndTimeNewestFirst() {
        Alert a = store.alerts().raise(alert("a", T0));
        Alert b = store.alerts().raise(alert("b", T0.plusSeconds(10)));
        store.alerts().raise(alert("c", T0.plus(Duration.ofDays(2))));
        store.alerts().clear(a.id(), T0.plusSeconds(20));
        assertEquals(List.of(b.id()), store.alerts().alerts(Set.of(AlertState.RAISED), DAY).stream().map(Alert::id).toList());
        assertEquals(List.of(b.id(), a.id()), store.alerts().alerts(Set.of(), DAY).stream().map(Alert::id).toList());
        assertTrue(store.alerts().acknowledge(12345, "x", T0).isEmpty());
    }

    @Test
    void eventsComeBackInTimeOrder() {
        store.events().append(new Event(T0.plusSeconds(5), EventKind.SOURCE_SWITCH, "coal_belt", "switched to backup", null));
        store.events().append(new Event(T0, EventKind.RESTART, "", "terminal started", "{\"crash\": true}"));
        List<LoggedEvent> events = store.events().events(DAY);
        assertEquals(List.of(EventKind.RESTART, EventKind.SOURCE_SWITCH), events.stream().map(e -> e.event().kind()).toList());
        assertEquals("{}", events.get(1).event().detailsJson());
    }

    @Test
    void configVersionsCountUpOnlyWhenTheContentChanges() {
        ConfigVersion v1 = store.configs().save("site: a\n", "admin", T0, "first");
        ConfigVersion same = store.configs().save("site: a\n", "admin", T0.plusSeconds(1), "again");
        ConfigVersion v2 = store.configs().save("site: b\n", "api:ops", T0.plusSeconds(2), "");
        assertEquals(1, v1.version());
        assertEquals(v1, same);
        assertEquals(2, v2.version());
        assertEquals(64, v2.sha256().length());
        assertEquals(List.of(v1, v2), store.configs().history());
        assertEquals(v1, store.configs().version(1).orElseThrow());
        assertTrue(store.configs().version(3).isEmpty());
    }

    private static OutboxMessage message(String indicator, int minute) {
        Instant start = T0.plus(Duration.ofMinutes(minute));
        return new OutboxMessage("centre-a", indicator, start, start.plusSeconds(60), "payload " + indicator + " " + minute,
                "centre-a/" + indicator + "/" + start);
    }

    @Test
    void theOutboxDeliversEachIndicatorInPeriodOrderAndHoldsBackBehindARetry() {
        Instant now = T0.plus(Duration.ofHours(1));
        for (int m = 2; m >= 0; m--) {
            assertTrue(store.outbox().enqueue(message("E", m), now));
            assertTrue(store.outbox().enqueue(message("F", m), now));
        }
        assertFalse(store.outbox().enqueue(message("E", 0), now));
        List<OutboxEntry> due = store.outbox().due("centre-a", now, 10);
        assertEquals(List.of("E 0", "E 1", "E 2", "F 0", "F 1", "F 2"),
                due.stream().map(e -> e.message().payload().substring(8)).toList());

        store.outbox().retryLater(due.get(0).id(), now.plusSeconds(30), "connection refused");
        store.outbox().acknowledge(due.get(3).id(), now);
        List<OutboxEntry> later = store.outbox().due("centre-a", now.plusSeconds(1), 10);
        assertEquals(List.of("F 1", "F 2"), later.stream().map(e -> e.message().payload().substring(8)).toList());
        OutboxEntry retried = store.outbox().due("centre-a", now.plusSeconds(31), 1).get(0);
        assertEquals(1, retried.attempts());
        assertEquals("connection refused", retried.lastError());
        assertEquals(OutboxStatus.PENDING, retried.status());
        assertEquals(5, store.outbox().pending("centre-a"));
        assertThrows(StoreException.class, () -> store.outbox().acknowledge(999_999, now));
    }
}
