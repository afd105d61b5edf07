package io.tanhe.server.security.identity;

import java.io.Serial;
import java.security.PublicKey;
import java.util.Arrays;

/**
 * An EC public key as its X.509 encoding only. Everything here that uses a public key (SM2 verification,
 * fingerprints, comparisons, certificate requests) reads {@link #getEncoded()}; this spares the terminal the JCA
 * provider that a provider key object needs. Equal when the encodings are.
 */
final class EncodedPublicKey implements PublicKey {
    @Serial
    private static final long serialVersionUID = 1L;

    private final byte[] encoded;

    EncodedPublicKey(byte[] encoded) {
        this.encoded = encoded.clone();
    }

    @Override
    public String getAlgorithm() {
        return "EC";
    }

    @Override
    public String getFormat() {
        return "X.509";
    }

    @Override
    public byte[] getEncoded() {
        return encoded.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EncodedPublicKey k && Arrays.equals(encoded, k.encoded);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encoded);
    }

    @Override
    public String toString() {
        return "EC public key (X.509, " + encoded.length + " bytes)";
    }
}
