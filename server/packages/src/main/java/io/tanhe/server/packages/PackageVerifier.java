package io.tanhe.server.packages;

import io.tanhe.server.security.crypto.Sm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Verifies a package and returns a {@link Verdict} naming every check that failed: that each file matches the
 * manifest, that each signature is its key's, that the keys are trusted for their role and the package's kind,
 * that the roles the policy requires have signed, and that the contents compile and their in-file tests pass.
 * It never stops at the first problem, so one run shows everything a person must fix. Verification changes
 * nothing: the terminal applies a package only after an accepted verdict.
 */
public final class PackageVerifier {
    private PackageVerifier() {
    }

    /** Verifies {@code pkg} against {@code policy}. */
    public static Verdict verify(ConfigPackage pkg, TrustPolicy policy) {
        return verify(pkg, Optional.of(policy));
    }

    /**
     * Verifies {@code pkg}; without a policy, signatures are checked for validity only and no role is required
     * (what an author or verifier checks on their own machine).
     */
    public static Verdict verify(ConfigPackage pkg, Optional<TrustPolicy> policy) {
        List<Problem> problems = new ArrayList<>(integrity(pkg));
        List<SignatureCheck> checks = new ArrayList<>();
        problems.addAll(signatures(pkg.manifest().kind(), pkg.manifestBytes(), pkg.signatures(), policy, checks));
        ContentCheck.Result content = ContentCheck.run(pkg.files());
        problems.addAll(content.problems());
        return new Verdict(pkg, checks, content.tests(), problems, policy);
    }

    /**
     * The signature checks of a package of {@code kind} whose manifest is {@code manifest}: each signature's validity
     * and trust (added to {@code checks}), and the roles {@code policy} requires. Returns the problems found.
     */
    static List<Problem> signatures(PackageKind kind, byte[] manifest, List<PackageSignature> signatures,
                                    Optional<TrustPolicy> policy, List<SignatureCheck> checks) {
        List<Problem> problems = new ArrayList<>();
        for (PackageSignature s : signatures) {
            boolean valid = s.validFor(manifest);
            Optional<TrustedKey> trusted = policy.flatMap(p -> p.key(s.publicKey())).filter(k -> k.may(s.role(), kind));
            checks.add(new SignatureCheck(s, valid, trusted));
            if (!valid) {
                problems.add(new Problem(Check.BAD_SIGNATURE, "the " + s.role() + " signature of " + s.name() + " ["
                        + PublicKeys.shortFingerprint(s.publicKey()) + "] does not match this manifest"
                        + " (the manifest or the signature was changed after signing; sign again)"));
            } else if (policy.isPresent() && trusted.isEmpty()) {
                problems.add(new Problem(Check.UNTRUSTED_KEY, s.name() + " [" + s.fingerprint() + "] is not trusted to "
                        + (s.role() == SignerRole.AUTHOR ? "author" : "countersign") + " " + kind + " packages"
                        + policy.get().key(s.publicKey()).map(k -> " (the policy lists the key as " + k.name()
                        + " for other kinds or roles)").orElse(" (the policy does not list the key)")
                        + "; the security operator adds it with `tanhe trust add-key`"));
            }
        }
        if (policy.isPresent()) {
            Set<SignerRole> required = policy.get().required(kind);
            if (required.contains(SignerRole.AUTHOR) && checks.stream().noneMatch(c -> c.counts() && c.signature().role() == SignerRole.AUTHOR)) {
                problems.add(new Problem(Check.MISSING_SIGNATURE, article(kind) + kind + " package needs a valid signature by a trusted author;"
                        + " sign it with `tanhe " + (kind.isRelease() ? "upgrade" : "package") + " sign`"));
            }
            if (required.contains(SignerRole.VERIFIER) && checks.stream().noneMatch(c -> c.counts() && c.signature().role() == SignerRole.VERIFIER)) {
                problems.add(new Problem(Check.MISSING_COUNTERSIGNATURE, article(kind) + kind + " package needs a valid countersignature by a"
                        + " trusted verification body; countersign it with `tanhe " + (kind.isRelease() ? "upgrade sign --role verifier" : "package countersign") + "`"));
            }
        }
        return problems;
    }

    private static String article(PackageKind kind) {
        return kind == PackageKind.APPLICATION ? "an " : "a ";
    }

    /** Every file whose bytes differ from the manifest's SM3, every listed file missing, every file not listed. */
    public static List<Problem> integrity(ConfigPackage pkg) {
        List<Problem> problems = new ArrayList<>();
        Map<String, byte[]> files = pkg.files();
        Set<String> listed = new TreeSet<>();
        for (PackageFile f : pkg.manifest().files()) {
            listed.add(f.path());
            byte[] bytes = files.get(f.path());
            if (bytes == null) {
                problems.add(new Problem(Check.FILE_CHANGED, f.path() + " is listed in the manifest but missing from the package"));
            } else if (!Sm.hex(Sm.sm3(bytes)).equals(f.sm3())) {
                problems.add(new Problem(Check.FILE_CHANGED, f.path() + " was changed after the manifest was made (SM3 "
                        + Sm.hex(Sm.sm3(bytes)).substring(0, 16) + "…, the manifest says " + f.sm3().substring(0, Math.min(16, f.sm3().length()))
                        + "…); build and sign the package again"));
            }
        }
        for (String path : files.keySet()) {
            if (!listed.contains(path)) {
                problems.add(new Problem(Check.FILE_CHANGED, path + " was added to the package after the manifest was made"));
            }
        }
        return problems;
    }
}
