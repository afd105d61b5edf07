package io.tanhe.server.store.derby;

import io.tanhe.server.store.AlertStore;
import io.tanhe.server.store.ConfigStore;
import io.tanhe.server.store.EventLog;
import io.tanhe.server.store.Outbox;
import io.tanhe.server.store.ReadingStore;
import io.tanhe.server.store.RecomputeQueue;
import io.tanhe.server.store.ResultStore;
import io.tanhe.server.store.RetentionReport;
import io.tanhe.server.store.Store;
import io.tanhe.server.store.StoreException;
import io.tanhe.server.store.StoreHealth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The embedded Apache Derby store: one database directory, one group-committing writer thread for
 * readings and results, one background retention thread. Open with {@link #open}; close to stop.
 * Only one process may open a directory at a time (Derby locks it).
 */
public final class DerbyStore implements Store {
    private static final Logger LOG = LoggerFactory.getLogger(DerbyStore.class);

    private final DerbySettings settings;
    private final DerbyDatabase db;
    private final GroupCommitter committer;
    private final Retention retention;
    private final ScheduledExecutorService background;
    private final DerbyReadings readings;
    private final DerbyResults results;
    private final DerbyAlerts alerts;
    private final DerbyEvents events;
    private final DerbyConfigs configs;
    private final DerbyOutbox outbox;
    private final DerbyRecomputeQueue recomputeQueue;

    private DerbyStore(DerbySettings settings, DerbyDatabase db) {
        this.settings = settings;
        this.db = db;
        this.committer = new GroupCommitter(db, settings, new DiskGuard(settings.directory(), settings.minFreeBytes()));
        this.retention = new Retention(db, settings.retention(), settings.retentionBatchRows());
        this.readings = new DerbyReadings(db, committer);
        this.results = new DerbyResults(db, committer);
        this.alerts = new DerbyAlerts(db);
        this.events = new DerbyEvents(db);
        this.configs = new DerbyConfigs(db);
        this.outbox = new DerbyOutbox(db);
        this.recomputeQueue = new DerbyRecomputeQueue(db);
        this.background = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tanhe-store-retention");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Opens the store in {@code settings.directory()}, creating it when absent and bringing its schema up
     * to date. After a crash Derby replays its log first, so every committed write is there.
     *
     * @throws StoreException when the database cannot be opened, is locked by another process, or has a
     *                        schema newer than this code
     */
    public static DerbyStore open(DerbySettings settings) {
        return start(settings, DerbyDatabase.open(settings.databaseDirectory()));
    }

    /**
     * Replaces the store in {@code settings.directory()} with a backup made by {@link #backup} and opens
     * it. The store must not be open. A backup from an older schema is migrated; one from a newer is refused.
     */
    public static DerbyStore restore(Path backup, DerbySettings settings) {
        LOG.info("store {}: restoring from {}", settings.databaseDirectory(), backup);
        return start(settings, DerbyDatabase.restore(settings.databaseDirectory(), backup.toAbsolutePath()));
    }

    private static DerbyStore start(DerbySettings settings, DerbyDatabase db) {
        try {
            Migrations.bundled().migrate(db);
        } catch (RuntimeException e) {
            db.shutdown();
            throw e;
        }
        DerbyStore store = new DerbyStore(settings, db);
        store.committer.start();
        long every = settings.retentionInterval().toMillis();
        if (every > 0) {
            store.background.scheduleWithFixedDelay(store::backgroundRetention, every, every, TimeUnit.MILLISECONDS);
        }
        LOG.info("store {}: open", db.directory());
        return store;
    }

    private void backgroundRetention() {
        try {
            retention.run(settings.clock().instant());
        } catch (RuntimeException e) {
            LOG.warn("store {}: retention pass failed, retrying in {}: {}", db.directory(), settings.retentionInterval(), e.getMessage());
        }
    }

    @Override
    public ReadingStore readings() {
        return readings;
    }

    @Override
    public ResultStore results() {
        return results;
    }

    @Override
    public AlertStore alerts() {
        return alerts;
    }

    @Override
    public EventLog events() {
        return events;
    }

    @Override
    public ConfigStore configs() {
        return configs;
    }

    @Override
    public Outbox outbox() {
        return outbox;
    }

    @Override
    public RecomputeQueue recomputeQueue() {
        return recomputeQueue;
    }

    @Override
    public StoreHealth health() {
        return committer.health().snapshot();
    }

    @Override
    public void onHealthChange(Consumer<StoreHealth> listener) {
        committer.health().onChange(listener);
    }

    @Override
    public RetentionReport applyRetention(Instant now) {
        return retention.run(now);
    }

    /**
     * Derby's online backup ({@code SYSCS_UTIL.SYSCS_BACKUP_DATABASE}): a consistent copy while writes go
     * on, in {@code targetDirectory/tanhe}.
     *
     * @throws StoreException when {@code targetDirectory} already holds a backup (it is never overwritten)
     */
    @Override
    public Path backup(Path targetDirectory) {
        Path target = targetDirectory.toAbsolutePath().normalize();
        Path copy = target.resolve(DerbySettings.DATABASE_NAME);
        if (Files.exists(copy)) {
            throw new StoreException("backup target " + copy + " already exists; choose an empty directory");
        }
        db.inTransaction("backing up to " + target, c -> {
            try (PreparedStatement p = c.prepareStatement("CALL SYSCS_UTIL.SYSCS_BACKUP_DATABASE(?)")) {
                p.setString(1, target.toString());
                p.execute();
            }
            return null;
        });
        LOG.info("store {}: backed up to {}", db.directory(), copy);
        return copy;
    }

    @Override
    public Connection connect() {
        try {
            return db.connect();
        } catch (SQLException e) {
            throw new StoreException("cannot connect to the store at " + db.directory() + ": "
                    + DerbyDatabase.describe(e), e);
        }
    }

    @Override
    public void close() {
        background.shutdownNow();
        committer.close();
        try {
            background.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        db.shutdown();
        LOG.info("store {}: closed", db.directory());
    }
}
