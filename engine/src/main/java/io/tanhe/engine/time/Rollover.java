package io.tanhe.engine.time;

import io.tanhe.engine.units.Unit;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Where a counter register wraps: its largest shown value, e.g. {@code 999999.99 kWh}. The register
 * wraps to zero one last-digit step above it, so the modulus is the maximum plus one unit of its
 * last decimal place (999999.99 → 1000000.00; a 32-bit register 4294967295 → 4294967296).
 *
 * <p>A fall from {@code a} to {@code b} is taken as a rollover when the wrapped delta
 * {@code modulus − a + b} is at most half the modulus; a larger "rollover" is far more likely a
 * reset or a fault, so it is flagged {@link Flag#NEGATIVE_DELTA} instead.
 */
public record Rollover(BigDecimal maximum, Unit unit) {

    public Rollover {
        Objects.requireNonNull(maximum, "maximum");
        Objects.requireNonNull(unit, "unit");
        if (maximum.signum() <= 0) {
            throw new IllegalArgumentException("a rollover maximum must be positive, got " + maximum.toPlainString());
        }
    }

    public static Rollover at(String maximum, Unit unit) {
        return new Rollover(new BigDecimal(maximum), unit);
    }

    /** The value at which the register shows zero again, in the register's unit. */
    public BigDecimal modulus() {
        return maximum.add(BigDecimal.ONE.movePointLeft(Math.max(maximum.scale(), 0)));
    }

    /** The modulus expressed in {@code target}. */
    double modulusIn(Unit target) {
        return modulus().doubleValue() * unit.conversionFactor(target);
    }
}
