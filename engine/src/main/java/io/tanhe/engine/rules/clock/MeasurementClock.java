package io.tanhe.engine.rules.clock;

import java.time.Instant;

/**
 * The rules' notion of now: the latest measurement time fed in, never the wall clock. It only moves
 * forward; a late fact does not move it back.
 */
public final class MeasurementClock {
    private long millis;
    private boolean started;

    /** The current time; {@link Instant#EPOCH} before the first fact. */
    public Instant now() {
        return Instant.ofEpochMilli(millis);
    }

    public long millis() {
        return millis;
    }

    /** True once a time was set. */
    public boolean started() {
        return started;
    }

    /**
     * Moves to {@code target} if that is later (or the first time set).
     *
     * @return how far the clock moved, in milliseconds (0 when it did not)
     */
    public long advanceTo(long target) {
        if (started && target <= millis) {
            return 0;
        }
        long delta = started ? target - millis : target;
        millis = target;
        started = true;
        return delta;
    }
}
