package io.tanhe.server.store;

/**
 * The one rule for "the same figure" of a bucket, used wherever a figure is compared with a stored
 * one: the store's idempotent write ({@link BucketResult#sameFigure}: a restart or replay that writes a
 * figure again adds no revision) and the recompute of a closed day (which writes only what changed).
 *
 * <p>Values and completeness agree when they differ by at most {@link #RELATIVE_TOLERANCE} of the
 * larger magnitude (at least 1, so figures near zero compare absolutely): a fresh evaluator sums
 * minutes into hours in another order than the live one, so the same data can give figures a few
 * ulps apart, and that rounding noise is not a revision. Quality, unit and methodology must be equal.
 */
public final class SameFigure {
    /** 1e-9: far above double rounding (~1e-16 per operation), far below any real change of a reading or factor. */
    public static final double RELATIVE_TOLERANCE = 1e-9;

    private SameFigure() {
    }

    /** True when {@code a} and {@code b} are the same value up to rounding noise. */
    public static boolean values(double a, double b) {
        if (Double.compare(a, b) == 0) {
            return true;
        }
        return Math.abs(a - b) <= RELATIVE_TOLERANCE * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
    }

    /** True when two results of a bucket say the same thing: values and completeness within noise, the rest equal. */
    public static boolean figures(BucketResult a, BucketResult b) {
        return a.quality() == b.quality() && a.unit().equals(b.unit()) && a.methodology().equals(b.methodology())
                && values(a.value(), b.value()) && values(a.completeness(), b.completeness());
    }
}
