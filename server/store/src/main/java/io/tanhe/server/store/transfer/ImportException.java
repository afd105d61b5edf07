package io.tanhe.server.store.transfer;

import java.util.List;

/**
 * An import file has bad rows: nothing of it was stored. {@link #problems()} lists them as
 * {@code file:line: field ...}, the first 20 of them.
 */
public final class ImportException extends RuntimeException {
    private final List<String> problems;

    public ImportException(String file, List<String> problems, int total) {
        super(file + ": " + total + " bad row" + (total == 1 ? "" : "s") + ", nothing imported:\n  "
                + String.join("\n  ", problems) + (total > problems.size() ? "\n  …" : ""));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
