package io.tanhe.drivers.schedule;

import io.tanhe.drivers.Quality;
import io.tanhe.drivers.Reading;
import io.tanhe.drivers.config.PointSettings;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PointQualityTest {
    private final Instant t0 = Instant.parse("2025-03-01T00:00:00Z");
    private final PointQuality judge = new PointQuality(Map.of("p", new PointSettings("p", "kWh",
            BigDecimal.ZERO, new BigDecimal("100"), Duration.ofMinutes(10))), r -> { });

    private Reading at(int minutes, String value) {
        return Reading.measured("p", t0.plus(Duration.ofMinutes(minutes)), new BigDecimal(value), "kWh", "m1");
    }

    @Test
    void outsideRangeIsFlaggedButKeepsItsValue() {
        Reading r = judge.judge(at(0, "100.5"));
        assertEquals(Quality.OUT_OF_RANGE, r.quality());
        assertEquals(new BigDecimal("100.5"), r.value());
        assertEquals("outside range [0, 100]", r.detail());
        assertEquals(Quality.MEASURED, judge.judge(at(0, "100")).quality());
    }

    @Test
    void unchangedValueBecomesStaleAfterTheLimit() {
        assertEquals(Quality.MEASURED, judge.judge(at(0, "5")).quality());
        assertEquals(Quality.MEASURED, judge.judge(at(10, "5")).quality());
        assertEquals(Quality.STALE, judge.judge(at(11, "5.00")).quality());
        assertEquals(Quality.MEASURED, judge.judge(at(12, "6")).quality());
    }

    @Test
    void failedReadingsPassUnchanged() {
        Reading failed = Reading.failed("p", t0, "kWh", Quality.TIMEOUT, "m1", "no answer");
        assertEquals(failed, judge.judge(failed));
    }
}
