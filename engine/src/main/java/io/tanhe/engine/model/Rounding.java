package io.tanhe.engine.model;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Rounding as the national reporting forms do it: half-up, on the decimal value shown. */
public final class Rounding {

    private Rounding() {
    }

    /**
     * Rounds the decimal a double stands for (its shortest representation, so 2.675 is 2.675 and
     * rounds to 2.68, not 2.67 as binary arithmetic would) half-up to {@code digits} decimals.
     */
    public static double halfUp(double value, int digits) {
        if (!Double.isFinite(value)) {
            return value;
        }
        return BigDecimal.valueOf(value).setScale(digits, RoundingMode.HALF_UP).doubleValue();
    }
}
