package io.tanhe.server.security.access;

import java.time.Instant;
import java.util.Objects;

/**
 * An account as stored.
 *
 * @param passwordSetAt when the password was last set (its age counts from here)
 * @param mustChange    the password is one-time (first start, new account, reset): change it at the next login
 * @param disabled      locked by the security operator until unlocked
 * @param failures      failed logins since the last success
 * @param lockedUntil   locked by too many failures until then; {@link Instant#EPOCH} when not
 */
public record Account(String username, Role role, String passwordHash, Instant passwordSetAt, boolean mustChange,
                      boolean disabled, int failures, Instant lockedUntil, Instant createdAt) {
    public Account {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(passwordSetAt, "passwordSetAt");
        Objects.requireNonNull(lockedUntil, "lockedUntil");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Locked by too many failures at {@code now}. */
    public boolean lockedOut(Instant now) {
        return lockedUntil.isAfter(now);
    }
}
