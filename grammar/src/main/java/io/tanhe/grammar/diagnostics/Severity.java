package io.tanhe.grammar.diagnostics;

public enum Severity {
    ERROR, WARNING;

    public String word() {
        return this == ERROR ? "error" : "warning";
    }
}
