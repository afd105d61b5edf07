package io.tanhe.server.store.jdbc;

import io.tanhe.server.store.AlertStore;
import io.tanhe.server.store.ConfigPackages;
import io.tanhe.server.store.ConfigStore;
import io.tanhe.server.store.EventLog;
import io.tanhe.server.store.Outbox;
import io.tanhe.server.store.ReadingStore;
import io.tanhe.server.store.QaStore;
import io.tanhe.server.store.FindingStore;
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
import java.sql.SQLException;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The store on a JDBC database: SQLite (the embedded default), Derby (kept for existing data directories)
 * or a PostgreSQL server, with what differs between them in a {@link Dialect}. One group-committing writer
 * thread for readings and results, one background retention thread. Open with {@link #open}; close to stop.
 * Only one process should open an embedded store at a time (Derby refuses a second one).
 */
public final class JdbcStore implements Store {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcStore.class);

    private final StoreSettings settings;
    private final Database db;
    private final GroupCommitter committer;
    private final Retention retention;
    private final ScheduledExecutorService background;
    private final JdbcReadings readings;
    private final JdbcResults results;
    private final JdbcAlerts alerts;
    private final JdbcEvents events;
    private final JdbcConfigs configs;
    private final JdbcQa qa;
    private final JdbcFindings findings;
    private final JdbcOutbox outbox;
    private final JdbcRecomputeQueue recomputeQueue;
    private final JdbcConfigPackages packages;

    private JdbcStore(StoreSettings settings, Database db) {
        this.settings = settings;
        this.db = db;
        this.committer = new GroupCommitter(db, settings, new DiskGuard(settings.directory(), settings.minFreeBytes())::problem);
        this.retention = new Retention(db, settings.retention(), settings.retentionBatchRows());
        this.readings = new JdbcReadings(db, committer);
        this.results = new JdbcResults(db, committer);
        this.alerts = new JdbcAlerts(db);
        this.events = new JdbcEvents(db);
        this.configs = new JdbcConfigs(db);
        this.qa = new JdbcQa(db);
        this.findings = new JdbcFindings(db);
        this.outbox = new JdbcOutbox(db);
        this.recomputeQueue = new JdbcRecomputeQueue(db);
        this.packages = new JdbcConfigPackages(db);
        this.background = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tanhe-store-retention");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Opens the store the settings name, creating an embedded one when absent and bringing its schema up
     * to date. After a crash the engine replays its log first, so every committed write is there.
     *
     * @throws StoreException when the database cannot be opened or reached, is locked by another process, or
     *                        has a schema newer than this code
     */
    public static JdbcStore open(StoreSettings settings) {
        if (settings.engine() == Engine.POSTGRESQL) {
            try {
                io.tanhe.server.store.PrivateFiles.directory(settings.directory()); // the terminal's own files stay local
            } catch (java.io.IOException e) {
                throw new StoreException("cannot create the data directory " + settings.directory() + ": " + e.getMessage(), e);
            }
        }
        return start(settings, Database.open(settings));
    }

    /**
     * Replaces the store the settings name with a backup made by {@link #backup} and opens it. The store
     * must not be open. A backup from an older schema is migrated; one from a newer is refused. A
     * PostgreSQL store is emptied and refilled from the backup's SQLite copy.
     */
    public static JdbcStore restore(Path backup, StoreSettings settings) {
        LOG.info("store {}: restoring from {}", settings.where(), backup);
        Path source = backup.toAbsolutePath().normalize();
        return switch (settings.engine()) {
            case DERBY -> {
                DerbyDialect derby = (DerbyDialect) Dialect.of(settings);
                try {
                    derby.restore(source);
                } catch (java.sql.SQLException e) {
                    throw new StoreException("cannot restore " + settings.where() + " from " + source + ": "
                            + Database.describe(e), e);
                }
                yield start(settings, Database.over(derby));
            }
            case SQLITE -> {
                SqliteDialect sqlite = (SqliteDialect) Dialect.of(settings);
                sqlite.restore(source);
                yield open(settings);
            }
            case POSTGRESQL -> {
                Path file = java.nio.file.Files.isDirectory(source) ? source : source.getParent();
                if (!Files.isRegularFile(file.resolve(Engine.SQLITE_FILE))) {
                    throw new StoreException("no backup of a PostgreSQL store at " + file + " (" + Engine.SQLITE_FILE
                            + " is missing); give the directory that backup returned");
                }
                JdbcStore store = open(settings);
                try (Database from = Database.open(StoreSettings.at(file).withEngine(Engine.SQLITE))) {
                    Migrations.bundled(Engine.SQLITE).migrate(from);
                    TableCopy.clear(store.db);
                    TableCopy.copy(from, store.db, TableCopy.Progress.QUIET, true);
                } catch (RuntimeException e) {
                    store.close();
                    throw e;
                }
                yield store;
            }
        };
    }

    private static JdbcStore start(StoreSettings settings, Database db) {
        try {
            Migrations.bundled(db.engine()).migrate(db);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        JdbcStore store = new JdbcStore(settings, db);
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
    public QaStore qa() {
        return qa;
    }

    @Override
    public FindingStore findings() {
        return findings;
    }

    @Override
    public ConfigPackages packages() {
        return packages;
    }

    @Override
    public StoreHealth health() {
        return committer.health().snapshot();
    }

    @Override
    public io.tanhe.server.store.CommitTimes commitTimes() {
        return committer.health().commitTimes();
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
     * A consistent copy while writes go on: Derby's online backup in {@code targetDirectory/tanhe}, SQLite's
     * {@code VACUUM INTO} in {@code targetDirectory/tanhe.sqlite}, and for PostgreSQL every table copied
     * from one snapshot into {@code targetDirectory/tanhe.sqlite}.
     *
     * @throws StoreException when {@code targetDirectory} already holds a backup (it is never overwritten)
     */
    @Override
    public Path backup(Path targetDirectory) {
        Path copy = db.dialect().backup(db, targetDirectory.toAbsolutePath().normalize());
        LOG.info("store {}: backed up to {}", db.directory(), copy);
        return copy;
    }

    /** Which engine this store runs on. */
    public Engine engine() {
        return db.engine();
    }

    /**
     * {@inheritDoc} On SQLite the connection's transactions begin IMMEDIATE and wait up to a minute for the
     * store's writer (busy timeout): close it promptly, an open transaction holds the write lock.
     */
    @Override
    public Connection connect() {
        try {
            return db.dialect() instanceof SqliteDialect sqlite ? sqlite.openForCaller() : db.connect();
        } catch (SQLException e) {
            throw new StoreException("cannot connect to the store at " + db.directory() + ": "
                    + Database.describe(e), e);
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
        db.close();
        LOG.info("store {}: closed", db.directory());
    }
}
