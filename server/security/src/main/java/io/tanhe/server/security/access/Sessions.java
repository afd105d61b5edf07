package io.tanhe.server.security.access;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signed-in sessions, in memory (a restart signs everyone out). A session ends on logout or after the
 * idle timeout; each use moves its deadline on. Ids are 256 random bits.
 */
final class Sessions {
    private static final int MAX_SESSIONS = 10_000;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Entry> byId = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration idle;

    private record Entry(Principal principal, Instant lastUsed) {
    }

    Sessions(Clock clock, Duration idle) {
        this.clock = clock;
        this.idle = idle;
    }

    String open(Principal p) {
        if (byId.size() >= MAX_SESSIONS) {
            expire();
        }
        byte[] id = new byte[32];
        random.nextBytes(id);
        String key = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        byId.put(key, new Entry(p, clock.instant()));
        return key;
    }

    /** The session's principal, when it exists and has not idled out; touching it. */
    Optional<Principal> use(String id) {
        Instant now = clock.instant();
        Entry e = byId.get(id);
        if (e == null) {
            return Optional.empty();
        }
        if (!now.isBefore(e.lastUsed().plus(idle))) {
            byId.remove(id);
            return Optional.empty();
        }
        byId.put(id, new Entry(e.principal(), now));
        return Optional.of(e.principal());
    }

    Optional<Principal> close(String id) {
        return Optional.ofNullable(byId.remove(id)).map(Entry::principal);
    }

    /** Ends every session of {@code username} (its password changed, or it was locked). */
    void closeAll(String username) {
        closeAllBut(username, null);
    }

    /** Ends every session of {@code username} but {@code keep} (the one that changed the password). */
    void closeAllBut(String username, String keep) {
        byId.entrySet().removeIf(e -> !e.getKey().equals(keep) && e.getValue().principal().kind() == Principal.Kind.ACCOUNT
                && e.getValue().principal().name().equals(username));
    }

    /** Replaces the principal of an open session (after a forced password change). */
    void replace(String id, Principal p) {
        byId.computeIfPresent(id, (k, e) -> new Entry(p, clock.instant()));
    }

    private void expire() {
        Instant now = clock.instant();
        byId.values().removeIf(e -> !now.isBefore(e.lastUsed().plus(idle)));
    }
}
