package io.tanhe.engine.units;

import io.tanhe.grammar.diagnostics.Spelling;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The named unit symbols. A substance is part of the symbol ({@code tCO2}, {@code kgCF4},
 * {@code gN2O}): every substance of {@link BaseDimension} takes the mass prefixes
 * {@code t}, {@code kg}, {@code g}, {@code kt}, {@code Mt}.
 *
 * <p>Energy: {@code J kJ MJ GJ TJ PJ Wh kWh MWh GWh TWh}; power (energy per time): {@code W kW MW GW};
 * mass: {@code mg g kg t kt Mt} (substances also {@code mgCO2} …); volume: {@code L m3}; normal volume: {@code Nm3}; time:
 * {@code s min h d}; temperature difference: {@code degC}; pressure: {@code Pa hPa kPa MPa};
 * length: {@code m}; area (volume per length): {@code m2}; amount of substance: {@code mol kmol};
 * dimensionless: {@code %}.
 */
public final class UnitRegistry {

    private static final int MAX_SUGGESTION_EDITS = 2;
    private static final Map<String, Unit> SYMBOLS = build();

    private UnitRegistry() {
    }

    /** The unit named by {@code symbol} (case-sensitive: {@code Mt} is a megatonne, {@code mt} nothing). */
    public static Optional<Unit> symbol(String symbol) {
        return Optional.ofNullable(SYMBOLS.get(symbol));
    }

    /**
     * The simplest text for a unit built by arithmetic: a registered symbol with the same dimension
     * and scale ({@code t·(GJ/t)} reads {@code GJ}), else the unit's own text.
     */
    public static String readable(Unit unit) {
        for (Map.Entry<String, Unit> e : SYMBOLS.entrySet()) {
            if (e.getValue().equals(unit)) {
                return e.getKey();
            }
        }
        return unit.text();
    }

    /** Every symbol, in registration order. */
    public static Set<String> symbols() {
        return SYMBOLS.keySet();
    }

    /**
     * The known symbol closest to {@code unknown}: a case-insensitive match first ({@code tco2} →
     * {@code tCO2}), else the fewest edits, at most two and fewer than the longer of the two lengths
     * (so that {@code x} does not suggest {@code t}).
     */
    public static Optional<String> suggest(String unknown) {
        return Spelling.closest(unknown, SYMBOLS.keySet(), MAX_SUGGESTION_EDITS);
    }

    private static Map<String, Unit> build() {
        Map<String, Unit> units = new LinkedHashMap<>();
        Map<String, Ratio> massPrefixes = new LinkedHashMap<>();
        massPrefixes.put("t", Ratio.ONE);
        massPrefixes.put("kg", Ratio.tenTo(-3));
        massPrefixes.put("g", Ratio.tenTo(-6));
        massPrefixes.put("kt", Ratio.tenTo(3));
        massPrefixes.put("Mt", Ratio.tenTo(6));

        massPrefixes.forEach((prefix, scale) -> add(units, prefix, BaseDimension.MASS, scale));
        add(units, "mg", BaseDimension.MASS, Ratio.tenTo(-9));
        for (BaseDimension base : BaseDimension.values()) {
            base.substance().ifPresent(formula ->
                    massPrefixes.forEach((prefix, scale) -> add(units, prefix + formula, base, scale)));
        }
        // flue-gas concentrations are mg/m3 (HJ 212-2017 Table B.2): mgCO2 and its kin
        for (BaseDimension base : BaseDimension.values()) {
            base.substance().ifPresent(formula -> add(units, "mg" + formula, base, Ratio.tenTo(-9)));
        }

        add(units, "J", BaseDimension.ENERGY, Ratio.tenTo(-9));
        add(units, "kJ", BaseDimension.ENERGY, Ratio.tenTo(-6));
        add(units, "MJ", BaseDimension.ENERGY, Ratio.tenTo(-3));
        add(units, "GJ", BaseDimension.ENERGY, Ratio.ONE);
        add(units, "TJ", BaseDimension.ENERGY, Ratio.tenTo(3));
        add(units, "PJ", BaseDimension.ENERGY, Ratio.tenTo(6));
        Ratio wattHour = Ratio.of(36, 10_000_000);
        add(units, "Wh", BaseDimension.ENERGY, wattHour);
        add(units, "kWh", BaseDimension.ENERGY, wattHour.multiply(Ratio.tenTo(3)));
        add(units, "MWh", BaseDimension.ENERGY, wattHour.multiply(Ratio.tenTo(6)));
        add(units, "GWh", BaseDimension.ENERGY, wattHour.multiply(Ratio.tenTo(9)));
        add(units, "TWh", BaseDimension.ENERGY, wattHour.multiply(Ratio.tenTo(12)));

        Dimension power = Dimension.of(BaseDimension.ENERGY).divide(Dimension.of(BaseDimension.TIME));
        add(units, "W", power, wattHour);
        add(units, "kW", power, wattHour.multiply(Ratio.tenTo(3)));
        add(units, "MW", power, wattHour.multiply(Ratio.tenTo(6)));
        add(units, "GW", power, wattHour.multiply(Ratio.tenTo(9)));

        add(units, "m3", BaseDimension.VOLUME, Ratio.ONE);
        add(units, "L", BaseDimension.VOLUME, Ratio.tenTo(-3));
        add(units, "Nm3", BaseDimension.NORMAL_VOLUME, Ratio.ONE);

        add(units, "s", BaseDimension.TIME, Ratio.of(1, 3600));
        add(units, "min", BaseDimension.TIME, Ratio.of(1, 60));
        add(units, "h", BaseDimension.TIME, Ratio.ONE);
        add(units, "d", BaseDimension.TIME, Ratio.of(24, 1));

        add(units, "degC", BaseDimension.TEMPERATURE, Ratio.ONE);

        add(units, "Pa", BaseDimension.PRESSURE, Ratio.ONE);
        add(units, "hPa", BaseDimension.PRESSURE, Ratio.tenTo(2));
        add(units, "kPa", BaseDimension.PRESSURE, Ratio.tenTo(3));
        add(units, "MPa", BaseDimension.PRESSURE, Ratio.tenTo(6));
        add(units, "m", BaseDimension.LENGTH, Ratio.ONE);
        add(units, "m2", Dimension.of(BaseDimension.VOLUME).divide(Dimension.of(BaseDimension.LENGTH)), Ratio.ONE);
        add(units, "mol", BaseDimension.AMOUNT, Ratio.tenTo(-3));
        add(units, "kmol", BaseDimension.AMOUNT, Ratio.ONE);
        add(units, "%", Dimension.NONE, Ratio.tenTo(-2));
        return Collections.unmodifiableMap(units);
    }

    private static void add(Map<String, Unit> units, String symbol, BaseDimension base, Ratio scale) {
        add(units, symbol, Dimension.of(base), scale);
    }

    private static void add(Map<String, Unit> units, String symbol, Dimension dimension, Ratio scale) {
        Unit previous = units.put(symbol, new Unit(dimension, scale, symbol, Unit.Shape.SYMBOL));
        if (previous != null) {
            throw new IllegalStateException("unit symbol defined twice: " + symbol);
        }
    }
}
