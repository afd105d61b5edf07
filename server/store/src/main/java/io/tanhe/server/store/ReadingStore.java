package io.tanhe.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Raw readings: written through the group committer, read by point and time.
 *
 * <p>Durability: a returned future completes only after the transaction holding the reading is
 * committed to disk (a kill -9 or power cut afterwards does not lose it). It completes on the store's
 * writer thread, so callbacks must be short; use the {@code …Async} variants for real work.
 *
 * <p>Back-pressure: writes wait in a bounded queue. When it is full the calling thread blocks
 * (up to the store's enqueue timeout), which slows the driver that produces the readings; after the
 * timeout, or at once when intake is stopped or the store closed, the future fails with
 * {@link IntakeRejectedException} and nothing is stored.
 */
public interface ReadingStore {

    /** Stores one reading; {@link WriteOutcome#UNCHANGED} when its idempotency key is already stored. */
    CompletableFuture<WriteOutcome> write(StoredReading reading);

    /** Stores several readings in one go (one queue slot each); outcomes in the same order. */
    CompletableFuture<List<WriteOutcome>> writeAll(List<StoredReading> readings);

    /** The readings of one point measured in {@code range}, oldest first (every source, every key). */
    List<StoredReading> readings(String pointId, TimeRange range);

    /**
     * Streams the readings that match {@code filter} to {@code sink}, oldest first, without holding them
     * all in memory. Returns how many there were.
     */
    long scan(ReadingFilter filter, Consumer<StoredReading> sink);

    /** How many readings are stored. */
    long count();

    /** The latest measurement time of any stored reading (where a restarting terminal resumes); empty when none is stored. */
    Optional<Instant> latestMeasuredAt();

    /** The latest measurement time of a reading of {@code pointId}; empty when none is stored. */
    Optional<Instant> latestMeasuredAt(String pointId);
}
