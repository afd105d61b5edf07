package io.tanhe.engine.time;

import io.tanhe.engine.units.Unit;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.tanhe.engine.time.At.local;
import static io.tanhe.engine.time.At.minute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CounterSeriesTest {
    private static final Unit KWH = Unit.parse("kWh");
    private static final Unit MWH = Unit.parse("MWh");
    private static final double EPS = 1e-9;

    private final TimeModel model = new TimeModel(TimeBucket.DEFAULT_ZONE).configure("grid_in", CounterSettings.of(KWH));

    private Change read(String time, double kwh) {
        return model.add(Observation.measured(local(time), "grid_in", "", kwh, KWH));
    }

    private BucketAmount minuteOf(String time) {
        return model.amount("grid_in", "", minute(time));
    }

    @Test
    void deltaStraddlingAMinuteEdgeIsApportionedByTime() {
        read("2024-03-01T10:00:30", 100);
        read("2024-03-01T10:01:30", 160);
        BucketAmount first = minuteOf("2024-03-01T10:00:00");
        BucketAmount second = minuteOf("2024-03-01T10:01:00");
        assertEquals(30, first.amount(), EPS);
        assertEquals(0.5, first.completeness(), EPS);
        assertEquals(30, second.amount(), EPS);
        assertEquals(Quality.MEASURED, first.quality());
        read("2024-03-01T10:02:00", 190);
        BucketAmount full = minuteOf("2024-03-01T10:01:00");
        assertEquals(60, full.amount(), EPS);
        assertTrue(full.complete());
        assertEquals(local("2024-03-01T10:00:30"), full.firstObservation());
        assertEquals(local("2024-03-01T10:02:00"), full.lastObservation());
    }

    @Test
    void aSingleReadingGivesNoAmountYet() {
        Change change = read("2024-03-01T10:00:30", 100);
        assertTrue(change.isEmpty());
        BucketAmount a = minuteOf("2024-03-01T10:00:00");
        assertEquals(Quality.MISSING, a.quality());
        assertEquals(0, a.completeness());
        assertNull(a.firstObservation());
    }

    @Test
    void counterRolloverIsCountedAsTheForwardDelta() {
        model.configure("grid_in", CounterSettings.of(KWH).withRollover(Rollover.at("999999.99", KWH)));
        read("2024-03-01T10:00:00", 999_999.00);
        read("2024-03-01T10:01:00", 1.00);
        BucketAmount a = minuteOf("2024-03-01T10:00:00");
        assertEquals(2.00, a.amount(), 1e-6);
        assertTrue(a.has(Flag.ROLLOVER));
        assertFalse(a.has(Flag.NEGATIVE_DELTA));
        assertTrue(a.complete());
        List<Anomaly> why = model.series("grid_in", "").orElseThrow().anomalies(minute("2024-03-01T10:00:00"));
        assertEquals(Flag.ROLLOVER, why.get(0).flag());
        assertTrue(why.get(0).detail().contains("modulus of 1000000.0 kWh"), why.get(0).detail());
    }

    @Test
    void rolloverDeclaredInAnotherUnitIsConverted() {
        TimeModel mwh = new TimeModel(TimeBucket.DEFAULT_ZONE)
                .configure("grid_in", CounterSettings.of(MWH).withRollover(Rollover.at("99999", KWH)));
        mwh.add(Observation.measured(local("2024-03-01T10:00:00"), "grid_in", "", 99_990, KWH));
        mwh.add(Observation.measured(local("2024-03-01T10:01:00"), "grid_in", "", 5, KWH));
        assertEquals(0.015, mwh.amount("grid_in", "", minute("2024-03-01T10:00:00")).amount(), EPS);
    }

    @Test
    void negativeDeltaIsFlaggedAndNeverCountedAsNegativeEmission() {
        read("2024-03-01T10:00:00", 100);
        read("2024-03-01T10:00:20", 90);
        read("2024-03-01T10:01:00", 95);
        BucketAmount a = minuteOf("2024-03-01T10:00:00");
        assertEquals(5, a.amount(), EPS);
        assertTrue(a.has(Flag.NEGATIVE_DELTA));
        assertEquals(40.0 / 60, a.completeness(), EPS);
        assertEquals(Quality.MEASURED, a.quality());
        Anomaly why = model.series("grid_in", "").orElseThrow().anomalies(minute("2024-03-01T10:00:00")).get(0);
        assertEquals(Flag.NEGATIVE_DELTA, why.flag());
        assertTrue(why.detail().contains("fell from 100.0 kWh to 90.0 kWh"), why.detail());
        assertEquals(local("2024-03-01T10:00:20"), why.to());
    }

    @Test
    void aFallTooLargeForARolloverIsANegativeDelta() {
        model.configure("grid_in", CounterSettings.of(KWH).withRollover(Rollover.at("999999.99", KWH)));
        read("2024-03-01T10:00:00", 500);
        read("2024-03-01T10:01:00", 100);
        BucketAmount a = minuteOf("2024-03-01T10:00:00");
        assertEquals(0, a.amount());
        assertTrue(a.has(Flag.NEGATIVE_DELTA));
        assertFalse(a.has(Flag.ROLLOVER));
        assertEquals(Quality.MISSING, a.quality());
    }

    @Test
    void meterReplacementCountsTheOldMeterUpToItsFinalValueAndTheNewFromItsStart() {
        read("2024-03-01T10:00:00", 5000);
        model.add(MeterReplacement.of(local("2024-03-01T10:00:30"), "grid_in", "", 5010, 0, KWH));
        read("2024-03-01T10:01:00", 20);
        BucketAmount a = minuteOf("2024-03-01T10:00:00");
        assertEquals(30, a.amount(), EPS);
        assertTrue(a.complete());
        assertTrue(a.has(Flag.METER_REPLACED));
        assertFalse(a.has(Flag.NEGATIVE_DELTA));
        assertEquals(Quality.MANUAL, a.quality(), "the replacement's values were entered by hand");
        List<Anomaly> why = model.series("grid_in", "").orElseThrow().anomalies(minute("2024-03-01T10:00:00"));
        assertEquals(1, why.size(), why.toString());
        assertTrue(why.get(0).detail().contains("final value 5010.0 kWh, new meter's start value 0.0 kWh"), why.toString());
    }

    @Test
    void newMeterWithUnknownFinalValueLosesOnlyTheIntervalBeforeIt() {
        read("2024-03-01T10:00:00", 5000);
        model.add(MeterReplacement.newMeter(local("2024-03-01T10:00:30"), "grid_in", "", 0, KWH, Quality.MEASURED));
        read("2024-03-01T10:01:30", 30);
        BucketAmount first = minuteOf("2024-03-01T10:00:00");
        assertEquals(15, first.amount(), EPS);
        assertEquals(0.5, first.completeness(), EPS);
        assertTrue(first.has(Flag.METER_REPLACED));
        assertFalse(first.has(Flag.NEGATIVE_DELTA));
        assertEquals(15, minuteOf("2024-03-01T10:01:00").amount(), EPS);
        List<Anomaly> why = model.series("grid_in", "").orElseThrow().anomalies(minute("2024-03-01T10:00:00"));
        assertTrue(why.stream().anyMatch(x -> x.detail().contains("final value is unknown")), why.toString());
    }

    @Test
    void aReadingAtTheReplacementInstantIsTheNewMetersStart() {
        read("2024-03-01T10:00:00", 5000);
        model.add(MeterReplacement.of(local("2024-03-01T10:00:30"), "grid_in", "", 5010, 0, KWH));
        read("2024-03-01T10:00:30", 2);
        read("2024-03-01T10:01:00", 20);
        assertEquals(10 + 18, minuteOf("2024-03-01T10:00:00").amount(), EPS);
    }

    @Test
    void failedReadingsAreIgnoredBecauseTheNextDeltaCoversTheirTime() {
        read("2024-03-01T10:00:00", 100);
        Change c = model.add(Observation.missing(local("2024-03-01T10:00:30"), "grid_in", "", KWH));
        read("2024-03-01T10:01:00", 160);
        assertTrue(c.isEmpty());
        BucketAmount a = minuteOf("2024-03-01T10:00:00");
        assertEquals(60, a.amount(), EPS);
        assertTrue(a.complete());
    }

    @Test
    void qualityIsTheWeakestOfTheReadingsThatFedTheBucket() {
        read("2024-03-01T10:00:00", 100);
        model.add(new Observation(local("2024-03-01T10:00:30"), "grid_in", "", 110, KWH, Quality.ESTIMATED));
        read("2024-03-01T10:01:00", 120);
        read("2024-03-01T10:02:00", 130);
        assertEquals(Quality.ESTIMATED, minuteOf("2024-03-01T10:00:00").quality());
        assertEquals(Quality.MEASURED, minuteOf("2024-03-01T10:01:00").quality());
    }

    @Test
    void intervalsLongerThanTheSpreadLimitCountInFullButAreFlaggedAsSubstituted() {
        model.configure("grid_in", CounterSettings.of(KWH).withSpreadLimit(Duration.ofMinutes(15)));
        read("2024-03-01T10:00:00", 0);
        read("2024-03-01T11:00:00", 600);
        TimeBucket hour = At.bucket(Grain.HOUR, "2024-03-01T10:00:00");
        BucketAmount a = model.amount("grid_in", "", hour);
        assertEquals(600, a.amount(), EPS);
        assertEquals(Quality.SUBSTITUTED, a.quality());
        assertTrue(a.has(Flag.SPREAD));
        assertEquals(10, minuteOf("2024-03-01T10:30:00").amount(), EPS);
    }

    @Test
    void readingsInAnotherUnitAreConverted() {
        model.add(Observation.measured(local("2024-03-01T10:00:00"), "grid_in", "", 1.0, MWH));
        read("2024-03-01T10:01:00", 1250);
        assertEquals(250, minuteOf("2024-03-01T10:00:00").amount(), EPS);
        List<Observation> fed = model.series("grid_in", "").orElseThrow().feeding(minute("2024-03-01T10:00:00"));
        assertEquals(2, fed.size());
        assertEquals(1.0, fed.get(0).value(), "provenance keeps the reading as it came");
        assertEquals(MWH, fed.get(0).unit());
    }

    @Test
    void aReadingOfTheWrongDimensionNamesInputKeyAndBothUnits() {
        TimeModel m = new TimeModel(TimeBucket.DEFAULT_ZONE).configure("burned", CounterSettings.of(Unit.parse("t")));
        ObservationException e = assertThrows(ObservationException.class, () ->
                m.add(Observation.measured(local("2024-03-01T10:00:00"), "burned", "coal", 3, KWH)));
        assertTrue(e.getMessage().startsWith("burned[coal] at 2024-03-01T02:00:00Z"), e.getMessage());
        assertTrue(e.getMessage().contains("`kWh` (energy)"), e.getMessage());
        assertTrue(e.getMessage().contains("the input's unit `t` (mass)"), e.getMessage());
        assertTrue(m.series().isEmpty() || m.series().get(0).size() == 0, "nothing was stored");
    }

    @Test
    void amountsSplitAtLocalMidnightMonthAndYearEnd() {
        read("2023-12-31T23:59:30", 1000);
        read("2024-01-01T00:00:30", 1060);
        assertEquals(30, minuteOf("2023-12-31T23:59:00").amount(), EPS);
        assertEquals(30, minuteOf("2024-01-01T00:00:00").amount(), EPS);
        for (Grain g : List.of(Grain.DAY, Grain.MONTH, Grain.QUARTER, Grain.YEAR)) {
            assertEquals(30, model.amount("grid_in", "", At.bucket(g, "2023-12-31T12:00")).amount(), EPS, g.label());
            assertEquals(30, model.amount("grid_in", "", At.bucket(g, "2024-01-01T00:00")).amount(), EPS, g.label());
        }
    }

    @Test
    void feedingListsExactlyTheReadingsThatContributed() {
        read("2024-03-01T09:59:00", 0);
        read("2024-03-01T10:00:30", 10);
        read("2024-03-01T10:01:30", 20);
        read("2024-03-01T10:03:00", 30);
        List<Observation> fed = model.series("grid_in", "").orElseThrow().feeding(minute("2024-03-01T10:00:00"));
        assertEquals(List.of(local("2024-03-01T09:59:00"), local("2024-03-01T10:00:30"), local("2024-03-01T10:01:30")),
                fed.stream().map(Observation::timestamp).toList());
    }
}
