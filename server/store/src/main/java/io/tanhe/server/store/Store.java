package io.tanhe.server.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The terminal's storage: raw readings, results with revisions, alerts, events, configuration versions
 * and the uplink outbox, behind one interface so that another database can replace the embedded one.
 *
 * <p>Guarantees every implementation gives:
 * <ul>
 *   <li>a write is acknowledged (its future completes, or its method returns) only after a durable
 *       commit; an acknowledged write survives kill -9 and power loss;</li>
 *   <li>writes carry idempotency keys, so a write repeated after a crash or an import repeated is stored once;</li>
 *   <li>intake is bounded: a full queue blocks the writer for a while and then rejects
 *       ({@link IntakeRejectedException}); a full disk stops intake without damaging what is stored
 *       and shows in {@link #health()};</li>
 *   <li>all instants are stored in UTC and come back as the same {@link Instant}.</li>
 * </ul>
 * See docs/store.md for the schema and the operational notes.
 */
public interface Store extends AutoCloseable {

    ReadingStore readings();

    ResultStore results();

    AlertStore alerts();

    EventLog events();

    ConfigStore configs();

    Outbox outbox();

    /** Closed days waiting to be recomputed because data for them arrived late. */
    RecomputeQueue recomputeQueue();

    /** The quality-assurance records of the site's CEMS: calibrations, maintenance, relative-accuracy audits. */
    QaStore qa();

    /** The verification findings (核查发现) of the rules: docs/verification.md. */
    FindingStore findings();

    /** Configuration packages pushed to the terminal and their activation log (issue 15). */
    ConfigPackages packages();

    /** The current state; cheap enough to call on every status request. */
    StoreHealth health();

    /** How long the durable group commits take (for the metrics); {@link CommitTimes#NONE} where not timed. */
    default CommitTimes commitTimes() {
        return CommitTimes.NONE;
    }

    /** Calls {@code listener} (on a store thread) whenever the health state changes, e.g. to raise an alert. */
    void onHealthChange(Consumer<StoreHealth> listener);

    /**
     * Runs one retention pass now (the store also runs them in the background), deleting in small
     * transactions what the policy no longer keeps at {@code now}.
     */
    RetentionReport applyRetention(Instant now);

    /**
     * Copies the whole store, consistently, into a new directory under {@code targetDirectory} while it keeps
     * running, and returns that directory (what a restore needs).
     */
    Path backup(Path targetDirectory);

    /**
     * A new JDBC connection to this store's database, without auto-commit, for a module that keeps its own
     * tables beside the store's (the security module's accounts and audit). The caller commits and closes
     * it. SQL run through it must be portable across the engines the store supports.
     *
     * @throws StoreException when the database cannot be reached
     */
    Connection connect();

    /** Stops intake, commits what is queued, acknowledges it and closes the database. */
    @Override
    void close();
}
