package io.tanhe.engine.units;

import java.util.Arrays;
import java.util.Optional;

/**
 * The base dimensions that every {@link Dimension} is a product of.
 *
 * <p>Besides the physical bases there is one mass base per greenhouse-gas substance: a tonne of
 * CO2 and a tonne of C are different dimensions, so they never convert into each other; a formula
 * must multiply by an explicit factor such as {@code 44/12 tCO2/tC}. {@link #MASS} is the mass of
 * anything else (fuel, clinker, product, carbonate…).
 *
 * <p>{@link #NORMAL_VOLUME} (gas volume at the standard state 0 °C, 101.325 kPa) is deliberately a
 * base of its own: turning m3 at working conditions into Nm3 needs pressure and temperature, never
 * a fixed factor. {@link #TEMPERATURE} is a temperature difference in kelvin-sized degrees
 * ({@code degC}); absolute temperatures are not quantities of this algebra.
 *
 * <p>{@link #VOLUME} stays a base of its own (older than {@link #LENGTH}): {@code m2} is defined as
 * volume per length, so that area × velocity is a volume flow (m2 · m/s = m3/s) without making
 * m3 a length cubed.
 */
public enum BaseDimension {
    MASS("mass", "mass", null),
    ENERGY("energy", "energy", null),
    VOLUME("volume", "volume", null),
    NORMAL_VOLUME("normal_volume", "volume at standard state", null),
    TIME("time", "time", null),
    TEMPERATURE("temperature", "temperature difference", null),
    MASS_C("mass[C]", "mass of C", "C"),
    MASS_CO2("mass[CO2]", "mass of CO2", "CO2"),
    MASS_CO2E("mass[CO2e]", "mass of CO2e", "CO2e"),
    MASS_CH4("mass[CH4]", "mass of CH4", "CH4"),
    MASS_N2O("mass[N2O]", "mass of N2O", "N2O"),
    MASS_SF6("mass[SF6]", "mass of SF6", "SF6"),
    MASS_CF4("mass[CF4]", "mass of CF4", "CF4"),
    MASS_C2F6("mass[C2F6]", "mass of C2F6", "C2F6"),
    MASS_NF3("mass[NF3]", "mass of NF3", "NF3"),
    MASS_HFC23("mass[HFC23]", "mass of HFC23", "HFC23"),
    MASS_HFC32("mass[HFC32]", "mass of HFC32", "HFC32"),
    MASS_HFC125("mass[HFC125]", "mass of HFC125", "HFC125"),
    MASS_HFC134A("mass[HFC134a]", "mass of HFC134a", "HFC134a"),
    MASS_HFC143A("mass[HFC143a]", "mass of HFC143a", "HFC143a"),
    MASS_HFC152A("mass[HFC152a]", "mass of HFC152a", "HFC152a"),
    MASS_HFC227EA("mass[HFC227ea]", "mass of HFC227ea", "HFC227ea"),
    MASS_HFC236FA("mass[HFC236fa]", "mass of HFC236fa", "HFC236fa"),
    MASS_HFC245FA("mass[HFC245fa]", "mass of HFC245fa", "HFC245fa"),
    /** Flue-gas static and ambient pressure (Pa, kPa), as CEMS analysers report them. */
    PRESSURE("pressure", "pressure", null),
    /** Length, for gas velocities (m/s) and, as volume per length, duct areas (m2). */
    LENGTH("length", "length", null),
    /** Amount of substance (mol), for molar masses and the molar volume (M/22.4 in HJ 212-2017 Appendix D). */
    AMOUNT("amount", "amount of substance", null);

    private final String symbol;
    private final String words;
    private final String substance;

    BaseDimension(String symbol, String words, String substance) {
        this.symbol = symbol;
        this.words = words;
        this.substance = substance;
    }

    /** The short form used in {@link Dimension#toString()}, e.g. {@code mass[CO2]}. */
    public String symbol() {
        return symbol;
    }

    /** Plain words for error messages, e.g. "mass of CO2". */
    public String words() {
        return words;
    }

    /** The substance formula as written in unit symbols ({@code CO2}, {@code HFC134a}), if this is a substance mass. */
    public Optional<String> substance() {
        return Optional.ofNullable(substance);
    }

    /** The substance-mass base for a formula as written in unit symbols, e.g. {@code "CO2e"}. */
    public static Optional<BaseDimension> ofSubstance(String formula) {
        return Arrays.stream(values()).filter(b -> formula.equals(b.substance)).findFirst();
    }
}
