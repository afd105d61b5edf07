package io.tanhe.sim.hj212;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Faults the platform simulator injects, each for the next N data packets it receives (thread-safe;
 * tests set them while the terminal is sending).
 */
public final class SimulatorFaults {
    private final AtomicInteger missingAcks = new AtomicInteger();
    private final AtomicInteger lateAcks = new AtomicInteger();
    private final AtomicInteger garbageReplies = new AtomicInteger();
    private final AtomicInteger dropsMidPacket = new AtomicInteger();
    private volatile Duration lateBy = Duration.ZERO;

    /** The next {@code n} data packets get no 9014 at all. */
    public SimulatorFaults missingAcks(int n) {
        missingAcks.set(n);
        return this;
    }

    /** The next {@code n} data packets get their 9014 only after {@code delay}. */
    public SimulatorFaults lateAcks(int n, Duration delay) {
        lateBy = delay;
        lateAcks.set(n);
        return this;
    }

    /** Before the 9014 of the next {@code n} data packets, garbage: random bytes and a packet with a bad CRC. */
    public SimulatorFaults garbageReplies(int n) {
        garbageReplies.set(n);
        return this;
    }

    /** The next {@code n} data packets get half a 9014, then the connection is closed. */
    public SimulatorFaults dropsMidPacket(int n) {
        dropsMidPacket.set(n);
        return this;
    }

    boolean takeMissingAck() {
        return take(missingAcks);
    }

    boolean takeLateAck() {
        return take(lateAcks);
    }

    Duration lateBy() {
        return lateBy;
    }

    boolean takeGarbage() {
        return take(garbageReplies);
    }

    boolean takeDropMidPacket() {
        return take(dropsMidPacket);
    }

    private static boolean take(AtomicInteger n) {
        return n.getAndUpdate(v -> v > 0 ? v - 1 : 0) > 0;
    }
}
