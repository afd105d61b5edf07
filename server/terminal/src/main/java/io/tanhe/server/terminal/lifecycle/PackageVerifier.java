package io.tanhe.server.terminal.lifecycle;

/**
 * Checks a candidate's signatures against the terminal's trust policy: the seam where the signed package
 * format of issue 15 (branch {@code pkg}: package format, SM2 signing, trust policy) plugs in. The
 * lifecycle calls it first; a refusal leaves the terminal unchanged.
 */
@FunctionalInterface
public interface PackageVerifier {

    /** The verdict on {@code candidate}. */
    Verification verify(Candidate candidate);

    /**
     * The verdict on a package.
     *
     * @param accepted true when every check passed
     * @param signers  who signed it (author, countersigners), as shown in the activation log
     * @param reason   why it was refused, or what was checked
     */
    record Verification(boolean accepted, String signers, String reason) {
        public static Verification refused(String reason) {
            return new Verification(false, "", reason);
        }
    }

    /**
     * The verifier a terminal has until the signed package format is installed: refuses every package,
     * so that nothing unsigned is ever applied.
     */
    PackageVerifier NONE_INSTALLED = c -> Verification.refused("this terminal has no package verifier installed yet, so it"
            + " applies no package; unsigned packages are never applied (see docs/packages.md)");
}
