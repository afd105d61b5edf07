package io.tanhe.engine.units;

/**
 * A conversion between units of different dimensions was asked for, e.g. {@code tC} to
 * {@code tCO2}. The message names both units and their dimensions in words, and for two different
 * substances says how a formula converts them.
 */
public final class IncompatibleUnitsException extends RuntimeException {

    private final transient Unit from;
    private final transient Unit to;

    public IncompatibleUnitsException(Unit from, Unit to) {
        super(message(from, to));
        this.from = from;
        this.to = to;
    }

    public Unit from() {
        return from;
    }

    public Unit to() {
        return to;
    }

    private static String message(Unit from, Unit to) {
        String base = "cannot convert `" + from.text() + "` (" + from.dimension().describe() + ") to `"
                + to.text() + "` (" + to.dimension().describe() + ")";
        return substancesOnly(from, to)
                ? base + ": different substances never convert; multiply by an explicit factor such as `44/12 tCO2/tC` or a GWP"
                : base;
    }

    private static boolean substancesOnly(Unit from, Unit to) {
        Dimension ratio = from.dimension().divide(to.dimension());
        return !ratio.isNone() && ratio.exponents().keySet().stream().allMatch(b -> b.substance().isPresent());
    }
}
