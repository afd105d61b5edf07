package io.tanhe.server.packages;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of verifying a package: every check that failed, with its reason, and what was found on the way
 * (signatures, tests). A package is accepted only when {@link #problems()} is empty.
 *
 * @param pkg         the package verified
 * @param signatures  each signature and what was found about it, in the package's order
 * @param tests       the in-file tests as they ran now
 * @param problems    every failing check; empty when the package is accepted
 * @param policy      the trust policy it was checked against, if any (without one, trust is not judged)
 */
public record Verdict(ConfigPackage pkg, List<SignatureCheck> signatures, List<TestResult> tests, List<Problem> problems,
                      Optional<TrustPolicy> policy) {
    public Verdict {
        signatures = List.copyOf(signatures);
        tests = List.copyOf(tests);
        problems = List.copyOf(problems);
    }

    /** True when every check passed. */
    public boolean accepted() {
        return problems.isEmpty();
    }

    /** Whether some problem is of {@code check}. */
    public boolean has(Check check) {
        return problems.stream().anyMatch(p -> p.check() == check);
    }

    /** One line: accepted, or refused with every reason. */
    public String summary() {
        return accepted() ? "accepted" : "refused: " + String.join("; ", problems.stream().map(Problem::toString).toList());
    }
}
