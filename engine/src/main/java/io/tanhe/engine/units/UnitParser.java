package io.tanhe.engine.units;

import java.math.BigDecimal;

/**
 * Recursive-descent parser of unit text:
 * <pre>
 * unit    := product ('/' product)*            a/b/c means a/(b·c)
 * product := power (('*' | '·' | ' ')? power)*  juxtaposition is a product: GJ/10^4 Nm3 = GJ/(10^4·Nm3)
 * power   := atom ('^' '-'? digits)?
 * atom    := symbol | number | '%' | '(' unit ')'
 * </pre>
 * A symbol is a letter followed by letters and digits ({@code tCO2}, {@code Nm3}, {@code HFC134a}) and
 * must be known to {@link UnitRegistry}. Substances belong to the symbol: {@code kg CF4/t} is an
 * error, {@code kgCF4/t} is right.
 */
final class UnitParser {

    private final String text;
    private int position;

    UnitParser(String text) {
        this.text = text;
    }

    Unit parse() {
        Unit unit = unit();
        skipSpaces();
        if (position < text.length()) {
            char c = text.charAt(position);
            throw error(c == ')' ? "unbalanced `)`" : "expected `/`, `*`, `·` or end of unit but found " + found());
        }
        return unit;
    }

    private Unit unit() {
        Unit unit = product();
        while (peek() == '/') {
            position++;
            unit = unit.divide(product());
        }
        return unit;
    }

    private Unit product() {
        Unit unit = power();
        while (true) {
            char next = peek();
            if (next == '*' || next == '·') {
                position++;
                unit = unit.multiply(power());
            } else if (startsAtom(next)) {
                unit = unit.multiply(power());
            } else {
                return unit;
            }
        }
    }

    private Unit power() {
        Unit atom = atom();
        if (position < text.length() && text.charAt(position) == '^') {
            position++;
            int start = position;
            int exponent = exponent();
            if (!atom.canRaiseTo(exponent)) {
                throw errorAt(start, "the scale of " + atom.text() + "^" + exponent + " is beyond what a double holds");
            }
            return atom.pow(exponent);
        }
        return atom;
    }

    private int exponent() {
        int sign = 1;
        if (position < text.length() && text.charAt(position) == '-') {
            sign = -1;
            position++;
        }
        int start = position;
        while (position < text.length() && isDigit(text.charAt(position))) {
            position++;
        }
        if (start == position) {
            throw error("expected an integer exponent after `^` but found " + found());
        }
        if (position - start > 2) {
            throw errorAt(start, "exponent too large: at most " + Unit.MAX_EXPONENT);
        }
        int value = Integer.parseInt(text.substring(start, position));
        return sign * value;
    }

    private Unit atom() {
        char next = peek();
        if (Character.isLetter(next)) {
            return symbol();
        }
        if (isDigit(next)) {
            return number();
        }
        if (next == '%') {
            position++;
            return UnitRegistry.symbol("%").orElseThrow();
        }
        if (next == '(') {
            position++;
            Unit inner = unit();
            if (peek() != ')') {
                throw error("expected `)` but found " + found());
            }
            position++;
            return inner;
        }
        throw error("expected a unit symbol, a number, `%` or `(` but found " + found() + hintFor(next));
    }

    private Unit symbol() {
        int start = position;
        while (position < text.length() && Character.isLetterOrDigit(text.charAt(position))) {
            position++;
        }
        String symbol = text.substring(start, position);
        if (symbol.equals("m") && position < text.length() && "^²³".indexOf(text.charAt(position)) >= 0) {
            // m is a length; volume is a base of its own, so m^3 or m³ would be a length cubed, never m3
            String meant = text.charAt(position) == '²' || text.startsWith("^2", position) ? "m2" : "m3";
            throw new UnitParseException(text, start, "`m` is a length (for velocities, m/s): write `" + meant
                    + "` for " + (meant.equals("m2") ? "an area" : "a volume"), meant);
        }
        return UnitRegistry.symbol(symbol).orElseThrow(() -> unknownSymbol(start, symbol));
    }

    private UnitParseException unknownSymbol(int start, String symbol) {
        if (BaseDimension.ofSubstance(symbol).isPresent()) {
            return new UnitParseException(text, start, "unknown unit `" + symbol
                    + "` — a substance is part of the mass symbol: write `t" + symbol + "` or `kg" + symbol + "`",
                    "t" + symbol);
        }
        String suggestion = UnitRegistry.suggest(symbol).orElse(null);
        String detail = "unknown unit `" + symbol + "`" + (suggestion == null ? "" : " — did you mean `" + suggestion + "`?");
        return new UnitParseException(text, start, detail, suggestion);
    }

    private Unit number() {
        int start = position;
        while (position < text.length() && isDigit(text.charAt(position))) {
            position++;
        }
        if (position + 1 < text.length() && text.charAt(position) == '.' && isDigit(text.charAt(position + 1))) {
            position++;
            while (position < text.length() && isDigit(text.charAt(position))) {
                position++;
            }
        }
        BigDecimal value = new BigDecimal(text.substring(start, position));
        if (value.signum() == 0) {
            throw errorAt(start, "a unit factor must be positive, not 0");
        }
        return Unit.number(Ratio.of(value));
    }

    private static String hintFor(char c) {
        return switch (c) {
            case '°', '℃' -> " — write temperature differences as `degC`";
            case '²', '³' -> " — write powers with `^`, e.g. `m3` or `h^2`";
            case '×' -> " — write products with `*`, `·` or a space";
            default -> "";
        };
    }

    private static boolean startsAtom(char c) {
        return Character.isLetter(c) || isDigit(c) || c == '%' || c == '(';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The next non-space character, or NUL at the end; spaces before it are consumed. */
    private char peek() {
        skipSpaces();
        return position < text.length() ? text.charAt(position) : '\0';
    }

    private void skipSpaces() {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
    }

    private String found() {
        return position < text.length() ? "`" + text.charAt(position) + "`" : "end of unit";
    }

    private UnitParseException error(String detail) {
        return errorAt(position, detail);
    }

    private UnitParseException errorAt(int offset, String detail) {
        return new UnitParseException(text, offset, detail, null);
    }
}
