package io.tanhe.server.packages.release;

import io.tanhe.server.packages.Problem;

import java.util.List;

/** An upgrade or component refused before anything changed: every reason, for the caller to show. */
public final class UpgradeRefused extends Exception {
    private final List<Problem> problems;

    public UpgradeRefused(String message, List<Problem> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    /** The failing checks (empty when the refusal is not about the package, e.g. an upgrade already under way). */
    public List<Problem> problems() {
        return problems;
    }
}
