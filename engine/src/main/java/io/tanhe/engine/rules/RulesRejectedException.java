package io.tanhe.engine.rules;

import io.tanhe.engine.rules.diagnostic.RuleProblem;

import java.util.List;
import java.util.stream.Collectors;

/** A ruleset did not compile; {@link #problems()} says where (DRL file and line) and why. */
public final class RulesRejectedException extends Exception {
    private final transient List<RuleProblem> problems;

    public RulesRejectedException(String version, List<RuleProblem> problems) {
        super("ruleset " + version + " does not compile:\n"
                + problems.stream().map(RuleProblem::headline).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<RuleProblem> problems() {
        return problems;
    }
}
