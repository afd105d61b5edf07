package io.tanhe.server.terminal;

import io.tanhe.drivers.Quality;
import io.tanhe.drivers.Reading;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DeviceTallyTest {
    private static final Instant T = Instant.parse("2026-06-01T00:00:00Z");

    @Test
    void countsReadingsAndValuelessOnesPerDeviceAndPerQuality() {
        DeviceTally tally = new DeviceTally(List.of("meter-a", "meter-b"));
        tally.count(Reading.measured("p1", T, BigDecimal.ONE, "kWh", "meter-a"));
        tally.count(Reading.measured("p1", T.plusSeconds(1), BigDecimal.TEN, "kWh", "meter-a"));
        tally.count(new Reading("p2", T, null, "t", Quality.TIMEOUT, "meter-b", "no answer"));
        tally.count(new Reading("p2", T, BigDecimal.ONE, "t", Quality.STALE, "meter-b", ""));
        assertEquals(2, tally.devices().get("meter-a").readings());
        assertEquals(0, tally.devices().get("meter-a").failures());
        assertEquals(2, tally.devices().get("meter-b").readings());
        assertEquals(1, tally.devices().get("meter-b").failures(), "a stale reading has a value: not a failure");
        assertEquals(2, tally.quality(Quality.MEASURED));
        assertEquals(1, tally.quality(Quality.TIMEOUT));
        assertEquals(1, tally.quality(Quality.STALE));
    }

    @Test
    void aSourceTheSiteDoesNotNameCountsAsOtherAndTheListCannotBeEditedFromOutside() {
        DeviceTally tally = new DeviceTally(List.of("meter-a"));
        tally.count(new Reading("p9", T, null, "", Quality.COMM_ERROR, "someone-else", "crc"));
        assertEquals(1, tally.devices().get(DeviceTally.OTHER).readings());
        assertEquals(1, tally.devices().get(DeviceTally.OTHER).failures());
        assertEquals(List.of("meter-a", DeviceTally.OTHER), List.copyOf(tally.devices().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> tally.devices().put("x", null));
    }

    @Test
    void aDeviceAddedLiveIsCountedUnderItsNameAndARemovedOneNoMore() {
        DeviceTally tally = new DeviceTally(List.of("meter-a", "meter-b"));
        tally.count(Reading.measured("p1", T, BigDecimal.ONE, "kWh", "meter-a"));
        tally.track(List.of("meter-a", "meter-c"));
        tally.count(Reading.measured("p3", T, BigDecimal.ONE, "t", "meter-c"));
        tally.count(Reading.measured("p2", T, BigDecimal.ONE, "t", "meter-b"));
        assertEquals(List.of("meter-a", "meter-c", DeviceTally.OTHER), List.copyOf(tally.devices().keySet()));
        assertEquals(1, tally.devices().get("meter-a").readings(), "a kept device keeps its counts");
        assertEquals(1, tally.devices().get("meter-c").readings(), "the added device's reading is its own, not other's");
        assertEquals(1, tally.devices().get(DeviceTally.OTHER).readings(), "the removed device's late reading");
    }
}
