package io.tanhe.grammar.diagnostics;

import io.tanhe.grammar.ast.SourceSpan;

/**
 * One problem found in a source file: what, where, and a hint on what to do.
 *
 * @param hint may be empty
 */
public record Diagnostic(ErrorCode code, String message, SourceSpan span, String hint) {

    public Diagnostic {
        hint = hint == null ? "" : hint;
    }

    public Severity severity() {
        return code.severity();
    }

    public boolean isError() {
        return severity() == Severity.ERROR;
    }

    /** {@code path:line:col: error[E300]: message}, the first line of the printed form. */
    public String headline() {
        return span + ": " + severity().word() + "[" + code + "]: " + message;
    }
}
