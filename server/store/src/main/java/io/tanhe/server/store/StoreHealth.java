package io.tanhe.server.store;

import java.time.Instant;

/**
 * The store's state, for the status API and for alerts.
 *
 * @param state        whether it takes writes
 * @param detail       what is wrong and what to do; {@code ok} when nothing is
 * @param since        when it entered this state
 * @param queued       writes waiting for the next group commit
 * @param acknowledged writes acknowledged since the store opened
 */
public record StoreHealth(State state, String detail, Instant since, int queued, long acknowledged) {

    /** Whether the store takes writes. */
    public enum State {
        /** Writes are committed and acknowledged. */
        OK,
        /**
         * Writes are refused ({@link IntakeRejectedException.Reason#STOPPED}) because the disk is (nearly) full
         * or the database failed; what is stored stays intact. Intake resumes by itself once free space is back
         * above the limit, unless the detail says a restart is needed.
         */
        INTAKE_STOPPED,
        /** The store was closed. */
        CLOSED
    }

    public boolean ok() {
        return state == State.OK;
    }
}
