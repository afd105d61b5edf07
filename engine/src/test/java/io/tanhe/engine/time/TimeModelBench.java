package io.tanhe.engine.time;

import io.tanhe.engine.units.Unit;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * Measures the time model at the brief's load: 10,000 points at one observation a second
 * (half counters, half rates). Not a test; run it as a main (see docs/time-model.md).
 * Prints ns and allocated bytes per added observation, the cost of one minute amount, and of a
 * late observation.
 */
public final class TimeModelBench {
    private static final int POINTS = 10_000;
    private static final int SECONDS = 120;

    private TimeModelBench() {
    }

    public static void main(String[] args) {
        Unit kwh = Unit.parse("kWh");
        Unit kw = Unit.parse("kW");
        TimeModel model = new TimeModel(TimeBucket.DEFAULT_ZONE)
                .configure("energy", CounterSettings.of(kwh).withRollover(Rollover.at("999999.99", kwh)))
                .configure("power", RateSettings.of(Unit.parse("kW·h")).withMaxGap(Duration.ofSeconds(10)));
        Instant t0 = Instant.parse("2024-03-01T00:00:00Z");
        String[] keys = new String[POINTS];
        Arrays.setAll(keys, i -> "p" + i);
        for (int round = 0; round < 3; round++) {
            Observation[] batch = batch(keys, t0.plusSeconds((long) round * SECONDS), kwh, kw);
            long bytes = allocated();
            long start = System.nanoTime();
            long changed = 0;
            for (Observation o : batch) {
                changed += model.add(o).isEmpty() ? 0 : 1;
            }
            long ns = System.nanoTime() - start;
            long alloc = allocated() - bytes;
            System.out.printf("add: round %d, %d observations, %.0f ns/obs, %.1f B/obs allocated, %d changes%n",
                    round, batch.length, (double) ns / batch.length, (double) alloc / batch.length, changed);
        }
        TimeBucket minute = TimeBucket.of(Grain.MINUTE, t0.plusSeconds(3L * SECONDS - 90));
        for (int round = 0; round < 3; round++) {
            double sink = 0;
            long start = System.nanoTime();
            int queries = 0;
            for (String key : keys) {
                sink += model.amount("power", key, minute).amount() + model.amount("energy", key, minute).amount();
                queries += 2;
            }
            long all = System.nanoTime() - start;
            start = System.nanoTime();
            for (int i = 0; i < POINTS; i++) {
                sink += model.amount("power", keys[1], minute).amount();
            }
            System.out.printf("amount(minute of 60 readings): %.0f ns/query over all series, %.0f ns/query on one series"
                    + " (checksum %.3f)%n", (double) all / queries, (double) (System.nanoTime() - start) / POINTS, sink);
        }
        for (int round = 0; round < 3; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < POINTS; i++) {
                long ms = 1000L * ((i + 7L * round) % SECONDS) + 100 + 100 * round;
                model.add(Observation.measured(t0.plusMillis(ms), "power", keys[i], 42, kw));
            }
            System.out.printf("late add (into %d retained readings): %.0f ns/obs%n", 3 * SECONDS + round,
                    (double) (System.nanoTime() - start) / POINTS);
        }
        Runtime rt = Runtime.getRuntime();
        System.gc();
        System.out.printf("retained observations: %d, heap used after GC: %d MB%n",
                model.series().stream().mapToLong(Series::size).sum(), (rt.totalMemory() - rt.freeMemory()) >> 20);
    }

    private static Observation[] batch(String[] keys, Instant from, Unit kwh, Unit kw) {
        Observation[] batch = new Observation[keys.length * SECONDS];
        int n = 0;
        for (int s = 0; s < SECONDS; s++) {
            Instant t = from.plusSeconds(s);
            long second = from.getEpochSecond() + s;
            for (int i = 0; i < keys.length; i++) {
                batch[n++] = i % 2 == 0
                        ? Observation.measured(t, "energy", keys[i], (second * 0.01 + i) % 1_000_000, kwh)
                        : Observation.measured(t, "power", keys[i], 100 + i % 50, kw);
            }
        }
        return batch;
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
