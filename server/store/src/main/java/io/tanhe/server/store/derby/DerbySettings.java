package io.tanhe.server.store.derby;

import io.tanhe.server.store.RetentionPolicy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How to run the embedded Derby store. {@link #at} gives the defaults; the {@code with…} methods change one value.
 *
 * @param directory         the store's directory: the database lives in {@code directory/tanhe}, Derby's log
 *                          in {@code directory/derby.log}
 * @param maxBatchRows      the most rows one group commit takes
 * @param maxBatchWait      how long the writer waits for more rows before committing a batch that is not full
 *                          (zero: commit whatever is queued as soon as the previous commit is done)
 * @param queueCapacityRows the most rows waiting for a commit; writers block when it is reached
 * @param enqueueTimeout    how long a writer blocks on a full queue before its write is rejected
 * @param minFreeBytes      intake stops when the disk holding the store has less free space than this; the
 *                          reserve keeps room for alerts, events and a clean shutdown
 * @param retention         what to keep for how long
 * @param retentionInterval how often background retention runs (the first pass runs one interval after opening)
 * @param retentionBatchRows rows deleted per retention transaction
 * @param clock             the wall clock for retention and health timestamps (never for measurement time)
 */
public record DerbySettings(Path directory, int maxBatchRows, Duration maxBatchWait, int queueCapacityRows,
                            Duration enqueueTimeout, long minFreeBytes, RetentionPolicy retention,
                            Duration retentionInterval, int retentionBatchRows, Clock clock) {

    /** The database's directory name under {@link #directory}. */
    public static final String DATABASE_NAME = "tanhe";

    public DerbySettings {
        Objects.requireNonNull(directory, "directory");
        directory = directory.toAbsolutePath().normalize();
        if (directory.toString().contains(";")) {
            throw new IllegalArgumentException("store directory " + directory + " contains `;`, which Derby URLs cannot carry; choose another directory");
        }
        positive("maxBatchRows", maxBatchRows);
        positive("queueCapacityRows", queueCapacityRows);
        positive("retentionBatchRows", retentionBatchRows);
        if (queueCapacityRows < maxBatchRows) {
            throw new IllegalArgumentException("queueCapacityRows " + queueCapacityRows + " is below maxBatchRows " + maxBatchRows);
        }
        notNegative("maxBatchWait", maxBatchWait);
        notNegative("enqueueTimeout", enqueueTimeout);
        notNegative("retentionInterval", retentionInterval);
        if (minFreeBytes < 0) {
            throw new IllegalArgumentException("minFreeBytes must not be negative: " + minFreeBytes);
        }
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(clock, "clock");
    }

    /** The defaults, for a store in {@code directory}. */
    public static DerbySettings at(Path directory) {
        return new DerbySettings(directory, 2000, Duration.ZERO, 100_000, Duration.ofSeconds(10),
                64L << 20, RetentionPolicy.standard(), Duration.ofHours(1), 500, Clock.systemUTC());
    }

    /** Where the database files are. */
    public Path databaseDirectory() {
        return directory.resolve(DATABASE_NAME);
    }

    public DerbySettings withBatching(int rows, Duration wait) {
        return new DerbySettings(directory, rows, wait, Math.max(queueCapacityRows, rows), enqueueTimeout,
                minFreeBytes, retention, retentionInterval, retentionBatchRows, clock);
    }

    public DerbySettings withQueue(int capacityRows, Duration timeout) {
        return new DerbySettings(directory, Math.min(maxBatchRows, capacityRows), maxBatchWait, capacityRows, timeout,
                minFreeBytes, retention, retentionInterval, retentionBatchRows, clock);
    }

    public DerbySettings withMinFreeBytes(long bytes) {
        return new DerbySettings(directory, maxBatchRows, maxBatchWait, queueCapacityRows, enqueueTimeout,
                bytes, retention, retentionInterval, retentionBatchRows, clock);
    }

    public DerbySettings withRetention(RetentionPolicy policy, Duration interval, int batchRows) {
        return new DerbySettings(directory, maxBatchRows, maxBatchWait, queueCapacityRows, enqueueTimeout,
                minFreeBytes, policy, interval, batchRows, clock);
    }

    public DerbySettings withClock(Clock newClock) {
        return new DerbySettings(directory, maxBatchRows, maxBatchWait, queueCapacityRows, enqueueTimeout,
                minFreeBytes, retention, retentionInterval, retentionBatchRows, newClock);
    }

    private static void positive(String field, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be positive: " + value);
        }
    }

    private static void notNegative(String field, Duration value) {
        Objects.requireNonNull(value, field);
        if (value.isNegative()) {
            throw new IllegalArgumentException(field + " must not be negative: " + value);
        }
    }
}
