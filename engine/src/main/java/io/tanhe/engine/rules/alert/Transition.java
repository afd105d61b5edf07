package io.tanhe.engine.rules.alert;

/** A step in an alert's life, as delivered to {@link AlertListener}s. */
public enum Transition {
    /** The condition started (after its duration, if any). */
    RAISED,
    /** An operator took note. */
    ACKNOWLEDGED,
    /** The alert stayed active and unacknowledged too long; its severity went one step up. */
    ESCALATED,
    /** The condition ended (past the clear level, for a threshold with hysteresis). */
    CLEARED
}
