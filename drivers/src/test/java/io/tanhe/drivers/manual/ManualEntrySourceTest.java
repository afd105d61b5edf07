package io.tanhe.drivers.manual;

import io.tanhe.drivers.Quality;
import io.tanhe.drivers.Reading;
import io.tanhe.drivers.peers.CollectingSink;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ManualEntrySourceTest {
    private static final Instant MARCH = Instant.parse("2024-03-01T00:00:00Z");

    @Test
    void entryBecomesAManualReadingNamingTheOperator() {
        CollectingSink sink = new CollectingSink();
        ManualEntrySource source = new ManualEntrySource("manual", Map.of("coal.burned", "t"));
        source.start(sink);

        source.enter(new ManualEntry("coal.burned", MARCH, new BigDecimal("812.40"), "", "zhang.wei", "weighbridge book p.12"));

        Reading r = sink.await(x -> true, Duration.ofSeconds(1));
        assertEquals(Quality.MANUAL, r.quality());
        assertEquals("812.40", r.value().toPlainString());
        assertEquals("t", r.unit());
        assertEquals("operator=zhang.wei; weighbridge book p.12", r.detail());
        assertEquals("manual", r.sourceId());
    }

    @Test
    void wrongPointUnitOrMissingOperatorIsRefused() {
        ManualEntrySource source = new ManualEntrySource("manual", Map.of("coal.burned", "t"));
        source.start(new CollectingSink());

        IllegalArgumentException unit = assertThrows(IllegalArgumentException.class, () -> source.enter(
                new ManualEntry("coal.burned", MARCH, BigDecimal.ONE, "kg", "zhang.wei", "")));
        assertEquals("unit 'kg' differs from the unit 't' of point coal.burned; convert the value first", unit.getMessage());
        assertThrows(IllegalArgumentException.class, () -> source.enter(
                new ManualEntry("gas.burned", MARCH, BigDecimal.ONE, "t", "zhang.wei", "")));
        assertThrows(IllegalArgumentException.class, () -> new ManualEntry("coal.burned", MARCH, BigDecimal.ONE, "t", " ", ""));
    }

    @Test
    void closedSourceRefusesEntries() {
        ManualEntrySource source = new ManualEntrySource("manual", Map.of("coal.burned", "t"));
        source.start(new CollectingSink());
        source.close();

        assertThrows(IllegalStateException.class, () -> source.enter(
                new ManualEntry("coal.burned", MARCH, BigDecimal.ONE, "t", "zhang.wei", "")));
    }
}
