package io.tanhe.engine.rules;

import io.tanhe.engine.rules.alert.Alert;
import io.tanhe.engine.rules.alert.Severity;
import io.tanhe.engine.rules.alert.Transition;
import io.tanhe.engine.rules.threshold.Operator;
import io.tanhe.engine.rules.threshold.Threshold;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A restarted terminal gives the rules back the alerts its store has open: they are neither raised again nor forgotten. */
class AlertRestoreTest {
    private static final Threshold HIGH = Threshold.of("feed-high", "coal_feed", Operator.GT, 100, Severity.WARNING)
            .with(d -> d.escalateAfter = Duration.ofMinutes(30));

    /** What the first run raised at T0 + {@code seconds}, as the store gives it back. */
    private static Alert stored(Recorder first) {
        return first.events.get(first.events.size() - 1).alert();
    }

    private static Alert raisedBefore(long seconds) throws Exception {
        Recorder first = Recorder.quiet(HIGH);
        first.at(seconds, "coal_feed", 130);
        return stored(first);
    }

    @Test
    void aRestoredAlertIsNotRaisedAgainByTheReplayNorByTheOngoingCondition() throws Exception {
        Alert before = raisedBefore(0);
        Recorder second = Recorder.quiet(HIGH);
        assertEquals(List.of(), second.engine.restore(List.of(before)));
        second.at(0, "coal_feed", 130);
        second.at(60, "coal_feed", 131);
        assertEquals(List.of(), second.transitions(), "nothing new: the alert is the one the store has");
        assertEquals(List.of(before), second.engine.activeAlerts());
    }

    @Test
    void anAcknowledgedAlertStaysAcknowledgedAndDoesNotEscalateAfterARestart() throws Exception {
        Alert raised = raisedBefore(0);
        Alert acked = new Alert(raised.id(), raised.name(), raised.rule(), raised.subject(), raised.severity(), raised.message(),
                raised.raisedAt(), Recorder.T0.plusSeconds(120), "operator-li", null, null, List.of());
        Recorder second = Recorder.quiet(HIGH);
        second.engine.restore(List.of(acked));
        second.at(0, "coal_feed", 130);
        second.at(3600, "coal_feed", 131);
        assertEquals(List.of(), second.transitions(), "acknowledged alerts do not escalate, also after a restart");
        assertEquals("operator-li", second.engine.activeAlerts().get(0).acknowledgedBy());
    }

    @Test
    void anUnacknowledgedRestoredAlertEscalatesAtItsOriginalDueTime() throws Exception {
        Alert raised = raisedBefore(0);
        Recorder second = Recorder.quiet(HIGH);
        second.engine.restore(List.of(raised));
        second.at(45 * 60, "coal_feed", 131);
        assertEquals(List.of(Transition.ESCALATED), second.transitions());
        assertEquals(Recorder.T0.plus(Duration.ofMinutes(30)), second.last().alert().escalatedAt());
        assertEquals(Severity.MAJOR, second.last().alert().severity());
    }

    @Test
    void replayedDataFromBeforeTheRaiseDoesNotClearButLaterDataDoes() throws Exception {
        Alert raised = raisedBefore(600);
        Recorder second = Recorder.quiet(HIGH);
        second.engine.restore(List.of(raised));
        second.at(0, "coal_feed", 90);
        assertEquals(List.of(), second.transitions(), "a reading before the raise cannot end the alert");
        second.at(600, "coal_feed", 130);
        second.at(900, "coal_feed", 90);
        assertEquals(List.of(Transition.CLEARED), second.transitions());
        assertEquals(raised.id(), second.last().alert().id());
        assertEquals(Recorder.T0.plusSeconds(900), second.last().alert().clearedAt());
    }

    @Test
    void alertsOfAThresholdNoLongerConfiguredOrAlreadyActiveAreRefused() throws Exception {
        Alert raised = raisedBefore(0);
        Recorder without = Recorder.quiet();
        assertEquals(List.of(raised), without.engine.restore(List.of(raised)), "no threshold would ever clear it");
        assertTrue(without.engine.activeAlerts().isEmpty());
        Recorder twice = Recorder.quiet(HIGH);
        assertEquals(List.of(), twice.engine.restore(List.of(raised)));
        assertEquals(List.of(raised), twice.engine.restore(List.of(raised)));
        Alert cleared = new Alert("other", "threshold/feed-high", raised.rule(), "other_subject", Severity.INFO, "m",
                Instant.EPOCH, null, null, null, Instant.EPOCH, List.of());
        assertEquals(List.of(cleared), twice.engine.restore(List.of(cleared)), "a cleared alert is not active");
    }
}
