package io.tanhe.engine.time;

import io.tanhe.engine.units.Unit;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

import static io.tanhe.engine.time.At.local;
import static io.tanhe.engine.time.At.minute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LateDataTest {
    private static final Unit KW = Unit.parse("kW");
    private static final Unit KWH = Unit.parse("kWh");
    private static final Unit T = Unit.parse("t");
    private static final Unit GJ_PER_T = Unit.parse("GJ/t");
    private static final Instant T0 = local("2024-03-31T23:50:00");

    private static TimeModel model() {
        return new TimeModel(TimeBucket.DEFAULT_ZONE)
                .configure("grid_in", CounterSettings.of(KWH).withRollover(Rollover.at("9999.9", KWH))
                        .withSpreadLimit(Duration.ofMinutes(2)))
                .configure("power", RateSettings.of(Unit.parse("kW·h")).withMaxGap(Duration.ofSeconds(75)))
                .configure("coal", PeriodSettings.of(T, Grain.DAY, PeriodQuantity.SUMMABLE))
                .configure("ncv", PeriodSettings.of(GJ_PER_T, Grain.HOUR, PeriodQuantity.INTENSIVE));
    }

    @Test
    void aLateRateReadingChangesExactlyTheMinutesBetweenItsNeighbours() {
        TimeModel model = model();
        for (int i = 0; i <= 20; i++) {
            if (i != 10) {
                model.add(Observation.measured(local("2024-03-01T10:00:30").plusSeconds(60L * i), "power", "", 10 + i, KW));
            }
        }
        Map<TimeBucket, BucketAmount> before = minutes(model, "power", local("2024-03-01T09:58"), 26);
        Change change = model.add(Observation.measured(local("2024-03-01T10:10:30"), "power", "", 99, KW));
        assertEquals(local("2024-03-01T10:09:30"), change.from());
        assertEquals(local("2024-03-01T10:11:30"), change.to());
        List<TimeBucket> reported = change.buckets(Grain.MINUTE);
        assertEquals(List.of(minute("2024-03-01T10:09"), minute("2024-03-01T10:10"), minute("2024-03-01T10:11")), reported);
        Map<TimeBucket, BucketAmount> after = minutes(model, "power", local("2024-03-01T09:58"), 26);
        before.forEach((bucket, amount) -> {
            if (reported.contains(bucket)) {
                assertNotEquals(amount, after.get(bucket), bucket.toString());
            } else {
                assertEquals(amount, after.get(bucket), bucket.toString());
            }
        });
        assertEquals(List.of(At.bucket(Grain.HOUR, "2024-03-01T10:00")), change.buckets(Grain.HOUR));
    }

    @Test
    void aLateCounterReadingOnAMinuteEdgeDoesNotReportTheMinuteBefore() {
        TimeModel model = model();
        model.add(Observation.measured(local("2024-03-01T10:00:00"), "grid_in", "", 100, KWH));
        model.add(Observation.measured(local("2024-03-01T10:02:00"), "grid_in", "", 160, KWH));
        Change late = model.add(Observation.measured(local("2024-03-01T10:01:00"), "grid_in", "", 150, KWH));
        assertEquals(List.of(minute("2024-03-01T10:00"), minute("2024-03-01T10:01")), late.buckets(Grain.MINUTE));
        assertEquals(50, model.amount("grid_in", "", minute("2024-03-01T10:00")).amount(), 1e-9);
        assertEquals(10, model.amount("grid_in", "", minute("2024-03-01T10:01")).amount(), 1e-9);
    }

    @Test
    void aLateMeterReplacementRecomputesTheIntervalItSplits() {
        TimeModel model = model();
        model.add(Observation.measured(local("2024-03-01T10:00:00"), "grid_in", "", 5000, KWH));
        model.add(Observation.measured(local("2024-03-01T10:01:00"), "grid_in", "", 20, KWH));
        assertTrue(model.amount("grid_in", "", minute("2024-03-01T10:00")).has(Flag.NEGATIVE_DELTA));
        Change c = model.add(MeterReplacement.of(local("2024-03-01T10:00:40"), "grid_in", "", 5010, 0, KWH));
        assertEquals(List.of(minute("2024-03-01T10:00")), c.buckets(Grain.MINUTE));
        BucketAmount fixed = model.amount("grid_in", "", minute("2024-03-01T10:00"));
        assertEquals(30, fixed.amount(), 1e-9);
        assertTrue(fixed.complete());
    }

    /**
     * The equivalence property: random observation sequences (rollovers, falls, replacements, failed
     * readings, gaps, period values, across a day, month and quarter end) fed in random order give
     * the same amounts, qualities, completeness, flags and provenance as fed sorted; and at every
     * step of the shuffled feed, every minute the returned change does not name kept its amount.
     */
    @Test
    void feedingInRandomOrderGivesTheSameAmountsAsFeedingSorted() {
        for (int run = 1; run <= 40; run++) {
            int seed = run;
            Random random = new Random(seed);
            List<Object> events = randomEvents(random);
            TimeModel sorted = model();
            events.forEach(e -> feed(sorted, e));
            List<Object> shuffled = new ArrayList<>(events);
            Collections.shuffle(shuffled, random);
            TimeModel late = model();
            for (Object e : shuffled) {
                String input = e instanceof Observation o ? o.input() : ((MeterReplacement) e).input();
                Map<TimeBucket, BucketAmount> before = snapshot(late, input);
                Change change = feed(late, e);
                Map<TimeBucket, BucketAmount> after = snapshot(late, input);
                before.forEach((bucket, amount) -> {
                    if (!change.affects(bucket)) {
                        assertEquals(amount, after.get(bucket), () -> "seed " + seed + ": " + e + " changed " + bucket);
                    }
                });
            }
            for (String input : INPUTS) {
                for (Grain grain : List.of(Grain.MINUTE, Grain.FIFTEEN_MINUTES, Grain.HOUR, Grain.DAY, Grain.QUARTER)) {
                    for (TimeBucket b = TimeBucket.of(grain, SPAN_START); b.start().isBefore(SPAN_END); b = b.next()) {
                        TimeBucket bucket = b;
                        assertSame(sorted.amount(input, "", b), late.amount(input, "", b),
                                () -> "seed " + seed + " " + input + " " + bucket);
                    }
                }
            }
        }
    }

    private static final List<String> INPUTS = List.of("grid_in", "power", "coal", "ncv");
    private static final Instant SPAN_START = T0.minus(Duration.ofMinutes(10));
    private static final Instant SPAN_END = T0.plus(Duration.ofHours(3));

    private static final List<TimeBucket> SPAN_MINUTES = new ArrayList<>();

    static {
        for (TimeBucket b = TimeBucket.of(Grain.MINUTE, SPAN_START); b.start().isBefore(SPAN_END); b = b.next()) {
            SPAN_MINUTES.add(b);
        }
    }

    /** The minute amounts of one input over the span of the generated data (series of other inputs are separate). */
    private static Map<TimeBucket, BucketAmount> snapshot(TimeModel model, String input) {
        Map<TimeBucket, BucketAmount> amounts = new LinkedHashMap<>();
        SPAN_MINUTES.forEach(b -> amounts.put(b, model.amount(input, "", b)));
        return amounts;
    }

    private static void assertSame(BucketAmount expected, BucketAmount actual, Supplier<String> where) {
        assertEquals(expected.amount(), actual.amount(), 1e-9 * Math.max(1, Math.abs(expected.amount())), where);
        assertEquals(expected.quality(), actual.quality(), where);
        assertEquals(expected.completeness(), actual.completeness(), 1e-12, where);
        assertEquals(expected.flags(), actual.flags(), where);
        assertEquals(expected.firstObservation(), actual.firstObservation(), where);
        assertEquals(expected.lastObservation(), actual.lastObservation(), where);
    }

    private static Change feed(TimeModel model, Object event) {
        return event instanceof MeterReplacement r ? model.add(r) : model.add((Observation) event);
    }

    private static List<Object> randomEvents(Random random) {
        List<Object> events = new ArrayList<>();
        Quality[] qualities = {Quality.MEASURED, Quality.MEASURED, Quality.MEASURED, Quality.ESTIMATED, Quality.MANUAL};
        long ms = 0;
        double counter = 9000 + random.nextInt(900);
        for (int i = 0; i < 60; i++) {
            ms += 1 + random.nextInt(random.nextInt(10) == 0 ? 200_000 : 40_000);
            Instant t = T0.plusMillis(ms);
            int roll = random.nextInt(20);
            if (roll == 0) {
                events.add(Observation.missing(t, "grid_in", "", KWH));
            } else if (roll == 1) {
                double newStart = random.nextInt(50);
                events.add(random.nextBoolean()
                        ? MeterReplacement.of(t, "grid_in", "", counter + random.nextDouble(), newStart, KWH)
                        : MeterReplacement.newMeter(t, "grid_in", "", newStart, KWH, Quality.MEASURED));
                counter = newStart;
            } else {
                counter = roll == 2 ? counter - 5 : (counter + random.nextDouble() * 30) % 10000.0;
                events.add(new Observation(t, "grid_in", "", Math.round(counter * 10) / 10.0, KWH,
                        qualities[random.nextInt(qualities.length)]));
            }
        }
        ms = 0;
        for (int i = 0; i < 60; i++) {
            ms += 1 + random.nextInt(random.nextInt(8) == 0 ? 150_000 : 50_000);
            Instant t = T0.plusMillis(ms);
            events.add(random.nextInt(15) == 0 ? Observation.missing(t, "power", "", KW)
                    : new Observation(t, "power", "", random.nextDouble() * 500, KW, qualities[random.nextInt(qualities.length)]));
        }
        for (int i = 0; i < 6; i++) {
            Instant t = T0.plusMillis(random.nextInt(3_600_000));
            events.add(Observation.measured(t, "coal", "", random.nextDouble() * 100, T));
            events.add(Observation.measured(t.plusMillis(1 + random.nextInt(1000)), "ncv", "", 18 + random.nextDouble() * 6, GJ_PER_T));
        }
        return events;
    }

    private static Map<TimeBucket, BucketAmount> minutes(TimeModel model, String input, Instant from, int count) {
        Map<TimeBucket, BucketAmount> result = new LinkedHashMap<>();
        TimeBucket b = TimeBucket.of(Grain.MINUTE, from);
        for (int i = 0; i < count; i++, b = b.next()) {
            result.put(b, model.amount(input, "", b));
        }
        return result;
    }
}
