package io.tanhe.server.store;

/** What kind of thing happened to the terminal. */
public enum EventKind {
    /** A point switched to its backup device or back (section 7.2.3 (1)). */
    SOURCE_SWITCH,
    /** A point delivered no data for a period. */
    GAP,
    /** The terminal started (after a clean stop or a crash). */
    RESTART,
    /** A new configuration version was applied. */
    CONFIG_CHANGE,
    /** Data for a past period arrived or was re-sent to a data centre (section 7.2.4). */
    BACKFILL,
    /** A closed day was recomputed from the raw store because data for it arrived late. */
    RECOMPUTE,
    /** The store stopped or resumed intake, ran retention, was backed up or restored. */
    STORAGE,
    /** A worker thread of the terminal (evaluation, store writer, acquisition, uplink, recompute) died. */
    WORKER_FAILURE
}
