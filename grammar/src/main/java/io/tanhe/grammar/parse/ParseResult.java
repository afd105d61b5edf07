package io.tanhe.grammar.parse;

import io.tanhe.grammar.ast.SourceFile;
import io.tanhe.grammar.diagnostics.Diagnostic;

import java.util.List;

/** The AST of one file and the syntax diagnostics found while reading it. */
public record ParseResult(SourceFile file, List<Diagnostic> diagnostics) {
    public ParseResult {
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
