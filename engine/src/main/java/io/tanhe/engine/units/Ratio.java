package io.tanhe.engine.units;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

/**
 * An exact positive rational scale. Unit scales are kept exact so that decimal conversions
 * ({@code tC/TJ} to {@code tC/GJ}, {@code %} to {@code 1}) and the odd ones ({@code s} to {@code h})
 * round only once, when a caller asks for a {@code double}.
 */
record Ratio(BigInteger numerator, BigInteger denominator) {

    static final Ratio ONE = new Ratio(BigInteger.ONE, BigInteger.ONE);

    Ratio {
        if (denominator.signum() == 0) {
            throw new ArithmeticException("zero denominator");
        }
        if (denominator.signum() < 0) {
            numerator = numerator.negate();
            denominator = denominator.negate();
        }
        BigInteger gcd = numerator.gcd(denominator);
        if (!gcd.equals(BigInteger.ONE) && gcd.signum() != 0) {
            numerator = numerator.divide(gcd);
            denominator = denominator.divide(gcd);
        }
    }

    static Ratio of(long numerator, long denominator) {
        return new Ratio(BigInteger.valueOf(numerator), BigInteger.valueOf(denominator));
    }

    static Ratio of(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() <= 0) {
            return new Ratio(stripped.toBigIntegerExact(), BigInteger.ONE);
        }
        return new Ratio(stripped.unscaledValue(), BigInteger.TEN.pow(stripped.scale()));
    }

    static Ratio tenTo(int exponent) {
        return exponent >= 0
                ? new Ratio(BigInteger.TEN.pow(exponent), BigInteger.ONE)
                : new Ratio(BigInteger.ONE, BigInteger.TEN.pow(-exponent));
    }

    Ratio multiply(Ratio other) {
        return new Ratio(numerator.multiply(other.numerator), denominator.multiply(other.denominator));
    }

    Ratio divide(Ratio other) {
        return new Ratio(numerator.multiply(other.denominator), denominator.multiply(other.numerator));
    }

    Ratio pow(int power) {
        return power >= 0
                ? new Ratio(numerator.pow(power), denominator.pow(power))
                : new Ratio(denominator.pow(-power), numerator.pow(-power));
    }

    boolean isOne() {
        return numerator.equals(denominator);
    }

    /** The nearest decimal with the given precision. */
    BigDecimal toBigDecimal(MathContext context) {
        return new BigDecimal(numerator).divide(new BigDecimal(denominator), context);
    }

    double toDouble() {
        return toBigDecimal(MathContext.DECIMAL128).doubleValue();
    }

    /** Exact decimal text when the ratio is a finite decimal ({@code 0.01}, {@code 10000}), else {@code n/d}. */
    String text() {
        BigInteger rest = denominator;
        for (BigInteger prime : new BigInteger[] {BigInteger.TWO, BigInteger.valueOf(5)}) {
            while (rest.mod(prime).signum() == 0) {
                rest = rest.divide(prime);
            }
        }
        if (!rest.equals(BigInteger.ONE)) {
            return numerator + "/" + denominator;
        }
        return toBigDecimal(MathContext.UNLIMITED).stripTrailingZeros().toPlainString();
    }
}
