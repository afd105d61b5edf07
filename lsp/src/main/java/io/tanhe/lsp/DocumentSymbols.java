package io.tanhe.lsp;

import io.tanhe.grammar.ast.Decl;
import io.tanhe.grammar.ast.Name;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.SymbolKind;

import java.util.ArrayList;
import java.util.List;

/** The outline of a document: its sets (with members), factors, inputs, computed values, formulas and tests. */
final class DocumentSymbols {
    private DocumentSymbols() {
    }

    static List<DocumentSymbol> of(Analysis analysis) {
        List<DocumentSymbol> list = new ArrayList<>();
        for (Decl d : analysis.compilation().loaded().main().decls()) {
            switch (d) {
                case Decl.SetDecl s -> {
                    DocumentSymbol set = symbol(s.name(), SymbolKind.Enum, s.label(), d);
                    set.setChildren(s.members().stream()
                            .map(m -> new DocumentSymbol(m.name().text(), SymbolKind.EnumMember,
                                    Ranges.of(m.name().span()), Ranges.of(m.name().span()), m.label()))
                            .toList());
                    list.add(set);
                }
                case Decl.FactorDecl f -> list.add(symbol(f.name(), SymbolKind.Constant, f.label(), d));
                case Decl.InputDecl i -> list.add(symbol(i.name(), SymbolKind.Variable, i.label(), d));
                case Decl.ComputedDecl c -> list.add(symbol(c.name(), SymbolKind.Field, c.kind().keyword(), d));
                case Decl.FormulaDecl f -> list.add(symbol(f.name(), SymbolKind.Function, "formula", d));
                case Decl.TestDecl t -> list.add(new DocumentSymbol("test " + t.title(), SymbolKind.Event,
                        Ranges.of(t.span()), Ranges.of(t.span()), t.on() == null ? "" : "on " + t.on()));
                default -> {
                    // imports and factor-table references are not outline entries
                }
            }
        }
        return list;
    }

    private static DocumentSymbol symbol(Name name, SymbolKind kind, String detail, Decl decl) {
        return new DocumentSymbol(name.text(), kind, Ranges.of(decl.span()), Ranges.of(name.span()), detail);
    }
}
