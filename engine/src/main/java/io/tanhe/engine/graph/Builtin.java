package io.tanhe.engine.graph;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The functions of the language. Formulas declared in files are called the same way. The
 * resolver and unit checker look calls up here, and a compiled {@link Term.Aggregate} keeps the
 * function it applies, so the enum lives with the graph that both sides share.
 */
public enum Builtin {
    /** {@code sum(f in fuel: e)} or {@code sum(x)} over every key of an indexed name. */
    SUM("sum", 1, 1),
    /** {@code min(a, b, …)}, or {@code min(f in fuel: e)} over a set. */
    MIN("min", 1, Integer.MAX_VALUE),
    MAX("max", 1, Integer.MAX_VALUE),
    ABS("abs", 1, 1),
    /** {@code round(e, n)}: half-up to n decimals, as the national reporting forms round. */
    ROUND("round", 2, 2),
    /** {@code available(x[k])}: true when the input or factor has a value for this period. */
    AVAILABLE("available", 1, 1),
    /**
     * {@code mean(x[k])}: the time-weighted mean of a {@code rate} input over the part of the bucket
     * its readings cover, in the input's declared unit (mg/m3, degC, kPa, m3/h). In a minute it is the
     * minute mean; a formula that multiplies means is thus evaluated per minute, and an amount built
     * from it ({@code mean(c) * mean(q) * covered(q)}) is the sum of the minutes' products, not the
     * product of the period's integrals.
     */
    MEAN("mean", 1, 1),
    /** {@code covered(x[k])}: the time of the bucket covered by valid readings of a {@code rate} input, in h. */
    COVERED("covered", 1, 1);

    private final String keyword;
    private final int minArgs;
    private final int maxArgs;

    Builtin(String keyword, int minArgs, int maxArgs) {
        this.keyword = keyword;
        this.minArgs = minArgs;
        this.maxArgs = maxArgs;
    }

    /** The name a formula calls it by. */
    public String keyword() {
        return keyword;
    }

    /** The fewest arguments a call takes (without bindings). */
    public int minArgs() {
        return minArgs;
    }

    /** The most arguments a call takes (without bindings). */
    public int maxArgs() {
        return maxArgs;
    }

    /** Whether the function may range over {@code v in set:} bindings. */
    public boolean aggregates() {
        return this == SUM || this == MIN || this == MAX;
    }

    /** The function called {@code keyword}, if it is one. */
    public static Optional<Builtin> byKeyword(String keyword) {
        return Arrays.stream(values()).filter(b -> b.keyword.equals(keyword)).findFirst();
    }

    /** Every function's name, for messages and spelling hints. */
    public static List<String> keywords() {
        return Arrays.stream(values()).map(Builtin::keyword).toList();
    }
}
