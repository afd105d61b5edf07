package io.tanhe.server.store;

/**
 * A write was refused before anything was written: nothing of it is stored, and it was not acknowledged.
 * {@link #reason()} tells the caller whether waiting helps.
 */
public final class IntakeRejectedException extends StoreException {

    /** Why intake refused a write. */
    public enum Reason {
        /** The write queue stayed full for the whole enqueue timeout: the disk is slower than intake. Retry later. */
        BUSY,
        /** Intake is stopped (disk full, I/O failure); see {@link Store#health()}. Retrying does not help until it is fixed. */
        STOPPED,
        /** The store is closed. */
        CLOSED
    }

    private final Reason reason;

    public IntakeRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
