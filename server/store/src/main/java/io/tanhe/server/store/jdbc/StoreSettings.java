package io.tanhe.server.store.jdbc;

import io.tanhe.server.store.RetentionPolicy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How to run the store. {@link #at} gives the defaults; the {@code with…} methods change one value.
 *
 * @param directory         the store's directory: SQLite's database is {@code directory/tanhe.sqlite}, Derby's
 *                          lives in {@code directory/tanhe} with its log in {@code directory/derby.log}; for
 *                          PostgreSQL it is only where the disk guard looks (usually the data directory)
 * @param engine            the database engine
 * @param server            how to reach the server; null for the embedded engines
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
public record StoreSettings(Path directory, Engine engine, ServerLogin server, int maxBatchRows, Duration maxBatchWait, int queueCapacityRows,
                            Duration enqueueTimeout, long minFreeBytes, RetentionPolicy retention,
                            Duration retentionInterval, int retentionBatchRows, Clock clock) {

    public StoreSettings {
        Objects.requireNonNull(directory, "directory");
        directory = directory.toAbsolutePath().normalize();
        Objects.requireNonNull(engine, "engine");
        if ((engine == Engine.POSTGRESQL) != (server != null)) {
            throw new IllegalArgumentException(engine == Engine.POSTGRESQL
                    ? "the postgresql engine needs a server login (url, user, password)"
                    : "only the postgresql engine takes a server login; " + engine + " is embedded");
        }
        if (engine == Engine.DERBY && directory.toString().contains(";")) {
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

    /**
     * The defaults, for an embedded store in {@code directory}: Derby when the directory holds a Derby
     * database, SQLite otherwise ({@link Engine#detect}).
     */
    public static StoreSettings at(Path directory) {
        return new StoreSettings(directory, Engine.detect(directory.toAbsolutePath().normalize()), null, 2000, Duration.ZERO, 100_000, Duration.ofSeconds(10),
                64L << 20, RetentionPolicy.standard(), Duration.ofHours(1), 500, Clock.systemUTC());
    }

    /** Where the embedded database is: Derby's directory or SQLite's file. */
    public Path databaseDirectory() {
        return directory.resolve(engine == Engine.SQLITE ? Engine.SQLITE_FILE : Engine.DERBY_DIRECTORY);
    }

    /** The same settings on another embedded engine (a new directory may be created on Derby, e.g. for tests). */
    public StoreSettings withEngine(Engine newEngine) {
        if (newEngine == Engine.POSTGRESQL) {
            throw new IllegalArgumentException("give the server's login: withServer(login)");
        }
        return new StoreSettings(directory, newEngine, null, maxBatchRows, maxBatchWait, queueCapacityRows, enqueueTimeout,
                minFreeBytes, retention, retentionInterval, retentionBatchRows, clock);
    }

    /** The same settings on a PostgreSQL server; the disk guard is off (the server watches its own disk). */
    public StoreSettings withServer(ServerLogin login) {
        return new StoreSettings(directory, Engine.POSTGRESQL, Objects.requireNonNull(login, "login"), maxBatchRows,
                maxBatchWait, queueCapacityRows, enqueueTimeout, 0, retention, retentionInterval, retentionBatchRows, clock);
    }

    /** Where the database is, for messages (never with a password). */
    public String where() {
        return engine == Engine.POSTGRESQL ? server.url() : databaseDirectory().toString();
    }

    public StoreSettings withBatching(int rows, Duration wait) {
        return new StoreSettings(directory, engine, server, rows, wait, Math.max(queueCapacityRows, rows), enqueueTimeout,
                minFreeBytes, retention, retentionInterval, retentionBatchRows, clock);
    }

    public StoreSettings withQueue(int capacityRows, Duration timeout) {
        return new StoreSettings(directory, engine, server, Math.min(maxBatchRows, capacityRows), maxBatchWait, capacityRows, timeout,
                minFreeBytes, retention, retentionInterval, retentionBatchRows, clock);
    }

    public StoreSettings withMinFreeBytes(long bytes) {
        return new StoreSettings(directory, engine, server, maxBatchRows, maxBatchWait, queueCapacityRows, enqueueTimeout,
                bytes, retention, retentionInterval, retentionBatchRows, clock);
    }

    public StoreSettings withRetention(RetentionPolicy policy, Duration interval, int batchRows) {
        return new StoreSettings(directory, engine, server, maxBatchRows, maxBatchWait, queueCapacityRows, enqueueTimeout,
                minFreeBytes, policy, interval, batchRows, clock);
    }

    public StoreSettings withClock(Clock newClock) {
        return new StoreSettings(directory, engine, server, maxBatchRows, maxBatchWait, queueCapacityRows, enqueueTimeout,
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
