package io.tanhe.server.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Closed days whose stored results must be recomputed from the raw readings because data for them
 * arrived late. The terminal records a request when it acknowledges such data, so that a kill -9
 * cannot leave a late reading without one; the recompute job takes them one day at a time and marks
 * them done. Every method returns after a durable commit.
 */
public interface RecomputeQueue {

    /** Records requests, all in one transaction. */
    void request(List<LateData> late, Instant at);

    /** The earliest day before {@code before} with a pending request. */
    Optional<LocalDate> firstPendingDay(LocalDate before);

    /** The pending requests of one day, oldest first. */
    List<RecomputeRequest> pending(LocalDate day);

    /** How many requests are pending. */
    long pendingCount();

    /** Marks requests done (their day was recomputed at {@code at}). */
    void done(List<Long> ids, Instant at);
}
