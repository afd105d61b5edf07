package io.tanhe.server.security.access;

import java.time.Instant;
import java.util.Optional;

/**
 * A machine client's token as stored (never the token itself, only its SM3 hash).
 *
 * @param revokedAt when it was revoked; empty while it is valid
 */
public record ApiToken(String name, Role role, Instant createdAt, String createdBy, Optional<Instant> revokedAt) {
}
