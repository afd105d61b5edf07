package io.tanhe.drivers.modbus;

import org.mvel2.MVEL;
import org.mvel2.compiler.ExecutableStatement;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.HashMap;
import java.util.Map;

/** Turns a decoded raw value into the point's value: {@code k·x + b}, or an MVEL expression of {@code x}. */
public sealed interface Scaling permits Scaling.Linear, Scaling.Expression {

    /** The identity: the raw value is the value. */
    Scaling NONE = new Linear(BigDecimal.ONE, BigDecimal.ZERO);

    /** Applies the scaling. */
    BigDecimal apply(BigDecimal x) throws DecodeException;

    /** {@code k·x + b}, computed exactly in decimal (a raw 12345 with k 0.01 gives 123.45). */
    record Linear(BigDecimal k, BigDecimal b) implements Scaling {
        @Override
        public BigDecimal apply(BigDecimal x) {
            BigDecimal v = x.multiply(k);
            return b.signum() == 0 ? v : v.add(b);
        }
    }

    /**
     * An MVEL expression in {@code x} (a {@link BigDecimal}), compiled once when the configuration loads.
     * The result must be a number; it is rounded to 16 significant digits when MVEL widens it.
     */
    final class Expression implements Scaling {
        private final String source;
        private final Serializable compiled;

        /**
         * Compiles {@code source}.
         *
         * @throws IllegalArgumentException with the compiler's message when it does not compile
         */
        public Expression(String source) {
            this.source = source;
            try {
                this.compiled = MVEL.compileExpression(source);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("expression `" + source + "` does not compile: " + firstLine(e.getMessage()), e);
            }
        }

        /** The expression as written. */
        public String source() {
            return source;
        }

        @Override
        public BigDecimal apply(BigDecimal x) throws DecodeException {
            Map<String, Object> vars = new HashMap<>(2);
            vars.put("x", x);
            Object result;
            try {
                result = MVEL.executeExpression(compiled, vars);
            } catch (RuntimeException e) {
                throw new DecodeException("expression '" + source + "' failed for x=" + x.toPlainString() + ": " + firstLine(e.getMessage()));
            }
            if (result instanceof BigDecimal d) {
                return RegisterDecoder.tidy(d.round(MathContext.DECIMAL64));
            }
            if (result instanceof Number n) {
                return RegisterDecoder.tidy(new BigDecimal(n.toString()).round(MathContext.DECIMAL64));
            }
            throw new DecodeException("expression '" + source + "' gave " + result + ", not a number");
        }

        private static String firstLine(String s) {
            return s == null ? "" : s.lines().findFirst().orElse("");
        }
    }
}
