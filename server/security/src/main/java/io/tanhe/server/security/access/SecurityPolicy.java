package io.tanhe.server.security.access;

import java.time.Duration;

/**
 * The login policy (§7.4.1.2).
 *
 * @param lockoutAfter          consecutive failed logins that lock an account
 * @param lockoutFor            how long such a lock lasts
 * @param passwordMaxAge        a password older than this must be changed at the next login
 * @param history               a new password must differ from this many previous ones (the current included)
 * @param idleTimeout           a session unused this long ends
 * @param loginAttemptsPerMinute login attempts taken from one source address per minute; more get 429
 */
public record SecurityPolicy(int lockoutAfter, Duration lockoutFor, Duration passwordMaxAge, int history,
                             Duration idleTimeout, int loginAttemptsPerMinute) {
    public SecurityPolicy {
        if (lockoutAfter < 1 || history < 1 || loginAttemptsPerMinute < 1) {
            throw new IllegalArgumentException("lockoutAfter, history and loginAttemptsPerMinute must be at least 1");
        }
        if (lockoutFor.isNegative() || passwordMaxAge.isNegative() || passwordMaxAge.isZero()
                || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("durations must be positive");
        }
    }

    /** 5 failures lock for 15 min, passwords expire after 90 days, the last 5 are remembered, sessions idle out after 15 min, 10 logins per minute per address. */
    public static SecurityPolicy defaults() {
        return new SecurityPolicy(5, Duration.ofMinutes(15), Duration.ofDays(90), 5, Duration.ofMinutes(15), 10);
    }
}
