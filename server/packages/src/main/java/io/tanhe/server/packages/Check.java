package io.tanhe.server.packages;

/** The kinds of check a verification makes; each failing one is a {@link Problem} of that kind. */
public enum Check {
    /** A signature that is not its key's signature of this manifest. */
    BAD_SIGNATURE("bad signature"),
    /** A signature by a key the trust policy does not list for its role and the package's kind. */
    UNTRUSTED_KEY("untrusted key"),
    /** No valid, trusted author signature where the policy requires one. */
    MISSING_SIGNATURE("missing author signature"),
    /** No valid, trusted verifier signature where the policy requires one. */
    MISSING_COUNTERSIGNATURE("missing countersignature"),
    /** A file whose bytes do not match the manifest's SM3, or listed and absent, or present and not listed. */
    FILE_CHANGED("file changed after signing"),
    /** A methodology, factor table or thresholds file that does not compile or load. */
    COMPILE_ERROR("compile error"),
    /** An in-file test that fails now. */
    FAILING_TEST("failing in-file test"),
    /** The package is of another kind than the place it was given to takes (e.g. a methodology given as an upgrade). */
    WRONG_KIND("wrong kind");

    private final String label;

    Check(String label) {
        this.label = label;
    }

    /** How a verdict names the check, e.g. {@code missing countersignature}. */
    public String label() {
        return label;
    }
}
