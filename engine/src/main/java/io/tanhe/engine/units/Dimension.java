package io.tanhe.engine.units;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A physical dimension: integer exponents over the {@link BaseDimension}s. Immutable; equal when
 * the exponents are equal. {@code mass[CO2]/energy} is the dimension of an emission factor per
 * heat, {@link #NONE} that of a pure number (a ratio, a percentage, a GWP expressed per tonne of the
 * same substance would not be: GWPs are {@code mass[CO2e]/mass[CH4]}).
 *
 * @param exponents non-zero exponents per base; zeros are dropped, so equal dimensions have equal maps
 */
public record Dimension(Map<BaseDimension, Integer> exponents) {

    /** The dimension of pure numbers. */
    public static final Dimension NONE = new Dimension(Map.of());

    public Dimension {
        EnumMap<BaseDimension, Integer> copy = new EnumMap<>(BaseDimension.class);
        exponents.forEach((base, exponent) -> {
            if (exponent != 0) {
                copy.put(base, exponent);
            }
        });
        exponents = Collections.unmodifiableMap(copy);
    }

    /** The dimension of one base raised to the first power. */
    public static Dimension of(BaseDimension base) {
        return new Dimension(Map.of(base, 1));
    }

    /** The exponent of {@code base}, 0 when it does not occur. */
    public int exponent(BaseDimension base) {
        return exponents.getOrDefault(base, 0);
    }

    public boolean isNone() {
        return exponents.isEmpty();
    }

    public Dimension multiply(Dimension other) {
        return combine(other, 1);
    }

    public Dimension divide(Dimension other) {
        return combine(other, -1);
    }

    public Dimension pow(int power) {
        EnumMap<BaseDimension, Integer> result = new EnumMap<>(BaseDimension.class);
        exponents.forEach((base, exponent) -> result.put(base, exponent * power));
        return new Dimension(result);
    }

    private Dimension combine(Dimension other, int sign) {
        EnumMap<BaseDimension, Integer> result = new EnumMap<>(BaseDimension.class);
        result.putAll(exponents);
        other.exponents.forEach((base, exponent) -> result.merge(base, sign * exponent, Integer::sum));
        return new Dimension(result);
    }

    /** Compact form, e.g. {@code mass[CO2]/energy}, {@code energy/(mass·temperature)}, {@code dimensionless}. */
    @Override
    public String toString() {
        return isNone() ? "dimensionless" : render(Notation.SYMBOLS);
    }

    /**
     * Plain words for error messages, e.g. "mass of CO2 per energy",
     * "energy per (mass × temperature difference)", "dimensionless (a pure number)".
     */
    public String describe() {
        return isNone() ? "dimensionless (a pure number)" : render(Notation.WORDS);
    }

    private String render(Notation notation) {
        List<String> numerator = new ArrayList<>();
        List<String> denominator = new ArrayList<>();
        exponents.forEach((base, exponent) ->
                (exponent > 0 ? numerator : denominator).add(notation.power(base, Math.abs(exponent))));
        String top = numerator.isEmpty() ? "1" : String.join(notation.times, numerator);
        if (denominator.isEmpty()) {
            return top;
        }
        String bottom = String.join(notation.times, denominator);
        return top + notation.per + (denominator.size() > 1 ? "(" + bottom + ")" : bottom);
    }

    private enum Notation {
        SYMBOLS("·", "/"),
        WORDS(" × ", " per ");

        final String times;
        final String per;

        Notation(String times, String per) {
            this.times = times;
            this.per = per;
        }

        String power(BaseDimension base, int exponent) {
            if (this == SYMBOLS) {
                return exponent == 1 ? base.symbol() : base.symbol() + "^" + exponent;
            }
            return switch (exponent) {
                case 1 -> base.words();
                case 2 -> base.words() + " squared";
                case 3 -> base.words() + " cubed";
                default -> base.words() + " to the power " + exponent;
            };
        }
    }
}
