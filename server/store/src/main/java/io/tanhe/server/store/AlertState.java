package io.tanhe.server.store;

/** Where an alert is in its life: raised, then acknowledged by an operator and/or cleared. */
public enum AlertState {
    /** Raised and not yet acknowledged or cleared. */
    RAISED,
    /** An operator has acknowledged it; the condition may still hold. */
    ACKNOWLEDGED,
    /** The condition no longer holds (whether or not anyone acknowledged it). */
    CLEARED
}
