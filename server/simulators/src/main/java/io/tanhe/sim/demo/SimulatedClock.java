package io.tanhe.sim.demo;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/** A clock the demo moves: simulated measurement time, faster or slower than the wall clock. Thread-safe. */
public final class SimulatedClock extends Clock {
    private final ZoneId zone;
    private volatile Instant now;

    public SimulatedClock(Instant start, ZoneId zone) {
        this.now = start;
        this.zone = zone;
    }

    void set(Instant t) {
        now = t;
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
    public Clock withZone(ZoneId z) {
        SimulatedClock self = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return z;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return self.withZone(other);
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
