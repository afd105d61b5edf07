package io.tanhe.server.store.jdbc;

import io.tanhe.server.store.BucketResult;
import io.tanhe.server.store.IntakeRejectedException;
import io.tanhe.server.store.StoreException;
import io.tanhe.server.store.StoreHealth;
import io.tanhe.server.store.StoredReading;
import io.tanhe.server.store.WriteOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The single writer of readings and results. Callers queue writes; one thread takes whatever has
 * arrived (up to {@code maxBatchRows}, waiting at most {@code maxBatchWait} for more), writes it in one
 * transaction, commits (the engine forces its log to disk on commit), and only then completes each caller's
 * future. One log flush is shared by the whole batch, which is what makes durable writes fast.
 *
 * <p>The queue is bounded in rows by a semaphore: a caller blocks while it is full, for at most the
 * enqueue timeout, and is then rejected. Permits are returned after the commit, so memory held by
 * queued and in-flight writes stays bounded.
 */
final class GroupCommitter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);
    private static final long IDLE_POLL_MS = 200;

    private final Database db;
    private final ReadingRows readingRows;
    private final ResultRows resultRows;
    private final StoreSettings settings;
    /** The disk's problem (too little free space), or null: {@link DiskGuard#problem}. */
    private final Supplier<String> disk;
    private final IntakeHealth health;
    private final Semaphore capacity;
    private final LinkedBlockingQueue<PendingWrite> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private final Object admission = new Object();
    private volatile boolean closed;
    /** Why the writer thread ended before the store was closed (an Error such as OutOfMemoryError); null while it runs. */
    private volatile Throwable died;
    private Connection connection;
    private long lastProbe;

    GroupCommitter(Database db, StoreSettings settings, Supplier<String> disk) {
        this.db = db;
        this.readingRows = new ReadingRows(db.dialect());
        this.resultRows = new ResultRows(db.dialect());
        this.settings = settings;
        this.disk = disk;
        this.capacity = new Semaphore(settings.queueCapacityRows());
        this.health = new IntakeHealth(settings.clock(), () -> settings.queueCapacityRows() - capacity.availablePermits());
        this.writer = new Thread(this::run, "tanhe-store-writer");
        this.writer.setDaemon(true);
    }

    void start() {
        writer.start();
    }

    IntakeHealth health() {
        return health;
    }

    CompletableFuture<List<WriteOutcome>> submitReadings(List<StoredReading> readings) {
        return submit(PendingWrite.ofReadings(readings));
    }

    CompletableFuture<List<WriteOutcome>> submitResults(List<BucketResult> results) {
        return submit(PendingWrite.ofResults(results));
    }

    private CompletableFuture<List<WriteOutcome>> submit(PendingWrite write) {
        int rows = write.rows();
        if (rows == 0) {
            return CompletableFuture.completedFuture(List.of());
        }
        if (rows > settings.queueCapacityRows()) {
            throw new IllegalArgumentException("a write of " + rows + " rows exceeds the store's queue of "
                    + settings.queueCapacityRows() + " rows; split it");
        }
        IntakeRejectedException refused = refusal();
        if (refused != null) {
            return CompletableFuture.failedFuture(refused);
        }
        if (!acquire(rows)) {
            return CompletableFuture.failedFuture(new IntakeRejectedException(IntakeRejectedException.Reason.BUSY,
                    "the store's write queue stayed full for " + settings.enqueueTimeout().toMillis()
                            + " ms: the disk is slower than intake; " + rows + " rows were not stored, retry later"));
        }
        synchronized (admission) {
            refused = refusal();
            if (refused != null) {
                capacity.release(rows);
                return CompletableFuture.failedFuture(refused);
            }
            queue.add(write);
        }
        return write.done();
    }

    private IntakeRejectedException refusal() {
        if (closed) {
            return new IntakeRejectedException(IntakeRejectedException.Reason.CLOSED, "the store is closed; nothing was stored");
        }
        if (died != null) {
            return new IntakeRejectedException(IntakeRejectedException.Reason.STOPPED,
                    "the store's writer stopped (" + died + "); nothing was stored; restart the terminal");
        }
        if (health.state() == StoreHealth.State.INTAKE_STOPPED) {
            return new IntakeRejectedException(IntakeRejectedException.Reason.STOPPED,
                    "store intake is stopped: " + health.detail() + "; nothing was stored");
        }
        return null;
    }

    private boolean acquire(int rows) {
        try {
            return capacity.tryAcquire(rows, settings.enqueueTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void run() {
        try {
            while (true) {
                PendingWrite first = queue.poll(IDLE_POLL_MS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closed && queue.isEmpty()) {
                        break;
                    }
                    probeWhenStopped();
                    continue;
                }
                List<PendingWrite> batch = gather(first);
                try {
                    commit(batch);
                } catch (RuntimeException e) {
                    LOG.error("store writer failed on a batch of {} writes", batch.size(), e);
                    failAll(batch, new StoreException("the store's writer failed: " + e + "; the writes were not acknowledged", e));
                } catch (Error e) {
                    // the thread ends: its batch and every later write must fail, never wait for a writer that is gone
                    died = e;
                    health.set(StoreHealth.State.INTAKE_STOPPED, "the store's writer stopped: " + e);
                    LOG.error("store writer stopped on a batch of {} writes: {}", batch.size(), e.toString());
                    failAll(batch, new StoreException("the store's writer stopped: " + e + "; the writes were not acknowledged", e));
                    throw e;
                } finally {
                    capacity.release(batch.stream().mapToInt(PendingWrite::rows).sum());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            synchronized (admission) {
                failAll(new ArrayList<>(queue), new IntakeRejectedException(IntakeRejectedException.Reason.CLOSED,
                        "the store's writer ended before this write was committed; nothing was stored"));
                queue.clear();
            }
            closeConnection();
        }
    }

    private List<PendingWrite> gather(PendingWrite first) throws InterruptedException {
        List<PendingWrite> batch = new ArrayList<>();
        batch.add(first);
        int rows = first.rows();
        long deadline = System.nanoTime() + settings.maxBatchWait().toNanos();
        while (rows < settings.maxBatchRows()) {
            long left = deadline - System.nanoTime();
            PendingWrite next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
            if (next == null) {
                break;
            }
            batch.add(next);
            rows += next.rows();
        }
        return batch;
    }

    private void commit(List<PendingWrite> batch) {
        if (health.state() == StoreHealth.State.INTAKE_STOPPED && !recover()) {
            failAll(batch, new IntakeRejectedException(IntakeRejectedException.Reason.STOPPED,
                    "store intake is stopped: " + health.detail() + "; nothing was stored"));
            return;
        }
        String diskProblem = disk.get();
        if (diskProblem != null) {
            health.set(StoreHealth.State.INTAKE_STOPPED, diskProblem);
            failAll(batch, new IntakeRejectedException(IntakeRejectedException.Reason.STOPPED, diskProblem + "; nothing was stored"));
            return;
        }
        try {
            long started = System.nanoTime();
            Connection c = connection();
            db.begin(c, true);
            List<WriteOutcome[]> outcomes = apply(c, batch);
            db.commit(c);
            int rows = batch.stream().mapToInt(PendingWrite::rows).sum();
            health.committed(rows, System.nanoTime() - started);
            health.acknowledged(rows);
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).done().complete(List.of(outcomes.get(i)));
            }
        } catch (SQLException e) {
            handleFailure(batch, e);
        }
    }

    /** Writes all readings of the batch in one statement batch, then all results; outcomes per pending write. */
    private List<WriteOutcome[]> apply(Connection c, List<PendingWrite> batch) throws SQLException {
        List<StoredReading> readings = new ArrayList<>();
        List<BucketResult> results = new ArrayList<>();
        for (PendingWrite w : batch) {
            readings.addAll(w.readings());
            results.addAll(w.results());
        }
        WriteOutcome[] readingOutcomes = new WriteOutcome[readings.size()];
        WriteOutcome[] resultOutcomes = new WriteOutcome[results.size()];
        if (!readings.isEmpty()) {
            readingRows.insert(c, readings, readingOutcomes, 0);
        }
        if (!results.isEmpty()) {
            resultRows.write(c, results, resultOutcomes, 0);
        }
        List<WriteOutcome[]> perWrite = new ArrayList<>();
        int r = 0;
        int s = 0;
        for (PendingWrite w : batch) {
            if (!w.readings().isEmpty()) {
                perWrite.add(Arrays.copyOfRange(readingOutcomes, r, r + w.readings().size()));
                r += w.readings().size();
            } else {
                perWrite.add(Arrays.copyOfRange(resultOutcomes, s, s + w.results().size()));
                s += w.results().size();
            }
        }
        return perWrite;
    }

    private void handleFailure(List<PendingWrite> batch, SQLException e) {
        if (connection != null) {
            db.rollbackQuietly(connection);
        }
        String what = Database.describe(e);
        if (db.dialect().diskFull(e) || db.dialect().fatal(e)) {
            closeConnection();
            String detail = (db.dialect().diskFull(e) ? "the disk holding " + db.directory() + " is full" : "the database failed")
                    + " (" + what + "); free space or fix the disk, intake resumes by itself or after a restart";
            health.set(StoreHealth.State.INTAKE_STOPPED, detail);
            failAll(batch, new StoreException("writing failed and was not acknowledged (it may or may not be stored;"
                    + " writing it again is harmless): " + detail, e));
        } else if (batch.size() > 1) {
            LOG.warn("store group commit of {} writes failed ({}); committing them one by one", batch.size(), what);
            for (PendingWrite w : batch) {
                commit(List.of(w));
            }
        } else {
            failAll(batch, new StoreException("writing " + describe(batch.get(0)) + " failed: " + what, e));
        }
    }

    private static String describe(PendingWrite w) {
        return w.readings().isEmpty()
                ? w.results().size() + " results (first " + w.results().get(0).nodeId() + " " + w.results().get(0).bucketStart() + ")"
                : w.readings().size() + " readings (first " + w.readings().get(0).idempotencyKey() + ")";
    }

    /** While intake is stopped, tries about once a second whether it can resume, so recovery needs no writes. */
    private void probeWhenStopped() {
        if (health.state() == StoreHealth.State.INTAKE_STOPPED && System.nanoTime() - lastProbe > 1_000_000_000L) {
            lastProbe = System.nanoTime();
            recover();
        }
    }

    /** Resumes intake when the disk has room again and the database answers. */
    private boolean recover() {
        if (disk.get() != null) {
            return false;
        }
        try {
            connection().isValid(5);
            db.begin(connection, true);
            try (var s = connection.createStatement()) {
                s.executeQuery("SELECT COUNT(*) FROM schema_version").close();
            }
            db.commit(connection);
            health.set(StoreHealth.State.OK, "ok");
            LOG.info("store {}: intake resumed", db.directory());
            return true;
        } catch (SQLException e) {
            closeConnection();
            return false;
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = db.connect();
        }
        return connection;
    }

    private void closeConnection() {
        if (connection != null) {
            Database.closeQuietly(connection);
            connection = null;
        }
    }

    private static void failAll(List<PendingWrite> writes, RuntimeException error) {
        for (PendingWrite w : writes) {
            w.done().completeExceptionally(error);
        }
    }

    /** Stops taking writes, commits and acknowledges what is queued, and stops the writer thread. */
    @Override
    public void close() {
        synchronized (admission) {
            closed = true;
        }
        try {
            writer.join(Duration.ofMinutes(1).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        health.set(StoreHealth.State.CLOSED, "closed");
    }
}
