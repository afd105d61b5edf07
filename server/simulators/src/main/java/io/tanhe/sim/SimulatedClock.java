package io.tanhe.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Simulated measurement time: a clock that moves only when told — by the demo, faster or slower than
 * the wall clock, or by tests and benchmarks, which let days pass in a moment (a centre down for 48
 * hours) while the uplink's schedules and backoffs read it. Thread-safe.
 */
public final class SimulatedClock extends Clock {
    private final ZoneId zone;
    private volatile Instant now;

    /** A clock standing at {@code start} in {@code zone}. */
    public SimulatedClock(Instant start, ZoneId zone) {
        this.now = start;
        this.zone = zone;
    }

    /** Moves the clock to {@code t}. */
    public void set(Instant t) {
        now = t;
    }

    /** Moves the clock forward by {@code d}. */
    public synchronized void advance(Duration d) {
        now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /**
     * This clock seen in another zone: the same simulated time, moving with it. (A copy standing at
     * the current instant froze the uplink's QNs at the demo's start plus a counter, issue 12 8f.)
     */
    @Override
    public Clock withZone(ZoneId other) {
        SimulatedClock self = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return other;
            }

            @Override
            public Clock withZone(ZoneId z) {
                return self.withZone(z);
            }

            @Override
            public Instant instant() {
                return self.instant();
            }
        };
    }

    @Override
    public Instant instant() {
        return now;
    }
}
