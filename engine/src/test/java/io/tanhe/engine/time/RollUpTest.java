package io.tanhe.engine.time;

import io.tanhe.engine.units.Unit;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.tanhe.engine.time.At.bucket;
import static io.tanhe.engine.time.At.local;
import static io.tanhe.engine.time.At.minute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RollUpTest {
    private static final Unit KWH = Unit.parse("kWh");

    private static BucketAmount amount(TimeBucket b, double value, Quality q, double completeness, Flag... flags) {
        int bits = 0;
        for (Flag f : flags) {
            bits |= f.bit();
        }
        return new BucketAmount(b, value, KWH, q, completeness, bits, b.start(), b.end());
    }

    @Test
    void minutesSumIntoTheirQuarterHourWithWeakestQualityAndTimeWeightedCompleteness() {
        TimeBucket quarter = bucket(Grain.FIFTEEN_MINUTES, "2024-03-01T10:00");
        List<BucketAmount> minutes = new ArrayList<>();
        for (TimeBucket m : quarter.children(Grain.MINUTE).subList(0, 10)) {
            minutes.add(amount(m, 2, Quality.MEASURED, 1));
        }
        minutes.set(3, amount(minutes.get(3).bucket(), 1, Quality.ESTIMATED, 0.5, Flag.GAP));
        minutes.add(BucketAmount.missing(quarter.children(Grain.MINUTE).get(12), KWH));
        BucketAmount sum = RollUp.sum(quarter, minutes);
        assertEquals(19, sum.amount(), 1e-12);
        assertEquals(Quality.ESTIMATED, sum.quality(), "the missing minute lowers completeness, not quality");
        assertEquals(9.5 / 15, sum.completeness(), 1e-12);
        assertTrue(sum.has(Flag.GAP));
        assertEquals(local("2024-03-01T10:00"), sum.firstObservation());
        assertEquals(local("2024-03-01T10:10"), sum.lastObservation());
    }

    @Test
    void nothingFedMeansMissing() {
        TimeBucket hour = bucket(Grain.HOUR, "2024-03-01T10:00");
        BucketAmount sum = RollUp.sum(hour, List.of(BucketAmount.missing(minute("2024-03-01T10:05"), KWH)));
        assertEquals(Quality.MISSING, sum.quality());
        assertEquals(0, sum.completeness());
    }

    @Test
    void rolledUpMinutesEqualTheAmountAskedForDirectly() {
        TimeModel model = new TimeModel(TimeBucket.DEFAULT_ZONE)
                .configure("power", RateSettings.of(Unit.parse("kW·h")).withMaxGap(Duration.ofSeconds(20)));
        for (int i = 0; i < 3 * 3600; i += 7) {
            if (i % 1000 > 60) {
                model.add(Observation.measured(local("2024-03-31T22:00").plusSeconds(i), "power", "", 100 + i % 37, Unit.parse("kW")));
            }
        }
        List<BucketAmount> minutes = new ArrayList<>();
        TimeBucket day = bucket(Grain.DAY, "2024-03-31T00:00");
        for (TimeBucket m : day.children(Grain.MINUTE)) {
            minutes.add(model.amount("power", "", m));
        }
        for (Grain g : List.of(Grain.FIFTEEN_MINUTES, Grain.HOUR, Grain.DAY)) {
            for (BucketAmount rolled : RollUp.byParent(g, minutes)) {
                BucketAmount direct = model.amount("power", "", rolled.bucket());
                assertEquals(direct.amount(), rolled.amount(), 1e-9, rolled.bucket().toString());
                assertEquals(direct.completeness(), rolled.completeness(), 1e-9, rolled.bucket().toString());
                assertEquals(direct.quality(), rolled.quality(), rolled.bucket().toString());
                assertEquals(direct.flags(), rolled.flags(), rolled.bucket().toString());
            }
        }
    }

    @Test
    void childrenOutsideTheParentOrInAnotherUnitAreRefused() {
        TimeBucket hour = bucket(Grain.HOUR, "2024-03-01T10:00");
        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class,
                () -> RollUp.sum(hour, List.of(amount(minute("2024-03-01T11:00"), 1, Quality.MEASURED, 1))));
        assertTrue(outside.getMessage().contains("does not lie in hour 2024-03-01T10:00+08:00"), outside.getMessage());
        BucketAmount mwh = new BucketAmount(minute("2024-03-01T10:01"), 1, Unit.parse("MWh"), Quality.MEASURED, 1, 0, null, null);
        IllegalArgumentException units = assertThrows(IllegalArgumentException.class,
                () -> RollUp.sum(hour, List.of(amount(minute("2024-03-01T10:00"), 1, Quality.MEASURED, 1), mwh)));
        assertTrue(units.getMessage().contains("cannot sum MWh and kWh"), units.getMessage());
        BucketAmount m = amount(minute("2024-03-01T10:00"), 1, Quality.MEASURED, 1);
        assertThrows(IllegalArgumentException.class, () -> RollUp.sum(hour, List.of(m, m)));
        assertThrows(IllegalArgumentException.class, () -> RollUp.sum(hour, List.of()));
    }
}
