package io.tanhe.server.packages;

import java.util.Optional;

/**
 * What verification found about one signature.
 *
 * @param signature the signature
 * @param valid     whether it is its key's signature of this manifest
 * @param trustedAs the trust policy's entry for the key when it may sign this kind in this role; empty when the
 *                  key is not trusted for that, or no policy was given
 */
public record SignatureCheck(PackageSignature signature, boolean valid, Optional<TrustedKey> trustedAs) {
    /** Valid and trusted: it counts towards the policy. */
    public boolean counts() {
        return valid && trustedAs.isPresent();
    }
}
