package io.tanhe.lsp;

import io.tanhe.grammar.ast.SourceSpan;
import org.antlr.v4.runtime.Token;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/** Converts the compiler's 1-based, end-inclusive spans and ANTLR tokens to the protocol's 0-based ranges. */
final class Ranges {
    private Ranges() {
    }

    static Range of(SourceSpan span) {
        if (span.line() <= 0) { // no position: the start of the file
            return new Range(new Position(0, 0), new Position(0, 0));
        }
        int endLine = Math.max(span.endLine(), span.line());
        int endColumn = span.endLine() <= 0 ? span.column() : span.endColumn();
        return new Range(new Position(span.line() - 1, Math.max(0, span.column() - 1)),
                new Position(endLine - 1, Math.max(0, endColumn)));
    }

    static Range of(Token token) {
        int line = token.getLine() - 1;
        int start = token.getCharPositionInLine();
        return new Range(new Position(line, start), new Position(line, start + token.getText().length()));
    }

    /** Whether {@code inner} starts inside {@code outer} (or they touch). */
    static boolean overlaps(Range outer, Range inner) {
        return compare(inner.getStart(), outer.getEnd()) <= 0 && compare(inner.getEnd(), outer.getStart()) >= 0;
    }

    private static int compare(Position a, Position b) {
        return a.getLine() != b.getLine() ? Integer.compare(a.getLine(), b.getLine())
                : Integer.compare(a.getCharacter(), b.getCharacter());
    }
}
