package io.tanhe.server.packages;

import java.util.List;

/**
 * The outcome of verifying a {@link ReleasePackage}: every check that failed, with its reason, and each signature
 * with what was found about it. A release is installed only when {@link #problems()} is empty.
 *
 * @param manifest    the release's manifest (kind, id, version, files)
 * @param manifestSm3 the SM3 of the manifest's bytes, hex
 * @param signatures  each signature and what was found about it
 * @param problems    every failing check; empty when the release is accepted
 */
public record ReleaseVerdict(Manifest manifest, String manifestSm3, List<SignatureCheck> signatures, List<Problem> problems) {
    public ReleaseVerdict {
        signatures = List.copyOf(signatures);
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
