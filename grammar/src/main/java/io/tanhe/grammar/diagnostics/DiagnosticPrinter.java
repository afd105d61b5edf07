package io.tanhe.grammar.diagnostics;

import java.util.List;
import java.util.function.Function;

/**
 * Renders diagnostics for a terminal: the headline, the offending source line with a caret under
 * the column, and the hint.
 */
public final class DiagnosticPrinter {
    private final Function<String, List<String>> sourceLines;

    /** @param sourceLines gives the lines of a file by path (empty if unknown) */
    public DiagnosticPrinter(Function<String, List<String>> sourceLines) {
        this.sourceLines = sourceLines;
    }

    public String render(Diagnostic d) {
        StringBuilder out = new StringBuilder(d.headline()).append('\n');
        List<String> lines = sourceLines.apply(d.span().file());
        int line = d.span().line();
        if (line >= 1 && line <= lines.size()) {
            String text = lines.get(line - 1);
            out.append("    ").append(text).append('\n');
            out.append("    ").append(caretLine(text, d.span().column(), d.span().line() == d.span().endLine()
                    ? d.span().endColumn() : text.length())).append('\n');
        }
        if (!d.hint().isEmpty()) {
            out.append("  = hint: ").append(d.hint()).append('\n');
        }
        return out.toString();
    }

    private static String caretLine(String text, int column, int endColumn) {
        StringBuilder s = new StringBuilder();
        for (int i = 1; i < column && i <= text.length(); i++) {
            s.append(text.charAt(i - 1) == '\t' ? '\t' : ' ');
        }
        int width = Math.max(1, Math.min(endColumn, text.length()) - column + 1);
        return s.append("^".repeat(width)).toString();
    }
}
