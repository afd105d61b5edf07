package io.tanhe.drivers.peers;

import io.tanhe.drivers.Reading;
import io.tanhe.drivers.ReadingSink;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A sink that keeps what a source produced, for tests to wait on. */
public final class CollectingSink implements ReadingSink {
    private final LinkedBlockingQueue<Reading> queue = new LinkedBlockingQueue<>();
    private final List<Reading> seen = new ArrayList<>();

    @Override
    public void accept(Reading reading) {
        queue.add(reading);
    }

    /** The next reading that matches, or fails the test after {@code limit}. Skipped readings are kept in {@link #seen()}. */
    public Reading await(Predicate<Reading> match, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Reading next;
            try {
                next = left <= 0 ? null : queue.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            if (next == null) {
                throw new AssertionError("no matching reading within " + limit + "; seen: " + seen);
            }
            synchronized (seen) {
                seen.add(next);
            }
            if (match.test(next)) {
                return next;
            }
        }
    }

    /** Readings taken from the queue so far. */
    public List<Reading> seen() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }
}
