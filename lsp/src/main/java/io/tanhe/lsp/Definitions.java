package io.tanhe.lsp;

import io.tanhe.engine.compile.Symbol;
import io.tanhe.grammar.ast.SourceSpan;
import org.eclipse.lsp4j.Location;

import java.util.Optional;

/** Go to definition: where the name under the cursor is declared, in this file or an imported one. */
final class Definitions {
    private Definitions() {
    }

    static Optional<Location> at(Analysis analysis, int line, int character) {
        return analysis.identifierAt(line, character)
                .flatMap(token -> analysis.symbol(token.getText()).or(() -> setOfMember(analysis, token.getText())))
                .flatMap(symbol -> locate(analysis, Declarations.nameSpan(symbol)));
    }

    /** A set member leads to its set's declaration. */
    private static Optional<Symbol> setOfMember(Analysis analysis, String word) {
        return analysis.compilation().typed().resolved().symbolsOf(Symbol.SetSym.class).stream()
                .filter(s -> s.members().contains(word)).map(Symbol.class::cast).findFirst();
    }

    private static Optional<Location> locate(Analysis analysis, SourceSpan span) {
        if (analysis.isHere(span)) {
            return Optional.of(new Location(analysis.uri(), Ranges.of(span)));
        }
        return analysis.fileOf(span).map(path -> new Location(path.toUri().toString(), Ranges.of(span)));
    }
}
