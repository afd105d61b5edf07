package io.tanhe.lsp;

import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Quick fixes for the compiler's "did you mean" hints: the misspelt name (the first name in backticks
 * in the message) is replaced by the suggestion where it appears inside the diagnostic's range.
 */
final class QuickFixes {
    private static final Pattern SUGGESTION = Pattern.compile("did you mean `([^`]+)`");
    private static final Pattern QUOTED = Pattern.compile("`([^`]+)`");

    private QuickFixes() {
    }

    static List<CodeAction> of(Analysis analysis, Range range) {
        List<CodeAction> actions = new ArrayList<>();
        for (Diagnostic d : Diagnostics.of(analysis)) {
            if (Ranges.overlaps(range, d.getRange())) {
                fix(analysis, d).ifPresent(actions::add);
            }
        }
        return actions;
    }

    private static Optional<CodeAction> fix(Analysis analysis, Diagnostic d) {
        String message = d.getMessage().isLeft() ? d.getMessage().getLeft() : d.getMessage().getRight().getValue();
        Matcher suggestion = SUGGESTION.matcher(message);
        Matcher wrong = QUOTED.matcher(message);
        if (!suggestion.find() || !wrong.find() || d.getRange().getStart().getLine() != d.getRange().getEnd().getLine()) {
            return Optional.empty();
        }
        String line = analysis.text().lines().skip(d.getRange().getStart().getLine()).findFirst().orElse("");
        int from = d.getRange().getStart().getCharacter();
        int to = Math.min(line.length(), d.getRange().getEnd().getCharacter());
        int at = from <= to ? line.substring(from, to).indexOf(wrong.group(1)) : -1;
        if (at < 0) {
            return Optional.empty();
        }
        int start = from + at;
        Range target = new Range(new org.eclipse.lsp4j.Position(d.getRange().getStart().getLine(), start),
                new org.eclipse.lsp4j.Position(d.getRange().getStart().getLine(), start + wrong.group(1).length()));
        CodeAction action = new CodeAction("Change `" + wrong.group(1) + "` to `" + suggestion.group(1) + "`");
        action.setKind(CodeActionKind.QuickFix);
        action.setDiagnostics(List.of(d));
        action.setIsPreferred(true);
        action.setEdit(new WorkspaceEdit(Map.of(analysis.uri(), List.of(new TextEdit(target, suggestion.group(1))))));
        return Optional.of(action);
    }
}
