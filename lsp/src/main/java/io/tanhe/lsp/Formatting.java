package io.tanhe.lsp;

import io.tanhe.grammar.format.CanonicalPrinter;
import io.tanhe.grammar.parse.MethodologyParser;
import io.tanhe.grammar.parse.ParseResult;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;

import java.util.List;

/** Formatting is {@code tanhe fmt}: the canonical printer; a document with syntax errors is left as it is. */
final class Formatting {
    private Formatting() {
    }

    static List<TextEdit> of(Analysis analysis) {
        ParseResult parsed = MethodologyParser.parse(analysis.displayPath(), analysis.text());
        if (parsed.hasErrors()) {
            return List.of();
        }
        String canonical = CanonicalPrinter.print(parsed.file());
        if (canonical.equals(analysis.text())) {
            return List.of();
        }
        return List.of(new TextEdit(wholeDocument(analysis.text()), canonical));
    }

    private static Range wholeDocument(String text) {
        int lines = 0;
        int lastLineStart = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines++;
                lastLineStart = i + 1;
            }
        }
        return new Range(new Position(0, 0), new Position(lines, text.length() - lastLineStart));
    }
}
