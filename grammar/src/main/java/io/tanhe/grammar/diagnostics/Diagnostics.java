package io.tanhe.grammar.diagnostics;

import io.tanhe.grammar.ast.SourceSpan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects the diagnostics of a stage; stages report everything they find instead of stopping at the first. */
public final class Diagnostics {
    private final List<Diagnostic> items = new ArrayList<>();

    public void report(ErrorCode code, SourceSpan span, String message, String hint) {
        items.add(new Diagnostic(code, message, span, hint));
    }

    public void report(ErrorCode code, SourceSpan span, String message) {
        report(code, span, message, "");
    }

    public void addAll(List<Diagnostic> others) {
        items.addAll(others);
    }

    public boolean hasErrors() {
        return items.stream().anyMatch(Diagnostic::isError);
    }

    /** All diagnostics, ordered by file, line and column. */
    public List<Diagnostic> sorted() {
        return items.stream().sorted(ORDER).toList();
    }

    public static final Comparator<Diagnostic> ORDER = Comparator
            .comparing((Diagnostic d) -> d.span().file())
            .thenComparingInt(d -> d.span().line())
            .thenComparingInt(d -> d.span().column())
            .thenComparing(d -> d.code().name());
}
