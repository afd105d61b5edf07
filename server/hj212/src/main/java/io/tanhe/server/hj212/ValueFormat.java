package io.tanhe.server.hj212;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A numeric data type of the standard such as {@code N14.2}: at most 14 integer digits and exactly
 * 2 decimals, with sign and point at most {@value FieldRules#MAX_NUMBER_CHARS} characters
 * (protocols.md §1.2). {@code N3} has no decimals.
 *
 * @param integerDigits at most this many digits before the point
 * @param decimals      exactly this many digits after the point (rounded half up)
 */
public record ValueFormat(int integerDigits, int decimals) {
    private static final Pattern TEXT = Pattern.compile("N([0-9]{1,2})(?:\\.([0-9]{1,2}))?");

    public ValueFormat {
        if (integerDigits < 1 || decimals < 0 || integerDigits + decimals + (decimals > 0 ? 2 : 1) > FieldRules.MAX_NUMBER_CHARS) {
            throw new IllegalArgumentException("N" + integerDigits + "." + decimals + " does not fit in "
                    + FieldRules.MAX_NUMBER_CHARS + " characters with sign and point");
        }
    }

    /**
     * Reads {@code N14.2} or {@code N3}.
     *
     * @throws IllegalArgumentException when the text is not such a format
     */
    public static ValueFormat parse(String text) {
        Matcher m = TEXT.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a number format like N14.2 or N3");
        }
        return new ValueFormat(Integer.parseInt(m.group(1)), m.group(2) == null ? 0 : Integer.parseInt(m.group(2)));
    }

    /**
     * The value as the packet writes it, rounded half up to {@link #decimals}.
     *
     * @throws IllegalArgumentException when the value has more integer digits than the format allows
     */
    public String format(BigDecimal value) {
        BigDecimal rounded = value.setScale(decimals, RoundingMode.HALF_UP);
        int digits = rounded.precision() - rounded.scale();
        if (digits > integerDigits) {
            throw new IllegalArgumentException(value.toPlainString() + " has " + digits + " integer digits; "
                    + text() + " allows " + integerDigits);
        }
        return rounded.toPlainString();
    }

    /**
     * The value as {@link #format} writes it, without trailing zeros after the point ({@code 12.5}, not
     * {@code 12.5000}): the standard's numbers are variable-length strings ([STD17] §6.3.3, its examples
     * write {@code w00000-Cou=10.5}).
     *
     * @throws IllegalArgumentException when the value has more integer digits than the format allows
     */
    public String formatCompact(BigDecimal value) {
        String text = format(value);
        if (text.indexOf('.') < 0) {
            return text;
        }
        BigDecimal stripped = new BigDecimal(text).stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

    /** The largest value the format writes, e.g. 999.999 for {@code N3.3}. */
    public BigDecimal largest() {
        return BigDecimal.TEN.pow(integerDigits).subtract(BigDecimal.ONE.movePointLeft(decimals));
    }

    /** The format as written, e.g. {@code N14.2}. */
    public String text() {
        return "N" + integerDigits + (decimals > 0 ? "." + decimals : "");
    }
}
