package io.tanhe.server.store;

import io.tanhe.engine.rules.verification.VerificationFinding;

import java.time.Instant;
import java.util.Objects;

/**
 * A verification finding as the store keeps it (table {@code verification_finding}).
 *
 * @param id      the store's number
 * @param finding what the check found
 * @param foundAt when the terminal last stored it (wall clock)
 */
public record StoredFinding(long id, VerificationFinding finding, Instant foundAt) {

    public StoredFinding {
        Objects.requireNonNull(finding, "finding");
        Objects.requireNonNull(foundAt, "foundAt");
    }
}
