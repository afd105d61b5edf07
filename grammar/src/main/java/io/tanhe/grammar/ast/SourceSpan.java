package io.tanhe.grammar.ast;

/**
 * Where a piece of source text sits: file, 1-based line and column of its first character, and
 * of its last character (inclusive).
 */
public record SourceSpan(String file, int line, int column, int endLine, int endColumn) {

    /** A span for things that have no source text (built-in definitions, generated code). */
    public static SourceSpan none(String file) {
        return new SourceSpan(file, 0, 0, 0, 0);
    }

    /** The span from the start of this one to the end of {@code other}. */
    public SourceSpan to(SourceSpan other) {
        return new SourceSpan(file, line, column, other.endLine, other.endColumn);
    }

    /** {@code file:line:col}, the prefix of every diagnostic. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
