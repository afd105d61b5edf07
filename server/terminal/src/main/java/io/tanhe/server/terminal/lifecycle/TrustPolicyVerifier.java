package io.tanhe.server.terminal.lifecycle;

import io.tanhe.server.packages.Check;
import io.tanhe.server.packages.PackageVerifier;
import io.tanhe.server.packages.Problem;
import io.tanhe.server.packages.TestResult;
import io.tanhe.server.packages.TrustPolicy;
import io.tanhe.server.packages.TrustStore;
import io.tanhe.server.packages.Verdict;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The terminal's verifier: the package format's {@link PackageVerifier} against the security operator's trust
 * policy ({@link TrustStore}: {@code trust/policy.yaml} in the data directory, signed by the device, written by
 * {@code tanhe trust}; without it, {@link TrustPolicy#defaults()}: no key is trusted). The policy is read at every
 * check, so a key the security operator adds counts at once. Plain files (not a signed package) are refused.
 */
public final class TrustPolicyVerifier implements CandidateVerifier {
    private final TrustStore trust;

    public TrustPolicyVerifier(TrustStore trust) {
        this.trust = trust;
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
            policy = trust.load();
        } catch (RuntimeException e) {
            return Verification.refused(e.getMessage());
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
