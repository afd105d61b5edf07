package io.tanhe.lsp;

import io.tanhe.grammar.ast.Decl;
import io.tanhe.grammar.ast.SourceSpan;
import io.tanhe.grammar.diagnostics.Diagnostic;
import io.tanhe.grammar.diagnostics.Severity;
import org.eclipse.lsp4j.DiagnosticSeverity;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The compiler's diagnostics as the protocol's: the same codes, positions and messages as
 * {@code tanhe check}, with the hint on a second line. A problem in an imported file is shown on the
 * import that brought it in.
 */
final class Diagnostics {
    static final String SOURCE = "tanhe";

    private Diagnostics() {
    }

    static List<org.eclipse.lsp4j.Diagnostic> of(Analysis analysis) {
        List<org.eclipse.lsp4j.Diagnostic> list = new ArrayList<>();
        for (Diagnostic d : analysis.compilation().diagnostics()) {
            SourceSpan at = analysis.isHere(d.span()) ? d.span() : importOf(analysis, d.span());
            String message = analysis.isHere(d.span()) ? d.message() : d.span() + ": " + d.message();
            org.eclipse.lsp4j.Diagnostic lsp = new org.eclipse.lsp4j.Diagnostic(Ranges.of(at),
                    d.hint().isEmpty() ? message : message + "\nhint: " + d.hint(),
                    d.severity() == Severity.ERROR ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, SOURCE,
                    d.code().name());
            lsp.setData(d.hint());
            list.add(lsp);
        }
        return list;
    }

    /** The import statement of this document that leads to the file {@code span} lies in; the file start otherwise. */
    private static SourceSpan importOf(Analysis analysis, SourceSpan span) {
        String file = Path.of(span.file()).getFileName() == null ? span.file() : Path.of(span.file()).getFileName().toString();
        for (Decl d : analysis.compilation().loaded().main().decls()) {
            if (d instanceof Decl.Import i && i.path().endsWith(file)) {
                return i.span();
            }
        }
        return SourceSpan.none(analysis.displayPath());
    }
}
