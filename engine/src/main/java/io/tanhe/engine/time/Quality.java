package io.tanhe.engine.time;

/**
 * How far a value can be trusted, declared strongest first. A value computed from several others is
 * as weak as the weakest of them ({@link #and}).
 *
 * <p>The order, and why: a reading of the primary instrument ({@link #MEASURED}) beats one of the
 * backup instrument ({@link #ESTIMATED}: still a measurement, but of another device, section 7.2.3
 * (1)); an instrument beats a value an operator typed from a document ({@link #MANUAL}); any of
 * those beats a value put in by a rule where nothing was read ({@link #SUBSTITUTED}); and
 * {@link #MISSING} means there is no value at all.
 *
 * <p>This is the data quality of a figure in the accounting (an observation, a bucket amount, an
 * emission). Not the same as {@code io.tanhe.drivers.Quality}, which records how the driver
 * acquired a raw reading (measured, backup, manual, out of range, stale, timeout, communication or
 * device error); the terminal maps that to this one when a reading enters the accounting
 * ({@code io.tanhe.server.terminal.Qualities#forAccounting}).
 */
public enum Quality {
    /** Read from the primary instrument. */
    MEASURED,
    /** Read from the backup instrument or source while the primary was unavailable. */
    ESTIMATED,
    /** Entered by an operator or imported from a document. */
    MANUAL,
    /** Filled in by a rule (held value, interpolation, default) where no reading existed. */
    SUBSTITUTED,
    /** No value. */
    MISSING;

    private static final Quality[] ALL = values();

    /** The weaker of the two: the quality of anything computed from both. */
    public Quality and(Quality other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    /** True when this is strictly weaker than {@code other}. */
    public boolean isWeakerThan(Quality other) {
        return ordinal() > other.ordinal();
    }

    static Quality ofCode(int code) {
        return ALL[code];
    }
}
