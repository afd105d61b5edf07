package io.tanhe.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Configuration packages and their activation log. A change of state and its log entry are written in one
 * transaction, and only when the package is still in the state the caller expects: two requests racing
 * for the same package cannot both move it. Every method returns after a durable commit.
 */
public interface ConfigPackages {

    /** Stores an uploaded package in {@code state} and logs its arrival; returns it with its id. */
    ConfigPackage add(String kind, String name, String version, String content, String signatures, String uploadedBy,
                      Instant at, String state, String detail);

    Optional<ConfigPackage> get(long id);

    /** Every package, oldest first. */
    List<ConfigPackage> all();

    /**
     * Moves package {@code id} from {@code from} to {@code to} and logs it.
     *
     * @return false (and nothing written) when the package is not in {@code from}
     */
    boolean move(long id, String from, String to, String actor, Instant at, String detail);

    /** Stores the review of a dry-run replay with its one-line summary. */
    void saveReview(long id, String review, String summary);

    /** Sets the measurement time the package applies from. */
    void setEffectiveFrom(long id, Instant effectiveFrom);

    /** The whole activation log, oldest first. */
    List<ActivationStep> log();
}
