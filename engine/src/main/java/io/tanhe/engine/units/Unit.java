package io.tanhe.engine.units;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * A unit of measure: a {@link Dimension} and an exact scale relative to the coherent base unit of
 * that dimension, plus its canonical text.
 *
 * <p>Coherent bases (scale 1): {@code t} for every mass (also {@code tCO2}, {@code tC}…),
 * {@code GJ} for energy, {@code m3} for volume, {@code Nm3} for normal volume, {@code h} for time,
 * {@code degC} for temperature differences. With these bases the common units of the accounting
 * guidelines have power-of-ten scales ({@code kg} 10⁻³, {@code TJ} 10³, {@code MJ} 10⁻³,
 * {@code tC/TJ} 10⁻³, {@code %} 10⁻², {@code 10^4 Nm3} 10⁴); {@code kWh} is 0.0036 and {@code s}
 * 1/3600. Scales are kept as exact rationals and round once, when {@link #scale()} or
 * {@link #conversionFactor(Unit)} returns a double.
 *
 * <p>Two units are equal when they have the same dimension and scales equal within 10⁻¹² relative;
 * the text does not take part ({@code kWh} equals {@code kW·h}). Compatible units (same dimension)
 * convert by {@link #conversionFactor(Unit)}; different substances never do.
 */
public final class Unit {

    /** The dimensionless unit 1. */
    /**
     * The largest power a unit is raised to, either way ({@code t^99}, {@code t^-99}): no physical
     * unit needs more, and the exact scale of a higher power grows without bound.
     */
    public static final int MAX_EXPONENT = 99;
    public static final Unit ONE = new Unit(Dimension.NONE, Ratio.ONE, "1", Shape.NUMBER);

    private static final double EQUALITY_TOLERANCE = 1e-12;

    /** Units are immutable and the texts of a deployment are few, so parses are cached (exact rational arithmetic is slow). */
    private static final java.util.Map<String, Unit> PARSED = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int PARSE_CACHE_LIMIT = 10_000;

    /** How the text binds, so that composite texts get parentheses only where the grammar needs them. */
    enum Shape { NUMBER, SYMBOL, PRODUCT, QUOTIENT }

    private final Dimension dimension;
    private final Ratio exactScale;
    private final double scale;
    private final String text;
    private final Shape shape;

    Unit(Dimension dimension, Ratio exactScale, String text, Shape shape) {
        this.dimension = dimension;
        this.exactScale = exactScale;
        this.scale = exactScale.toDouble();
        this.text = text;
        this.shape = shape;
    }

    /**
     * A pure number used as a unit factor, e.g. {@code scalar(1e4)} for the 10^4 in
     * {@code GJ/10^4 Nm3}. The double is read as its shortest decimal text, so 0.01 is exactly 1/100.
     *
     * @throws IllegalArgumentException unless the factor is finite and positive
     */
    public static Unit scalar(double factor) {
        if (!Double.isFinite(factor) || factor <= 0) {
            throw new IllegalArgumentException("a unit factor must be a finite positive number, got " + factor);
        }
        return number(Ratio.of(BigDecimal.valueOf(factor)));
    }

    static Unit number(Ratio value) {
        return new Unit(Dimension.NONE, value, value.text(), Shape.NUMBER);
    }

    /**
     * Parses unit text such as {@code GJ/t}, {@code tC/TJ}, {@code GJ/10^4 Nm3}, {@code kgCO2/kWh}.
     * See {@link UnitParser} for the grammar.
     *
     * @throws UnitParseException with the position and what was expected, or a did-you-mean for an unknown symbol
     */
    public static Unit parse(String text) {
        Unit cached = PARSED.get(text);
        if (cached != null) {
            return cached;
        }
        Unit unit = new UnitParser(text).parse();
        if (PARSED.size() < PARSE_CACHE_LIMIT) {
            PARSED.put(text, unit);
        }
        return unit;
    }

    public Unit multiply(Unit other) {
        if (other.isOneItself()) {
            return this;
        }
        if (isOneItself()) {
            return other;
        }
        String separator = shape == Shape.NUMBER && other.shape != Shape.NUMBER ? " " : "·";
        return new Unit(dimension.multiply(other.dimension), exactScale.multiply(other.exactScale),
                wrapIf(this, Shape.QUOTIENT) + separator + wrapIf(other, Shape.QUOTIENT), Shape.PRODUCT);
    }

    public Unit divide(Unit other) {
        if (other.isOneItself()) {
            return this;
        }
        return new Unit(dimension.divide(other.dimension), exactScale.divide(other.exactScale),
                text + "/" + wrapIf(other, Shape.QUOTIENT), Shape.QUOTIENT);
    }

    /**
     * True when {@link #pow(int)} takes {@code power}: it lies within ±{@link #MAX_EXPONENT}, and the
     * power's scale is one a double holds (not 0, not infinite). Both bound the exact scale, which
     * would otherwise grow without limit ({@code ((kg^99)^99)^99} has a million digits).
     */
    public boolean canRaiseTo(int power) {
        double powerScale = Math.pow(scale, power);
        return Math.abs((long) power) <= MAX_EXPONENT && Double.isFinite(powerScale) && powerScale != 0;
    }

    /**
     * This unit to the power {@code power}.
     *
     * @throws IllegalArgumentException unless {@link #canRaiseTo(int) canRaiseTo(power)}
     */
    public Unit pow(int power) {
        if (!canRaiseTo(power)) {
            throw new IllegalArgumentException("(" + text + ")^" + power + ": the exponent is beyond ±" + MAX_EXPONENT
                    + " or the scale beyond what a double holds");
        }
        if (power == 1) {
            return this;
        }
        if (power == 0) {
            return ONE;
        }
        boolean bare = (shape == Shape.NUMBER || shape == Shape.SYMBOL) && !text.contains("^");
        String base = bare ? text : "(" + text + ")";
        return new Unit(dimension.pow(power), exactScale.pow(power), base + "^" + power,
                shape == Shape.NUMBER && bare ? Shape.NUMBER : Shape.SYMBOL);
    }

    private boolean isOneItself() {
        return shape == Shape.NUMBER && exactScale.isOne();
    }

    private static String wrapIf(Unit unit, Shape shape) {
        return unit.shape == shape ? "(" + unit.text + ")" : unit.text;
    }

    public Dimension dimension() {
        return dimension;
    }

    /** The scale relative to the coherent base unit of the dimension (see the class comment). */
    public double scale() {
        return scale;
    }

    /** True when both units have the same dimension, so that one converts into the other. */
    public boolean isCompatible(Unit other) {
        return dimension.equals(other.dimension);
    }

    public boolean isDimensionless() {
        return dimension.isNone();
    }

    /**
     * The factor that expresses a quantity of this unit in {@code target}: x [this] = x·factor [target].
     *
     * @throws IncompatibleUnitsException when the dimensions differ
     */
    public double conversionFactor(Unit target) {
        return exactConversion(target).toDouble();
    }

    /**
     * {@link #conversionFactor(Unit)} as a decimal rounded to {@code context}, for exact decimal
     * arithmetic on factor values.
     *
     * @throws IncompatibleUnitsException when the dimensions differ
     */
    public BigDecimal conversionFactor(Unit target, MathContext context) {
        return exactConversion(target).toBigDecimal(context);
    }

    private Ratio exactConversion(Unit target) {
        if (!isCompatible(target)) {
            throw new IncompatibleUnitsException(this, target);
        }
        return exactScale.divide(target.exactScale);
    }

    /** The canonical text: operators normalised, parentheses only where needed. */
    public String text() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof Unit that)) {
            return false;
        }
        return dimension.equals(that.dimension)
                && Math.abs(scale - that.scale) <= EQUALITY_TOLERANCE * Math.max(Math.abs(scale), Math.abs(that.scale));
    }

    /** Hashes the dimension only, because equal scales are a tolerance, not an identity. */
    @Override
    public int hashCode() {
        return dimension.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
