package io.tanhe.server.store.jdbc;

import io.tanhe.server.store.StoreHealth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/** The store's health state, its change listeners, and the count of acknowledged writes. */
final class IntakeHealth {
    private static final Logger LOG = LoggerFactory.getLogger(IntakeHealth.class);

    private final Clock clock;
    private final IntSupplier queued;
    private final List<Consumer<StoreHealth>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong acknowledged = new AtomicLong();
    private final java.util.concurrent.atomic.LongAdder commits = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder committedRows = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder commitNanos = new java.util.concurrent.atomic.LongAdder();
    private volatile long lastCommitNanos;
    private volatile StoreHealth.State state = StoreHealth.State.OK;
    private volatile String detail = "ok";
    private volatile Instant since;

    IntakeHealth(Clock clock, IntSupplier queued) {
        this.clock = clock;
        this.queued = queued;
        this.since = clock.instant();
    }

    StoreHealth snapshot() {
        return new StoreHealth(state, detail, since, queued.getAsInt(), acknowledged.get());
    }

    StoreHealth.State state() {
        return state;
    }

    String detail() {
        return detail;
    }

    void acknowledged(int rows) {
        acknowledged.addAndGet(rows);
    }

    /** A group commit of {@code rows} rows took {@code nanos}; called by the writer thread only. */
    void committed(int rows, long nanos) {
        committedRows.add(rows);
        commitNanos.add(nanos);
        lastCommitNanos = nanos;
        commits.increment();
    }

    io.tanhe.server.store.CommitTimes commitTimes() {
        return new io.tanhe.server.store.CommitTimes(commits.sum(), committedRows.sum(), commitNanos.sum(), lastCommitNanos);
    }

    void onChange(Consumer<StoreHealth> listener) {
        listeners.add(listener);
    }

    /** Moves to {@code newState}; tells listeners when the state (not just the detail) changed. */
    void set(StoreHealth.State newState, String newDetail) {
        StoreHealth.State old;
        synchronized (this) {
            old = state;
            if (old == StoreHealth.State.CLOSED) {
                return;
            }
            if (old != newState) {
                since = clock.instant();
            }
            state = newState;
            detail = newDetail;
        }
        if (old != newState) {
            if (newState == StoreHealth.State.INTAKE_STOPPED) {
                LOG.warn("store health {} -> {}: {}", old, newState, newDetail);
            } else {
                LOG.info("store health {} -> {}: {}", old, newState, newDetail);
            }
            StoreHealth now = snapshot();
            for (Consumer<StoreHealth> listener : listeners) {
                try {
                    listener.accept(now);
                } catch (RuntimeException e) {
                    LOG.warn("store health listener failed: {}", e.toString());
                }
            }
        }
    }
}
