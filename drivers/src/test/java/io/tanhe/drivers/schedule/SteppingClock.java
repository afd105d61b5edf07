package io.tanhe.drivers.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** A clock the test moves by hand. */
public final class SteppingClock extends Clock {
    private volatile Instant now;
    private final ZoneId zone;

    public SteppingClock(Instant start, ZoneId zone) {
        this.now = start;
        this.zone = zone;
    }

    public void advance(Duration d) {
        now = now.plus(d);
    }

    public void set(Instant t) {
        now = t;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId z) {
        return new SteppingClock(now, z);
    }

    @Override
    public Instant instant() {
        return now;
    }
}
