package io.tanhe.server.store;

import io.tanhe.engine.rules.verification.VerificationFinding;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The verification findings of the site (table {@code verification_finding}); docs/verification.md. */
public interface FindingStore {

    /**
     * Stores {@code finding}, or updates the stored one with its dedup key (check, subject, grain, period start) when the
     * value, bound or message changed; an identical one is left as it is.
     *
     * @return the stored row
     */
    StoredFinding record(VerificationFinding finding, Instant foundAt);

    /**
     * The findings whose period overlaps {@code range} (a reading's finding: whose time lies in it), by period start,
     * at most {@code limit}.
     *
     * @param subject only findings whose subject is this or starts with it followed by {@code [} (a node and all its
     *                keys); empty for all
     */
    List<StoredFinding> between(TimeRange range, Optional<String> subject, int limit);
}
