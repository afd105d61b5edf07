package io.tanhe.engine.compile;

import io.tanhe.grammar.ast.Binding;
import io.tanhe.grammar.ast.Expr;
import io.tanhe.grammar.ast.Header;
import io.tanhe.grammar.diagnostics.Diagnostic;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Stage 2 result: every declared symbol by name, and for each reference and call in the
 * expressions what it refers to (keyed by AST node identity).
 *
 * @param symbols the symbols in declaration order, imported files first
 * @param calls   each call's target: a {@link io.tanhe.engine.graph.Builtin} or a {@link Symbol.FormulaSym}
 * @param sets    the set each binding ranges over
 */
public record ResolvedProgram(LoadedProgram loaded, Header header, Map<String, Symbol> symbols,
                              Map<Expr.Ref, Resolution> refs, Map<Expr.Call, Object> calls,
                              Map<Binding, Symbol.SetSym> sets, List<Diagnostic> diagnostics) {
    public ResolvedProgram {
        symbols = Collections.unmodifiableMap(symbols);
        refs = Collections.unmodifiableMap(refs);
        calls = Collections.unmodifiableMap(calls);
        sets = Collections.unmodifiableMap(sets);
        diagnostics = List.copyOf(diagnostics);
    }

    public <T extends Symbol> List<T> symbolsOf(Class<T> kind) {
        return symbols.values().stream().filter(kind::isInstance).map(kind::cast).toList();
    }
}
