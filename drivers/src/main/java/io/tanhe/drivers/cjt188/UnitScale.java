package io.tanhe.drivers.cjt188;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * Exact conversion between units of one metric family (Wh/kWh/MWh, J/kJ/MJ/GJ, W/kW/MW, L/m3,
 * L/h/m3/h). Heat meters switch between such units as totals grow; a point keeps one unit. The
 * conversion is a decimal shift, so every digit the meter sent is kept. Units of different families
 * (kWh and GJ) are not converted: that needs a factor, which belongs in the methodology.
 */
public final class UnitScale {
    private record Scale(String family, int powerOfTen) {
    }

    private static final Map<String, Scale> UNITS = Map.ofEntries(
            Map.entry("Wh", new Scale("Wh", 0)), Map.entry("kWh", new Scale("Wh", 3)), Map.entry("MWh", new Scale("Wh", 6)),
            Map.entry("J", new Scale("J", 0)), Map.entry("kJ", new Scale("J", 3)), Map.entry("MJ", new Scale("J", 6)),
            Map.entry("GJ", new Scale("J", 9)),
            Map.entry("W", new Scale("W", 0)), Map.entry("kW", new Scale("W", 3)), Map.entry("MW", new Scale("W", 6)),
            Map.entry("L", new Scale("L", 0)), Map.entry("m3", new Scale("L", 3)),
            Map.entry("L/h", new Scale("L/h", 0)), Map.entry("m3/h", new Scale("L/h", 3)));

    private UnitScale() {
    }

    /** {@code value} in {@code from} expressed in {@code to}; empty when the units are not of one family. */
    public static Optional<BigDecimal> convert(BigDecimal value, String from, String to) {
        if (from.equals(to)) {
            return Optional.of(value);
        }
        Scale a = UNITS.get(from);
        Scale b = UNITS.get(to);
        if (a == null || b == null || !a.family().equals(b.family())) {
            return Optional.empty();
        }
        return Optional.of(value.movePointRight(a.powerOfTen() - b.powerOfTen()));
    }
}
