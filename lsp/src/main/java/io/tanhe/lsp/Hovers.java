package io.tanhe.lsp;

import io.tanhe.engine.compile.Symbol;
import io.tanhe.engine.factors.FactorValue;
import io.tanhe.engine.graph.Builtin;
import io.tanhe.engine.model.EmissionClass;
import io.tanhe.engine.units.Unit;
import io.tanhe.engine.units.UnitRegistry;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;

import java.util.List;
import java.util.Optional;

/**
 * What a hover shows: a name's declaration, unit, class and label; for a factor, its default values
 * with source, clause, confidence and validity; a set member's set; a function's use.
 */
final class Hovers {
    private Hovers() {
    }

    static Optional<Hover> at(Analysis analysis, int line, int character) {
        return analysis.identifierAt(line, character).flatMap(token -> describe(analysis, token.getText())
                .map(markdown -> new Hover(new MarkupContent(MarkupKind.MARKDOWN, markdown), Ranges.of(token))));
    }

    private static Optional<String> describe(Analysis analysis, String word) {
        Optional<Symbol> symbol = analysis.symbol(word);
        if (symbol.isPresent()) {
            return Optional.of(describeSymbol(analysis, symbol.get()));
        }
        Optional<String> member = memberOf(analysis, word);
        if (member.isPresent()) {
            return member;
        }
        Optional<Builtin> builtin = Builtin.byKeyword(word);
        if (builtin.isPresent()) {
            return Optional.of("```tanhe\n" + word + "(…)\n```\nbuilt-in function");
        }
        return EmissionClass.byKeyword(word).map(c -> "emission class **" + word + "** — " + c.labelZh()
                + " (" + c.defaultScope().name().toLowerCase(java.util.Locale.ROOT) + (c.isDeduction() ? ", deducted" : "") + ")");
    }

    private static String describeSymbol(Analysis analysis, Symbol symbol) {
        StringBuilder md = new StringBuilder("```tanhe\n").append(Declarations.signature(symbol)).append("\n```\n");
        String label = Declarations.label(symbol);
        if (!label.isEmpty()) {
            md.append(label).append("\n\n");
        }
        Unit unit = analysis.compilation().typed().units().get(symbol.name());
        if (unit != null) {
            md.append("unit: `").append(UnitRegistry.readable(unit)).append("`\n\n");
        }
        if (!analysis.isHere(symbol.span())) {
            md.append("declared in `").append(symbol.span().file()).append("`\n\n");
        }
        if (symbol instanceof Symbol.FactorSym) {
            md.append(factorValues(analysis.compilation().defaults().library().values(symbol.name())));
        }
        List<String> comments = symbol.decl().comments();
        if (!comments.isEmpty()) {
            md.append("\n").append(String.join("\n", comments.stream().map(c -> c.replaceFirst("^//\\s?", "")).toList()));
        }
        return md.toString().strip();
    }

    private static String factorValues(List<FactorValue> values) {
        if (values.isEmpty()) {
            return "**no default ships**: the site must supply this factor\n";
        }
        StringBuilder md = new StringBuilder("| key | value | valid | source | confidence |\n|---|---|---|---|---|\n");
        for (FactorValue v : values) {
            md.append("| ").append(v.key().isEmpty() ? "—" : v.key()).append(" | ").append(v.value().toPlainString())
                    .append(' ').append(v.unit()).append(" | ").append(v.validityText()).append(" | ")
                    .append(v.source().replace("|", "\\|")).append(v.clause() == null ? "" : ", " + v.clause())
                    .append(" | ").append(v.confidence()).append(" |\n");
        }
        return md.toString();
    }

    private static Optional<String> memberOf(Analysis analysis, String word) {
        for (Symbol.SetSym set : analysis.compilation().typed().resolved().symbolsOf(Symbol.SetSym.class)) {
            for (var m : set.decl().members()) {
                if (m.name().text().equals(word)) {
                    return Optional.of("member **" + word + "**" + (m.label() == null ? "" : " — " + m.label())
                            + " of set `" + set.name() + "`" + (set.decl().label() == null ? "" : " (" + set.decl().label() + ")"));
                }
            }
        }
        return Optional.empty();
    }
}
