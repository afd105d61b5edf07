package io.tanhe.grammar.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DurationsTest {
    @Test
    void operatorFormsParse() {
        assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
        assertEquals(Duration.ofSeconds(15), Durations.parse("15s"));
        assertEquals(Duration.ofMinutes(5), Durations.parse("5min"));
        assertEquals(Duration.ofMinutes(5), Durations.parse("5m"));
        assertEquals(Duration.ofHours(3), Durations.parse("3h"));
        assertEquals(Duration.ofDays(1), Durations.parse("1d"));
    }

    @Test
    void isoFormsParseAsTheUplinkConfigurationAlwaysAllowed() {
        assertEquals(Duration.ofMinutes(15), Durations.parse("PT15M"));
        assertEquals(Duration.ofDays(2), Durations.parse("p2d"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("PT-1S"));
    }

    @Test
    void malformedDurationsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("15"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("-1s"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("1.5s"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("99999999999999999999s"));
    }

    @Test
    void formatPicksTheShortestForm() {
        assertEquals("15min", Durations.format(Duration.ofMinutes(15)));
        assertEquals("1500ms", Durations.format(Duration.ofMillis(1500)));
        assertEquals("3h", Durations.format(Duration.ofHours(3)));
        assertEquals("0s", Durations.format(Duration.ZERO));
        assertEquals("7d", Durations.format(Duration.ofDays(7)));
    }
}
