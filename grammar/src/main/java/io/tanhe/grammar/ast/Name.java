package io.tanhe.grammar.ast;

/** An identifier as written, with its position. */
public record Name(String text, SourceSpan span) {
    @Override
    public String toString() {
        return text;
    }
}
