package io.tanhe.server.security.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Limits login attempts per source address: at most {@code perMinute} in any sliding minute. Remembers a
 * bounded number of addresses (the least recently seen are forgotten first), so a flood of addresses
 * cannot exhaust memory.
 */
final class LoginThrottle {
    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final int MAX_ADDRESSES = 10_000;
    private final Clock clock;
    private final int perMinute;
    private final Map<String, Deque<Instant>> attempts = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
            return size() > MAX_ADDRESSES;
        }
    };

    LoginThrottle(Clock clock, int perMinute) {
        this.clock = clock;
        this.perMinute = perMinute;
    }

    /** Counts an attempt from {@code source}; false when it is over the limit (and not counted). */
    synchronized boolean allow(String source) {
        Instant now = clock.instant();
        Deque<Instant> times = attempts.computeIfAbsent(source, s -> new ArrayDeque<>());
        while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(WINDOW))) {
            times.pollFirst();
        }
        if (times.size() >= perMinute) {
            return false;
        }
        times.addLast(now);
        return true;
    }
}
