package io.tanhe.lsp;

import io.tanhe.engine.compile.Symbol;
import io.tanhe.grammar.ast.Name;
import io.tanhe.grammar.ast.SourceSpan;
import io.tanhe.grammar.ast.UnitExpr;

import java.util.List;
import java.util.stream.Collectors;

/** How a declared symbol reads in a hover or a completion: its signature line and where its name is. */
final class Declarations {
    private Declarations() {
    }

    /** The span of the symbol's name in its declaration. */
    static SourceSpan nameSpan(Symbol symbol) {
        return switch (symbol) {
            case Symbol.SetSym s -> s.decl().name().span();
            case Symbol.FactorSym f -> f.decl().name().span();
            case Symbol.InputSym i -> i.decl().name().span();
            case Symbol.ComputedSym c -> c.decl().name().span();
            case Symbol.FormulaSym f -> f.decl().name().span();
        };
    }

    /** The declaration as written, without its formula: {@code input coal_burned[gen_unit] : t counter}. */
    static String signature(Symbol symbol) {
        return switch (symbol) {
            case Symbol.SetSym s -> "set " + s.name() + (s.open() ? "" : " { " + String.join(", ", s.members()) + " }");
            case Symbol.FactorSym f -> "factor " + f.name() + dims(f.decl().dimensions()) + unit(f.decl().unit());
            case Symbol.InputSym i -> "input " + i.name() + dims(i.decl().dimensions()) + unit(i.decl().unit()) + " "
                    + i.decl().kind().name().toLowerCase(java.util.Locale.ROOT) + (i.decl().optional() ? " optional" : "");
            case Symbol.ComputedSym c -> c.decl().kind().keyword() + " " + c.name() + unit(c.decl().unit())
                    + (c.decl().emissionClass() == null ? "" : " class " + c.decl().emissionClass().text());
            case Symbol.FormulaSym f -> "formula " + f.name() + "(" + f.decl().parameters().stream()
                    .map(p -> p.name().text() + (p.unit() == null ? "" : " : " + p.unit()))
                    .collect(Collectors.joining(", ")) + ")" + unit(f.decl().resultUnit());
        };
    }

    /** The label in quotes after the declaration ("" when none). */
    static String label(Symbol symbol) {
        return switch (symbol) {
            case Symbol.SetSym s -> nullToEmpty(s.decl().label());
            case Symbol.Valued v -> nullToEmpty(v.label());
            case Symbol.FormulaSym f -> "";
        };
    }

    private static String dims(List<Name> dimensions) {
        return dimensions.isEmpty() ? "" : dimensions.stream().map(Name::text).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String unit(UnitExpr unit) {
        return unit == null ? "" : " : " + unit;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
