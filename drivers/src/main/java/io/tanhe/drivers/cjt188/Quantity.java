package io.tanhe.drivers.cjt188;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A decoded value with the unit the meter reported.
 *
 * @param value the number with the meter's digits
 * @param unit  the unit symbol ({@code kWh}, {@code m3}, {@code °C}, {@code h}, …)
 */
public record Quantity(BigDecimal value, String unit) {
    public Quantity {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(unit, "unit");
    }
}
