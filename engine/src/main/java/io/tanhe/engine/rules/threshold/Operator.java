package io.tanhe.engine.rules.threshold;

/** How a threshold compares a value with its limit. */
public enum Operator {
    GT(">"), GE(">="), LT("<"), LE("<=");

    private final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** True for {@code >} and {@code >=}: the alert is about values that are too high. */
    public boolean upper() {
        return this == GT || this == GE;
    }

    /** True when {@code value} is on the alerting side of {@code limit}. */
    public boolean test(double value, double limit) {
        return switch (this) {
            case GT -> value > limit;
            case GE -> value >= limit;
            case LT -> value < limit;
            case LE -> value <= limit;
        };
    }

    /**
     * The operator written {@code symbol}.
     *
     * @throws IllegalArgumentException naming the accepted symbols
     */
    public static Operator fromSymbol(String symbol) {
        for (Operator o : values()) {
            if (o.symbol.equals(symbol.trim())) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown operator `" + symbol + "`; use one of >, >=, <, <=");
    }
}
