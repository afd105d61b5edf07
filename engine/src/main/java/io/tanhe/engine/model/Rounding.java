package io.tanhe.engine.model;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Rounding as the national reporting forms do it: half-up, on the decimal value shown. */
public final class Rounding {
    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12};
    /** Below this, binary products err by far less than {@link #MARGIN}, so the fast decision is the exact one. */
    private static final double FAST_LIMIT = 1e8;
    private static final double MARGIN = 1e-6;

    private Rounding() {
    }

    /**
     * Rounds the decimal a double stands for (its shortest representation, so 2.675 is 2.675 and
     * rounds to 2.68, not 2.67 as binary arithmetic would) half-up to {@code digits} decimals (0–12).
     * Values near a .5 boundary or very large take the exact decimal path; the rest a fast one that
     * decides identically.
     */
    public static double halfUp(double value, int digits) {
        if (!Double.isFinite(value)) {
            return value;
        }
        double scale = POW10[digits];
        double scaled = value * scale;
        if (Math.abs(scaled) < FAST_LIMIT) {
            double floor = Math.floor(scaled);
            double fraction = scaled - floor;
            if (Math.abs(fraction - 0.5) > MARGIN && fraction > MARGIN && fraction < 1 - MARGIN) {
                return (fraction > 0.5 ? floor + 1 : floor) / scale;
            }
        }
        return BigDecimal.valueOf(value).setScale(digits, RoundingMode.HALF_UP).doubleValue();
    }
}
