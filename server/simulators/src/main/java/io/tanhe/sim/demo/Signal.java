package io.tanhe.sim.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * What a simulated point shows at a measurement time: a pure function of the time, so a restarted
 * simulation continues the same meter readings (a totaliser never jumps back).
 *
 * <p>Load varies slowly (a sine over {@link #CYCLE_HOURS} hours) around {@code perHour}:
 * a {@code counter} totalises it (start + integral, monotone because {@code swing < 1}, wrapping at
 * {@code rollover}), a {@code rate} shows it with a little deterministic noise.
 *
 * @param kind     counter or rate
 * @param start    a counter's reading at {@link #EPOCH}
 * @param perHour  mean advance per hour (counter) or mean level (rate)
 * @param swing    relative amplitude of the load cycle, 0 ≤ swing &lt; 1
 * @param noise    relative noise of a rate, 0 ≤ noise &lt; 1
 * @param digits   decimals the meter shows
 * @param rollover where a counter wraps to zero; null for never
 */
record Signal(Kind kind, double start, double perHour, double swing, double noise, int digits, BigDecimal rollover) {

    /** Counters count from here: fixed, so every run of the demo shows the same meter at the same time. */
    static final Instant EPOCH = Instant.parse("2020-01-01T00:00:00Z");
    static final double CYCLE_HOURS = 3.0;

    enum Kind { COUNTER, RATE }

    BigDecimal valueAt(Instant t, long seed) {
        double hours = (t.getEpochSecond() - EPOCH.getEpochSecond() + t.getNano() / 1e9) / 3600.0;
        double phase = 2 * Math.PI * hours / CYCLE_HOURS;
        double value = switch (kind) {
            case COUNTER -> start + perHour * (hours + swing * CYCLE_HOURS / (2 * Math.PI) * (1 - Math.cos(phase)));
            case RATE -> perHour * (1 + swing * Math.sin(phase)) * (1 + noise * centred(seed));
        };
        BigDecimal shown = BigDecimal.valueOf(value).setScale(digits, RoundingMode.HALF_UP);
        return rollover == null ? shown : shown.remainder(rollover.add(BigDecimal.ONE.movePointLeft(digits)));
    }

    /** A value in [-1, 1) that depends only on {@code seed}. */
    static double centred(long seed) {
        long z = seed + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return ((z >>> 11) * 0x1.0p-53) * 2 - 1;
    }
}
