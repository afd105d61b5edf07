package io.tanhe.lsp;

import io.tanhe.engine.compile.Compilation;
import io.tanhe.engine.compile.Symbol;
import io.tanhe.grammar.TanheLexer;
import io.tanhe.grammar.ast.SourceSpan;
import org.antlr.v4.runtime.Token;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One version of an open document, compiled: its text, its tokens and what the compiler made of it.
 *
 * @param uri         the document's URI as the editor sent it
 * @param displayPath the path the compiler names the document by in spans
 * @param tokens      the default-channel tokens of the text, in order
 */
record Analysis(String uri, String displayPath, String text, List<Token> tokens, Compilation compilation) {

    Analysis {
        tokens = List.copyOf(tokens);
    }

    /** The identifier under (or just behind) the cursor at 0-based {@code line} and {@code character}. */
    Optional<Token> identifierAt(int line, int character) {
        for (Token t : tokens) {
            if (t.getType() != TanheLexer.IDENT || t.getLine() - 1 != line) {
                continue;
            }
            int start = t.getCharPositionInLine();
            int end = start + t.getText().length();
            if (character >= start && character <= end) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** Every identifier token with {@code text}. */
    List<Token> identifiers(String text) {
        return tokens.stream().filter(t -> t.getType() == TanheLexer.IDENT && t.getText().equals(text)).toList();
    }

    /** The declared symbol called {@code name}, in this file or an imported one. */
    Optional<Symbol> symbol(String name) {
        return Optional.ofNullable(compilation.typed().resolved().symbols().get(name));
    }

    /** Whether {@code span} lies in this document rather than in an imported file. */
    boolean isHere(SourceSpan span) {
        return span.file().equals(displayPath);
    }

    /** The file on disk a span of an imported file lies in. */
    Optional<Path> fileOf(SourceSpan span) {
        return Optional.ofNullable(compilation.loaded().paths().get(span.file()));
    }
}
