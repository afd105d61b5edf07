package io.tanhe.engine.rules;

import io.tanhe.engine.rules.alert.Alert;
import io.tanhe.engine.rules.alert.Severity;
import io.tanhe.engine.rules.alert.Transition;
import io.tanhe.engine.rules.fact.ObservationFact;
import io.tanhe.engine.rules.threshold.Operator;
import io.tanhe.engine.rules.threshold.Threshold;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlertLifecycleTest {

    private static Threshold high(Duration escalateAfter) {
        return Threshold.of("feed-high", "coal_feed", Operator.GT, 100, Severity.WARNING)
                .with(d -> d.escalateAfter = escalateAfter);
    }

    @Test
    void breachRaisesAnAlertWithItsTriggeringObservationAndRule() throws Exception {
        Recorder r = Recorder.quiet(high(null));
        r.at(0, "coal_feed", 90);
        assertTrue(r.events.isEmpty());
        r.at(1, "coal_feed", 130);
        assertEquals(List.of(Transition.RAISED), r.transitions());
        Alert a = r.last().alert();
        assertEquals("threshold/feed-high", a.name());
        assertEquals("threshold on observation", a.rule());
        assertEquals("coal_feed", a.subject());
        assertEquals(Recorder.T0.plusSeconds(1), a.raisedAt());
        assertEquals(Severity.WARNING, a.severity());
        assertEquals("coal_feed = 130 t/h, limit > 100 t/h", a.message());
        ObservationFact trigger = (ObservationFact) a.triggers().get(0);
        assertEquals(130, trigger.value());
        assertTrue(a.active());
    }

    @Test
    void acknowledgementRecordsWhoAndWhenAndDoesNotClear() throws Exception {
        Recorder r = Recorder.quiet(high(null));
        r.at(0, "coal_feed", 130);
        String id = r.last().alert().id();
        r.at(60, "coal_feed", 131);
        Alert acked = r.engine.acknowledge(id, "operator-li").orElseThrow();
        assertEquals(Transition.ACKNOWLEDGED, r.last().transition());
        assertEquals("operator-li", acked.acknowledgedBy());
        assertEquals(Recorder.T0.plusSeconds(60), acked.acknowledgedAt());
        assertTrue(acked.active());
        assertEquals(List.of(acked), r.engine.activeAlerts());
        assertTrue(r.engine.acknowledge("no-such-id", "operator-li").isEmpty());
    }

    @Test
    void conditionEndingClearsTheAlertAutomatically() throws Exception {
        Recorder r = Recorder.quiet(high(null));
        r.at(0, "coal_feed", 130);
        r.at(10, "coal_feed", 99);
        assertEquals(List.of(Transition.RAISED, Transition.CLEARED), r.transitions());
        Alert cleared = r.last().alert();
        assertEquals(Recorder.T0.plusSeconds(10), cleared.clearedAt());
        assertFalse(cleared.active());
        assertEquals(r.events.get(0).alert().id(), cleared.id());
        assertTrue(r.engine.activeAlerts().isEmpty());
    }

    @Test
    void persistingUnacknowledgedAlertEscalatesOnceAtItsDueTime() throws Exception {
        Recorder r = Recorder.quiet(high(Duration.ofMinutes(30)));
        r.at(0, "coal_feed", 130);
        r.at(29 * 60, "coal_feed", 131);
        assertEquals(List.of(Transition.RAISED), r.transitions());
        r.at(45 * 60, "coal_feed", 132);
        r.at(90 * 60, "coal_feed", 133);
        assertEquals(List.of(Transition.RAISED, Transition.ESCALATED), r.transitions());
        Alert escalated = r.last().alert();
        assertEquals(Severity.MAJOR, escalated.severity());
        assertEquals(Recorder.T0.plusSeconds(30 * 60), escalated.escalatedAt());
    }

    @Test
    void acknowledgedAlertDoesNotEscalate() throws Exception {
        Recorder r = Recorder.quiet(high(Duration.ofMinutes(30)));
        r.at(0, "coal_feed", 130);
        r.engine.acknowledge(r.last().alert().id(), "operator-li");
        r.at(60 * 60, "coal_feed", 131);
        assertEquals(List.of(Transition.RAISED, Transition.ACKNOWLEDGED), r.transitions());
        assertNull(r.last().alert().escalatedAt());
    }

    @Test
    void engineDefaultEscalationAppliesWhenTheThresholdHasNone() throws Exception {
        Recorder r = new Recorder(RuleSet.generic(), RulesSettings.defaults().withGapAfter(Duration.ofDays(1))
                .withEscalateAfter(Duration.ofMinutes(5)), high(null));
        r.at(0, "coal_feed", 130);
        r.engine.advanceTo(Recorder.T0.plusSeconds(300));
        assertEquals(List.of(Transition.RAISED, Transition.ESCALATED), r.transitions());
    }

    @Test
    void listenerFailureDoesNotStopOtherListenersOrTheRules() throws Exception {
        Recorder r = Recorder.quiet(high(null));
        r.engine.removeListener(r);
        r.engine.addListener(e -> {
            throw new IllegalStateException("store down");
        });
        r.engine.addListener(r);
        r.at(0, "coal_feed", 130);
        r.at(1, "coal_feed", 10);
        assertEquals(List.of(Transition.RAISED, Transition.CLEARED), r.transitions());
    }
}
