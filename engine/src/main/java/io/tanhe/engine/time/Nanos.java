package io.tanhe.engine.time;

import java.time.Instant;

/** Instants as epoch nanoseconds (1677-09-21 to 2262-04-11), the representation of the hot path. */
final class Nanos {
    static final double PER_HOUR = 3.6e12;
    private static final long PER_SECOND = 1_000_000_000L;

    private Nanos() {
    }

    static long of(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), PER_SECOND), t.getNano());
    }

    static boolean inRange(Instant t) {
        long s = t.getEpochSecond();
        return s > Long.MIN_VALUE / PER_SECOND + 1 && s < Long.MAX_VALUE / PER_SECOND - 1;
    }

    static Instant toInstant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, PER_SECOND), Math.floorMod(nanos, PER_SECOND));
    }
}
