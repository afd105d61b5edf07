package io.tanhe.engine.rules.fact;

import io.tanhe.engine.units.Unit;
import io.tanhe.engine.units.UnitParseException;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Conversion factors between unit texts, cached: a rule that compares {@code valueIn("t")} runs on
 * every observation, and an exact unit conversion costs microseconds.
 */
final class UnitScale {
    private static final int CACHE_LIMIT = 4096;
    private static final Map<Pair, Double> FACTORS = new ConcurrentHashMap<>();

    private record Pair(String from, String to) {
    }

    private UnitScale() {
    }

    /** True when a value in {@code from} converts into {@code to}. */
    static boolean converts(String from, String to) {
        return !Double.isNaN(factor(from, to));
    }

    /** The factor that turns a value in {@code from} into {@code to}; NaN when they do not convert or do not parse. */
    static double factor(String from, String to) {
        if (from.equals(to)) {
            return 1.0;
        }
        Pair pair = new Pair(from, to);
        Double cached = FACTORS.get(pair);
        if (cached != null) {
            return cached;
        }
        double factor = compute(from, to);
        if (FACTORS.size() < CACHE_LIMIT) {
            FACTORS.put(pair, factor);
        }
        return factor;
    }

    private static double compute(String from, String to) {
        try {
            Unit source = Unit.parse(from);
            Unit target = Unit.parse(to);
            return source.isCompatible(target) ? source.conversionFactor(target) : Double.NaN;
        } catch (UnitParseException e) {
            return Double.NaN;
        }
    }
}
