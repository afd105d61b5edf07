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

    @Override
    public Clock withZone(ZoneId z) {
        return new SimulatedClock(now, z);
    }

    @Override
    public Instant instant() {
        return now;
    }
}
