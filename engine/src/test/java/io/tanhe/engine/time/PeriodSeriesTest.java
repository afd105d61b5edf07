package io.tanhe.engine.time;

import io.tanhe.engine.units.Unit;
import org.junit.jupiter.api.Test;

import static io.tanhe.engine.time.At.bucket;
import static io.tanhe.engine.time.At.local;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PeriodSeriesTest {
    private static final Unit T = Unit.parse("t");
    private static final Unit GJ_PER_T = Unit.parse("GJ/t");
    private static final double EPS = 1e-9;

    private final TimeModel model = new TimeModel(TimeBucket.DEFAULT_ZONE)
            .configure("coal", PeriodSettings.of(T, Grain.MONTH, PeriodQuantity.SUMMABLE))
            .configure("ncv", PeriodSettings.of(GJ_PER_T, Grain.MONTH, PeriodQuantity.INTENSIVE));

    @Test
    void aSummableMonthlyValueIsSpreadOverTheMonthByTime() {
        model.add(new Observation(local("2024-03-01T00:00"), "coal", "", 744, T, Quality.MANUAL));
        BucketAmount march = model.amount("coal", "", bucket(Grain.MONTH, "2024-03-15T00:00"));
        assertEquals(744, march.amount(), EPS);
        assertTrue(march.complete());
        assertEquals(Quality.MANUAL, march.quality());
        assertEquals(24, model.amount("coal", "", bucket(Grain.DAY, "2024-03-10T08:00")).amount(), EPS);
        assertEquals(744.0 / (31 * 24 * 60), model.amount("coal", "", bucket(Grain.MINUTE, "2024-03-31T23:59")).amount(), EPS);
        BucketAmount quarter = model.amount("coal", "", bucket(Grain.QUARTER, "2024-03-15T00:00"));
        assertEquals(744, quarter.amount(), EPS);
        assertEquals(31.0 / 91, quarter.completeness(), EPS);
        assertEquals(Quality.MISSING, model.amount("coal", "", bucket(Grain.MONTH, "2024-04-01T00:00")).quality());
    }

    @Test
    void anIntensiveValueIsHeldByEveryBucketOfItsPeriod() {
        model.add(new Observation(local("2024-03-01T00:00"), "ncv", "", 20.0, GJ_PER_T, Quality.MANUAL));
        BucketAmount hour = model.amount("ncv", "", bucket(Grain.HOUR, "2024-03-20T13:00"));
        assertEquals(20.0, hour.amount(), EPS);
        assertTrue(hour.complete());
        assertFalse(hour.has(Flag.AVERAGED));
        assertEquals(20.0, model.amount("ncv", "", bucket(Grain.MONTH, "2024-03-20T13:00")).amount(), EPS);
    }

    @Test
    void anIntensiveValueOverSeveralPeriodsIsTheirTimeWeightedMeanAndSaysSo() {
        model.add(Observation.measured(local("2024-02-01T00:00"), "ncv", "", 20.0, GJ_PER_T));
        model.add(Observation.measured(local("2024-03-01T00:00"), "ncv", "", 23.0, GJ_PER_T));
        TimeBucket q1 = bucket(Grain.QUARTER, "2024-02-01T00:00");
        BucketAmount a = model.amount("ncv", "", q1);
        assertEquals((20.0 * 29 + 23.0 * 31) / 60, a.amount(), EPS);
        assertEquals(60.0 / 91, a.completeness(), EPS);
        assertTrue(a.has(Flag.AVERAGED));
        assertTrue(model.series("ncv", "").orElseThrow().anomalies(q1).get(0).detail().contains("2 month value(s)"));
    }

    @Test
    void theLatestTimestampInAPeriodWinsWhateverTheArrivalOrder() {
        model.add(Observation.measured(local("2024-03-05T00:00"), "ncv", "", 21.0, GJ_PER_T));
        Change ignored = model.add(Observation.measured(local("2024-03-01T00:00"), "ncv", "", 20.0, GJ_PER_T));
        assertTrue(ignored.isEmpty());
        assertEquals(21.0, model.amount("ncv", "", bucket(Grain.MONTH, "2024-03-01T00:00")).amount(), EPS);
        model.add(Observation.measured(local("2024-03-05T00:00"), "ncv", "", 21.5, GJ_PER_T));
        assertEquals(21.5, model.amount("ncv", "", bucket(Grain.MONTH, "2024-03-01T00:00")).amount(), EPS);
    }

    @Test
    void aLateLabValueChangesExactlyItsMonth() {
        Change c = model.add(Observation.measured(local("2024-03-01T00:00"), "ncv", "", 20.0, GJ_PER_T));
        assertEquals(local("2024-03-01T00:00"), c.from());
        assertEquals(local("2024-04-01T00:00"), c.to());
        assertEquals(1, c.buckets(Grain.MONTH).size());
        assertEquals(31, c.buckets(Grain.DAY).size());
        assertFalse(c.affects(bucket(Grain.DAY, "2024-04-01T00:00")));
        assertFalse(c.affects(bucket(Grain.MINUTE, "2024-02-29T23:59")));
    }

    @Test
    void unitsSayWhetherAPeriodQuantityIsSummableByDefault() {
        assertEquals(PeriodQuantity.INTENSIVE, PeriodQuantity.inferFrom(GJ_PER_T));
        assertEquals(PeriodQuantity.INTENSIVE, PeriodQuantity.inferFrom(Unit.parse("%")));
        assertEquals(PeriodQuantity.INTENSIVE, PeriodQuantity.inferFrom(Unit.parse("MW")));
        assertEquals(PeriodQuantity.INTENSIVE, PeriodQuantity.inferFrom(Unit.parse("degC")));
        assertEquals(PeriodQuantity.SUMMABLE, PeriodQuantity.inferFrom(T));
        assertEquals(PeriodQuantity.SUMMABLE, PeriodQuantity.inferFrom(Unit.parse("MWh")));
        assertEquals(PeriodQuantity.SUMMABLE, PeriodQuantity.inferFrom(Unit.parse("10^4 Nm3")));
    }
}
