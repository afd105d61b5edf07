package io.tanhe.server.terminal.operations;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One long piece of work (a recompute, an export, an import, a backup) with its progress, started by a person and
 * cancellable between its steps. Thread-safe: the job's thread updates it, anyone reads it.
 */
public final class Job {
    /** Where a job is. */
    public enum State { QUEUED, RUNNING, DONE, FAILED, CANCELLED }

    private final long id;
    private final String kind;
    private final String what;
    private final String by;
    private final Instant createdAt;
    private final AtomicBoolean cancel = new AtomicBoolean();
    private State state = State.QUEUED;
    private double progress;
    private String step = "";
    private String outcome = "";
    private Instant finishedAt;
    private Path file;

    Job(long id, String kind, String what, String by, Instant createdAt) {
        this.id = id;
        this.kind = kind;
        this.what = what;
        this.by = by;
        this.createdAt = createdAt;
    }

    /** An immutable view of a job at one moment. */
    public record Snapshot(long id, String kind, String what, String by, State state, double progress, String step,
                           String outcome, Instant createdAt, Optional<Instant> finishedAt, Optional<Path> file) {
        /** Whether it has ended (done, failed or cancelled). */
        public boolean ended() {
            return state == State.DONE || state == State.FAILED || state == State.CANCELLED;
        }
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(id, kind, what, by, state, progress, step, outcome, createdAt, Optional.ofNullable(finishedAt),
                Optional.ofNullable(file));
    }

    long id() {
        return id;
    }

    String kind() {
        return kind;
    }

    String what() {
        return what;
    }

    /** Asks the job to stop at its next step; true when it had not ended. */
    boolean requestCancel() {
        cancel.set(true);
        return !snapshot().ended();
    }

    /** The work calls this between steps: throws when a cancel was asked. */
    void checkCancelled() {
        if (cancel.get()) {
            throw new Cancelled();
        }
    }

    synchronized void running() {
        state = State.RUNNING;
    }

    /** {@code fraction} of the work is done (0 … 1); {@code now} says what it is doing. */
    synchronized void progress(double fraction, String now) {
        progress = Math.max(0, Math.min(1, fraction));
        step = now;
    }

    synchronized void file(Path f) {
        file = f;
    }

    synchronized void end(State s, String text, Instant at) {
        state = s;
        outcome = text;
        finishedAt = at;
        if (s == State.DONE) {
            progress = 1;
        }
    }

    /** Thrown inside the work when a cancel was asked. */
    static final class Cancelled extends RuntimeException {
        Cancelled() {
            super("cancelled", null, false, false);
        }
    }
}
