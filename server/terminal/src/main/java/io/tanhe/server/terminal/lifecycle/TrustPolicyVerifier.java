package io.tanhe.server.terminal.lifecycle;

import io.tanhe.server.packages.Check;
import io.tanhe.server.packages.PackageVerifier;
import io.tanhe.server.packages.Problem;
import io.tanhe.server.packages.TestResult;
import io.tanhe.server.packages.TrustPolicy;
import io.tanhe.server.packages.Verdict;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The terminal's verifier: the package format's {@link PackageVerifier} against the security operator's trust
 * policy in the data directory ({@value #FILE}; without it, {@link TrustPolicy#defaults()}: no key is trusted).
 * The policy is read at every check, so a key the security operator adds counts at once. Plain files (not a
 * signed package) are refused.
 */
public final class TrustPolicyVerifier implements CandidateVerifier {
    /** The trust policy's file name in the terminal's data directory. */
    public static final String FILE = "trust.yaml";

    private final Path policyFile;

    public TrustPolicyVerifier(Path dataDir) {
        this.policyFile = dataDir.resolve(FILE);
    }

    @Override
    public Verification verify(Candidate candidate) {
        var pkg = candidate.signedPackage();
        if (pkg.isEmpty()) {
            return Verification.refused("not a signed package: build one with `tanhe package build`, sign it with `tanhe package sign`"
                    + " and push the .tpkg file");
        }
        TrustPolicy policy;
        try {
            policy = Files.isRegularFile(policyFile)
                    ? TrustPolicy.parse(Files.readString(policyFile, StandardCharsets.UTF_8), policyFile.toString())
                    : TrustPolicy.defaults();
        } catch (IOException | RuntimeException e) {
            return Verification.refused("the trust policy " + policyFile + " cannot be read: " + e.getMessage()
                    + "; the security operator fixes it");
        }
        Verdict v = PackageVerifier.verify(pkg.get(), policy);
        String signers = v.signatures().stream().map(s -> s.signature().role() + " " + s.signature().name() + " ["
                + s.signature().fingerprint().substring(0, 16) + "…]" + (s.counts() ? "" : s.valid() ? " (untrusted)" : " (bad)"))
                .collect(Collectors.joining(", "));
        long passed = v.tests().stream().filter(TestResult::passed).count();
        String tests = v.tests().isEmpty() ? "the package holds no in-file tests"
                : passed + " of " + v.tests().size() + " in-file tests passed";
        if (v.accepted()) {
            return Verification.accepted(signers.isEmpty() ? "nobody (the policy requires no signature for this kind)" : signers,
                    "signatures, trust policy and SM3 of every file checked", tests);
        }
        List<Problem> problems = v.problems();
        Set<Check> checks = problems.stream().map(Problem::check).collect(Collectors.toSet());
        PackageState at = Set.of(Check.COMPILE_ERROR).containsAll(checks) ? PackageState.COMPILED
                : Set.of(Check.FAILING_TEST, Check.COMPILE_ERROR).containsAll(checks) ? PackageState.TESTED : PackageState.VERIFIED;
        return new Verification(false, signers, problems.stream().map(p -> p.check() + ": " + p.detail())
                .collect(Collectors.joining("; ")), at, tests);
    }
}
