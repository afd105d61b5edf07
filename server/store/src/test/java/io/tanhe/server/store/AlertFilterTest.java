package io.tanhe.server.store;

import io.tanhe.engine.rules.alert.Severity;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlertFilterTest {
    private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
    private static final TimeRange ALL = TimeRange.of(Instant.EPOCH, Instant.parse("9999-01-01T00:00:00Z"));

    private static Alert alert(String rule, Severity raised, Severity now) {
        return new Alert(1, new NewAlert("k", rule, raised, T0, "m", "{}"), AlertState.RAISED, now, null, null, "", null, null);
    }

    @Test
    void theSeverityFilterLooksAtTheCurrentSeverityAndTheRuleFilterAtAPartOfItsId() {
        AlertFilter majorGas = new AlertFilter(Set.of(), ALL, Optional.of(Severity.MAJOR), "gas-flow");
        assertTrue(majorGas.test(alert("threshold/gas-flow-high", Severity.WARNING, Severity.MAJOR)), "escalated to major");
        assertFalse(majorGas.test(alert("threshold/gas-flow-high", Severity.WARNING, Severity.WARNING)));
        assertFalse(majorGas.test(alert("threshold/coal", Severity.CRITICAL, Severity.CRITICAL)));
        assertTrue(new AlertFilter(Set.of(), ALL, Optional.empty(), null).test(alert("any", Severity.INFO, Severity.INFO)));
    }

    @Test
    void stateWordsNameTheStatesAndAnUnknownWordSaysWhichExist() {
        assertEquals(EnumSet.of(AlertState.RAISED, AlertState.ACKNOWLEDGED), AlertFilter.states("Open "));
        assertEquals(EnumSet.allOf(AlertState.class), AlertFilter.states("all"));
        assertEquals(EnumSet.of(AlertState.CLEARED), AlertFilter.states("cleared"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AlertFilter.states("closed"));
        assertTrue(e.getMessage().contains("`closed`") && e.getMessage().contains(AlertFilter.STATE_WORDS), e.getMessage());
    }
}
