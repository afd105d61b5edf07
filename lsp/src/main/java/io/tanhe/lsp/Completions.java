package io.tanhe.lsp;

import io.tanhe.engine.compile.Symbol;
import io.tanhe.engine.graph.Builtin;
import io.tanhe.engine.model.EmissionClass;
import io.tanhe.engine.units.UnitRegistry;
import io.tanhe.grammar.TanheLexer;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Completion: after {@code class}, the emission classes; where a unit is written (after {@code :} in a
 * declaration, before its {@code =}), the unit symbols; elsewhere the names in scope, set members,
 * functions and keywords.
 */
final class Completions {
    private Completions() {
    }

    static List<CompletionItem> at(Analysis analysis, int line, int character) {
        String before = lineBefore(analysis.text(), line, character);
        if (before.matches(".*\\bclass\\s+\\w*$")) {
            return EmissionClass.keywords().stream()
                    .map(k -> item(k, CompletionItemKind.EnumMember, EmissionClass.byKeyword(k).orElseThrow().labelZh()))
                    .toList();
        }
        if (before.contains(":") && !before.contains("=") && !before.stripLeading().startsWith("//")) {
            return new TreeSet<>(UnitRegistry.symbols()).stream().map(u -> item(u, CompletionItemKind.Unit, "unit")).toList();
        }
        Map<String, CompletionItem> items = new LinkedHashMap<>();
        for (Symbol s : analysis.compilation().typed().resolved().symbols().values()) {
            items.put(s.name(), item(s.name(), kind(s), Declarations.signature(s) + labelSuffix(s)));
            if (s instanceof Symbol.SetSym set) {
                set.decl().members().forEach(m -> items.putIfAbsent(m.name().text(),
                        item(m.name().text(), CompletionItemKind.EnumMember, "member of " + set.name())));
            }
        }
        Builtin.keywords().forEach(f -> items.putIfAbsent(f, item(f, CompletionItemKind.Function, "built-in function")));
        keywords().forEach(k -> items.putIfAbsent(k, item(k, CompletionItemKind.Keyword, "keyword")));
        return new ArrayList<>(items.values());
    }

    /** The language's keywords, read from the lexer so a new keyword needs no change here. */
    static Set<String> keywords() {
        Set<String> words = new TreeSet<>();
        for (int type = 1; type <= TanheLexer.VOCABULARY.getMaxTokenType(); type++) {
            String literal = TanheLexer.VOCABULARY.getLiteralName(type);
            if (literal != null && literal.matches("'\\p{Alpha}+'")) {
                words.add(literal.substring(1, literal.length() - 1));
            }
        }
        return words;
    }

    private static String lineBefore(String text, int line, int character) {
        List<String> lines = text.lines().toList();
        if (line < 0 || line >= lines.size()) {
            return "";
        }
        String l = lines.get(line);
        return l.substring(0, Math.min(character, l.length()));
    }

    private static CompletionItemKind kind(Symbol s) {
        return switch (s) {
            case Symbol.SetSym set -> CompletionItemKind.Enum;
            case Symbol.FactorSym f -> CompletionItemKind.Constant;
            case Symbol.InputSym i -> CompletionItemKind.Variable;
            case Symbol.ComputedSym c -> CompletionItemKind.Field;
            case Symbol.FormulaSym f -> CompletionItemKind.Function;
        };
    }

    private static String labelSuffix(Symbol s) {
        String label = Declarations.label(s);
        return label.isEmpty() ? "" : " — " + label;
    }

    private static CompletionItem item(String label, CompletionItemKind kind, String detail) {
        CompletionItem item = new CompletionItem(label);
        item.setKind(kind);
        item.setDetail(detail);
        return item;
    }
}
