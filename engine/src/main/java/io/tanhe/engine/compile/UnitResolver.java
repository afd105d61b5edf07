package io.tanhe.engine.compile;

import io.tanhe.engine.units.Unit;
import io.tanhe.engine.units.UnitRegistry;
import io.tanhe.grammar.ast.UnitExpr;
import io.tanhe.grammar.diagnostics.Diagnostics;
import io.tanhe.grammar.diagnostics.ErrorCode;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;

/** Gives units written in a file their meaning in the unit algebra; unknown symbols are E400. */
public final class UnitResolver {
    private static final Unit PERCENT = Unit.parse("%");
    private final Diagnostics diagnostics;
    private final Map<UnitExpr, Optional<Unit>> cache = new IdentityHashMap<>();

    UnitResolver(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /**
     * The meaning of a unit written in a file, as the compiler gives it, without reporting anything.
     * Code that runs after compilation (the test runner) uses this rather than re-parsing the unit's
     * printed text, which the unit parser may read differently (a number such as `1E+3` in a unit).
     */
    public static Optional<Unit> meaning(UnitExpr u) {
        return new UnitResolver(new Diagnostics()).resolve(u);
    }

    /** The unit, or empty after reporting why it has none. */
    Optional<Unit> resolve(UnitExpr u) {
        return cache.computeIfAbsent(u, this::compute);
    }

    private Optional<Unit> compute(UnitExpr u) {
        Unit result = null;
        boolean ok = true;
        for (UnitExpr.Product p : u.products()) {
            Unit product = Unit.ONE;
            for (UnitExpr.Power pw : p.powers()) {
                Optional<Unit> atom = atom(pw);
                if (atom.isEmpty()) {
                    ok = false;
                    continue;
                }
                if (!atom.get().canRaiseTo(pw.exponent())) {
                    diagnostics.report(ErrorCode.E404, pw.span(), UnitChecker.powerProblem(atom.get(), pw.exponent()),
                            "no physical unit needs such a power; check the unit");
                    ok = false;
                    continue;
                }
                product = product.multiply(pw.exponent() == 1 ? atom.get() : atom.get().pow(pw.exponent()));
            }
            result = result == null ? product : result.divide(product);
        }
        if (ok && result != null && (!Double.isFinite(result.scale()) || result.scale() == 0
                || Math.abs(Math.log10(result.scale())) > MAX_SCALE_DIGITS)) {
            diagnostics.report(ErrorCode.E400, u.span(), "unit `" + u + "` has a scale of " + result.scale()
                    + ", beyond what a double can hold exactly", "use a unit with a sensible scale, e.g. `GJ/10^4 Nm3`");
            return Optional.empty();
        }
        return ok && result != null ? Optional.of(result) : Optional.empty();
    }

    /** 10^±30 covers every unit of the guidelines (g to Mt is 10^12) with room to spare. */
    private static final int MAX_SCALE_DIGITS = 30;

    private Optional<Unit> atom(UnitExpr.Power pw) {
        return switch (pw.atom()) {
            case UnitExpr.Percent _ -> Optional.of(PERCENT);
            case UnitExpr.Number n -> number(n.text(), pw);
            case UnitExpr.Symbol s -> symbol(s.name(), pw);
        };
    }

    private Optional<Unit> number(String text, UnitExpr.Power pw) {
        double v = Double.parseDouble(text);
        if (v <= 0 || !Double.isFinite(v)) {
            diagnostics.report(ErrorCode.E400, pw.span(), "a number in a unit must be positive, not `" + text + "`",
                    "write e.g. `10^4 Nm3`");
            return Optional.empty();
        }
        return Optional.of(Unit.scalar(v));
    }

    private Optional<Unit> symbol(String symbol, UnitExpr.Power pw) {
        Optional<Unit> unit = UnitRegistry.symbol(symbol);
        if (unit.isEmpty()) {
            diagnostics.report(ErrorCode.E400, pw.span(), "unknown unit `" + symbol + "`",
                    UnitRegistry.suggest(symbol).map(s -> "did you mean `" + s + "`?")
                            .orElse("substances belong to the symbol (`tCO2`, `kgCH4`); see docs/language.md for the unit list"));
        }
        return unit;
    }
}
