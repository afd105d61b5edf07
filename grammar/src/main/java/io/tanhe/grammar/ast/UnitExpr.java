package io.tanhe.grammar.ast;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A unit as written: a numerator product followed by zero or more divisor products
 * ({@code a/b/c} means a/(b·c)). The compiler's unit algebra gives it a meaning.
 *
 * @param products the first product is the numerator, each further one divides it
 */
public record UnitExpr(List<Product> products, SourceSpan span) {

    public UnitExpr {
        products = List.copyOf(products);
    }

    /** Factors multiplied together, e.g. {@code 10^4 Nm3}. */
    public record Product(List<Power> powers) {
        public Product {
            powers = List.copyOf(powers);
        }

        @Override
        public String toString() {
            return powers.stream().map(Power::toString).collect(Collectors.joining(" "));
        }
    }

    /** One atom raised to an integer exponent (1 when none is written). */
    public record Power(Atom atom, int exponent, SourceSpan span) {
        @Override
        public String toString() {
            return exponent == 1 ? atom.toString() : atom + "^" + exponent;
        }
    }

    /** A unit symbol ({@code tCO2}), a number ({@code 10}) or {@code %}. */
    public sealed interface Atom permits Symbol, Number, Percent {
    }

    public record Symbol(String name) implements Atom {
        @Override
        public String toString() {
            return name;
        }
    }

    public record Number(String text) implements Atom {
        @Override
        public String toString() {
            return text;
        }
    }

    public record Percent() implements Atom {
        @Override
        public String toString() {
            return "%";
        }
    }

    /** The canonical text, as {@code fmt} prints it. */
    @Override
    public String toString() {
        return products.stream().map(Product::toString).collect(Collectors.joining("/"));
    }
}
