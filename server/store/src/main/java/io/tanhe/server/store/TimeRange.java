package io.tanhe.server.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A half-open interval of time {@code [from, to)}: {@code from} is included, {@code to} is not, so
 * consecutive ranges never count a row twice.
 */
public record TimeRange(Instant from, Instant to) {

    public TimeRange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("time range ends (" + to + ") before it starts (" + from
                    + "); swap the two instants");
        }
    }

    /** The range {@code [from, to)}. */
    public static TimeRange of(Instant from, Instant to) {
        return new TimeRange(from, to);
    }

    /** True when {@code from <= t < to}. */
    public boolean contains(Instant t) {
        return !t.isBefore(from) && t.isBefore(to);
    }

    @Override
    public String toString() {
        return "[" + from + ", " + to + ")";
    }
}
