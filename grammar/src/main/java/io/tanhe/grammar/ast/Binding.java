package io.tanhe.grammar.ast;

/** {@code f in fuel}: an index variable ranging over a set. */
public record Binding(Name variable, Name set, SourceSpan span) {
}
