package io.tanhe.server.terminal.lifecycle;

/**
 * Checks a candidate's signatures, integrity, contents and in-file tests against the terminal's trust policy
 * ({@link TrustPolicyVerifier} in a terminal; tests plug in their own). The lifecycle calls it first; a
 * refusal leaves the terminal unchanged.
 */
@FunctionalInterface
public interface CandidateVerifier {

    /** The verdict on {@code candidate}. */
    Verification verify(Candidate candidate);

    /**
     * The verdict on a package.
     *
     * @param accepted  true when every check passed
     * @param signers   who signed it (author, countersigners), as shown in the activation log
     * @param reason    why it was refused, or what was checked
     * @param refusedAt the lifecycle step a refusal belongs to: verified (signatures, integrity), compiled, tested
     * @param tests     the in-file tests run, e.g. {@code 12 in-file tests passed}
     */
    record Verification(boolean accepted, String signers, String reason, PackageState refusedAt, String tests) {
        public static Verification refused(String reason) {
            return new Verification(false, "", reason, PackageState.VERIFIED, "");
        }

        public static Verification accepted(String signers, String reason, String tests) {
            return new Verification(true, signers, reason, PackageState.VERIFIED, tests);
        }
    }
}
