package io.tanhe.engine.model;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Rounding as the national reporting forms do it: half-up, on the decimal value shown. */
public final class Rounding {
    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12};
    /** Below this, binary products err by far less than {@link #MARGIN}, so the fast decision is the exact one. */
    private static final double FAST_LIMIT = 1e8;
    private static final double MARGIN = 1e-6;
    /**
     * Decimal figures computed in binary land a hair beside a half (1500 × 14.95 % × 310 =
     * 69517.4999…): within this many parts of the value it is taken as the half it stands for.
     */
    private static final double HALF_TOLERANCE = 1e-12;
    private static final double TOLERANCE_LIMIT = 1e15;

    private Rounding() {
    }

    /**
     * Rounds half-up (away from zero) to {@code digits} decimals (0–12), as a person rounds the
     * decimal figure: 2.675 → 2.68, and a product that should be exactly …0.5 but is a binary hair
     * below it rounds up too. Otherwise the decision is that of BigDecimal on the shortest decimal
     * of the double; values away from .5 take a fast path that decides identically.
     */
    public static double halfUp(double value, int digits) {
        if (!Double.isFinite(value)) {
            return value;
        }
        double scale = POW10[digits];
        double scaled = value * scale;
        double magnitude = Math.abs(scaled);
        if (magnitude < TOLERANCE_LIMIT) {
            double floor = Math.floor(scaled);
            double fraction = scaled - floor;
            double offHalf = Math.abs(fraction - 0.5);
            if (offHalf <= HALF_TOLERANCE * Math.max(1, magnitude)) {
                return (value >= 0 ? floor + 1 : floor) / scale;
            }
            if (magnitude < FAST_LIMIT && offHalf > MARGIN && fraction > MARGIN && fraction < 1 - MARGIN) {
                return (fraction > 0.5 ? floor + 1 : floor) / scale;
            }
        }
        return BigDecimal.valueOf(value).setScale(digits, RoundingMode.HALF_UP).doubleValue();
    }
}
