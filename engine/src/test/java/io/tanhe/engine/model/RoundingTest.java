package io.tanhe.engine.model;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RoundingTest {

    @Test
    void roundsTheShownDecimalHalfUpNotTheBinaryValue() {
        assertEquals(2.68, Rounding.halfUp(2.675, 2));
        assertEquals(-2.68, Rounding.halfUp(-2.675, 2));
        assertEquals(0.5231, Rounding.halfUp(0.523149, 4));
        assertEquals(1.0, Rounding.halfUp(0.9999999, 4));
        assertEquals(3.0, Rounding.halfUp(2.5, 0));
    }

    @Test
    void aProductThatIsAHalfInDecimalsRoundsUpThoughBinaryLandsBelowIt() {
        double product = 1500 * (14.95 / 100) * 310; // 69517.5 in decimals, 69517.49999999999 in binary
        assertEquals(69518.0, Rounding.halfUp(product, 0));
        assertEquals(-69518.0, Rounding.halfUp(-product, 0));
        assertEquals(69517.0, Rounding.halfUp(69517.4999, 0)); // a real 0.4999 still rounds down
    }

    @Test
    void awayFromHalvesTheDecisionIsBigDecimalsForRandomValues() {
        Random r = new Random(1);
        for (int i = 0; i < 200_000; i++) {
            double v = (r.nextDouble() - 0.3) * Math.pow(10, r.nextInt(9) - 2);
            if (i % 7 == 0) {
                v = Math.round(v * 1000) / 1000.0 + 0.0005; // many values sitting on a .5 boundary
            }
            int digits = r.nextInt(7);
            double exact = BigDecimal.valueOf(v).setScale(digits, RoundingMode.HALF_UP).doubleValue();
            double scaled = v * Math.pow(10, digits);
            boolean hairBesideHalf = Math.abs(scaled - Math.floor(scaled) - 0.5) <= 1e-12 * Math.max(1, Math.abs(scaled));
            if (!hairBesideHalf) {
                assertEquals(exact, Rounding.halfUp(v, digits), "round(" + v + ", " + digits + ")");
            }
        }
    }
}
