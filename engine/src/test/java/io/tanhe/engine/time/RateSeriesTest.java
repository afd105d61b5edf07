package io.tanhe.engine.time;

import io.tanhe.engine.units.Unit;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.tanhe.engine.time.At.local;
import static io.tanhe.engine.time.At.minute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateSeriesTest {
    private static final Unit KW = Unit.parse("kW");
    private static final Unit KWH = Unit.parse("kW·h");
    private static final double EPS = 1e-9;

    private final TimeModel model = new TimeModel(TimeBucket.DEFAULT_ZONE).configure("power", RateSettings.of(KWH));

    private Change read(String time, double kw) {
        return model.add(Observation.measured(local(time), "power", "", kw, KW));
    }

    private BucketAmount minuteOf(String time) {
        return model.amount("power", "", minute(time));
    }

    @Test
    void constantRateIntegratesToRateTimesTime() {
        read("2024-03-01T10:00:00", 60);
        read("2024-03-01T10:01:00", 60);
        read("2024-03-01T10:02:00", 60);
        BucketAmount a = minuteOf("2024-03-01T10:01:00");
        assertEquals(1.0, a.amount(), EPS);
        assertEquals(KWH, a.unit());
        assertTrue(a.complete());
        assertEquals(2.0, model.amount("power", "", At.bucket(Grain.HOUR, "2024-03-01T10:00")).amount(), EPS);
    }

    @Test
    void trapezoidIsSplitAtTheBucketEdgeAlongTheLineBetweenReadings() {
        read("2024-03-01T10:00:30", 0);
        read("2024-03-01T10:01:30", 120);
        // At 10:01:00 the line is at 60 kW: 30 s at a mean of 30 kW, then 30 s at a mean of 90 kW.
        assertEquals(30.0 / 120, minuteOf("2024-03-01T10:00:00").amount(), EPS);
        assertEquals(90.0 / 120, minuteOf("2024-03-01T10:01:00").amount(), EPS);
        assertEquals(0.5, minuteOf("2024-03-01T10:01:00").completeness(), EPS);
    }

    @Test
    void aGapLongerThanTheLimitIsNotBridgedAndLowersCompleteness() {
        model.configure("power", RateSettings.of(KWH).withMaxGap(Duration.ofSeconds(10)));
        read("2024-03-01T10:00:00", 60);
        read("2024-03-01T10:00:10", 60);
        read("2024-03-01T10:00:40", 60);
        read("2024-03-01T10:00:50", 60);
        read("2024-03-01T10:01:00", 60);
        BucketAmount a = minuteOf("2024-03-01T10:00:00");
        assertEquals(60.0 * 30 / 3600, a.amount(), EPS);
        assertEquals(0.5, a.completeness(), EPS);
        assertTrue(a.has(Flag.GAP));
        assertEquals(Quality.MEASURED, a.quality(), "what was integrated was measured; the gap shows in completeness");
        List<Anomaly> why = model.series("power", "").orElseThrow().anomalies(minute("2024-03-01T10:00:00"));
        assertEquals(1, why.size());
        assertEquals("no reading for PT30S (limit PT10S); that time counts as missing", why.get(0).detail());
    }

    @Test
    void aFailedReadingBreaksTheIntegrationOnBothSides() {
        read("2024-03-01T10:00:00", 60);
        model.add(Observation.missing(local("2024-03-01T10:00:20"), "power", "", KW));
        read("2024-03-01T10:00:40", 60);
        read("2024-03-01T10:01:00", 60);
        BucketAmount a = minuteOf("2024-03-01T10:00:00");
        assertEquals(60.0 * 20 / 3600, a.amount(), EPS);
        assertEquals(1.0 / 3, a.completeness(), EPS);
        assertTrue(a.has(Flag.GAP));
        assertTrue(model.series("power", "").orElseThrow().anomalies(minute("2024-03-01T10:00:00")).get(0)
                .detail().contains("failed"));
    }

    @Test
    void ratesInOtherUnitsAreConvertedBeforeIntegration() {
        model.add(Observation.measured(local("2024-03-01T10:00:00"), "power", "", 0.06, Unit.parse("MW")));
        read("2024-03-01T10:01:00", 60);
        assertEquals(1.0, minuteOf("2024-03-01T10:00:00").amount(), EPS);

        TimeModel flow = new TimeModel(TimeBucket.DEFAULT_ZONE).configure("steam", RateSettings.of(Unit.parse("t/h").multiply(Unit.parse("h"))));
        flow.add(Observation.measured(local("2024-03-01T10:00:00"), "steam", "", 1, Unit.parse("kg/s")));
        flow.add(Observation.measured(local("2024-03-01T10:01:00"), "steam", "", 1, Unit.parse("kg/s")));
        assertEquals(0.06, flow.amount("steam", "", minute("2024-03-01T10:00:00")).amount(), EPS);
    }

    @Test
    void aRateOfTheWrongDimensionNamesTheExpectedRateUnit() {
        ObservationException e = assertThrows(ObservationException.class, () ->
                model.add(Observation.measured(local("2024-03-01T10:00:00"), "power", "", 3, Unit.parse("kWh"))));
        assertTrue(e.getMessage().contains("`kWh` (energy)"), e.getMessage());
        assertTrue(e.getMessage().contains("`kW`, the rate whose time integral is the input's unit `kW·h`"), e.getMessage());
    }

    @Test
    void halfHourAroundBerlinSpringForwardIntegratesRealElapsedTime() {
        TimeModel berlin = new TimeModel(java.time.ZoneId.of("Europe/Berlin")).configure("power", RateSettings.of(KWH)
                .withMaxGap(Duration.ofHours(2)));
        berlin.add(Observation.measured(java.time.Instant.parse("2024-03-31T00:30:00Z"), "power", "", 100, KW));
        berlin.add(Observation.measured(java.time.Instant.parse("2024-03-31T01:30:00Z"), "power", "", 100, KW));
        TimeBucket oneOClock = TimeBucket.of(Grain.HOUR, java.time.Instant.parse("2024-03-31T00:30:00Z"), berlin.zone());
        TimeBucket threeOClock = oneOClock.next();
        assertEquals(3, threeOClock.localStart().getHour());
        assertEquals(50, berlin.amount("power", "", oneOClock).amount(), EPS);
        assertEquals(50, berlin.amount("power", "", threeOClock).amount(), EPS);
        BucketAmount day = berlin.amount("power", "", oneOClock.parent(Grain.DAY));
        assertEquals(100, day.amount(), EPS);
        assertEquals(1.0 / 23, day.completeness(), EPS);
        assertFalse(day.has(Flag.GAP));
    }
}
