package io.tanhe.server.security.identity;

import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.SM2Signer;

import java.security.PublicKey;
import java.security.SecureRandom;

/**
 * SM3withSM2 signatures (DER-encoded, the default user id), with Bouncy Castle's lightweight {@link SM2Signer}:
 * the same signatures as the JCA's {@value #ALGORITHM}, without registering the provider. One initialised signer
 * is reused: initialising (the user id's digest) costs about as much as a signature.
 */
public final class Sm2Signer {
    /** The JCA name of the signature algorithm, for the code that signs through the JCA (certificates, packages). */
    public static final String ALGORITHM = "SM3withSM2";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SM2Signer signer = new SM2Signer();

    Sm2Signer(ECPrivateKeyParameters key) {
        signer.init(true, new ParametersWithRandom(key, RANDOM));
    }

    public synchronized byte[] sign(byte[] data) {
        signer.update(data, 0, data.length);
        try {
            return signer.generateSignature();
        } catch (CryptoException e) {
            throw new IllegalStateException("SM2 signing failed: " + e.getMessage(), e);
        }
    }

    /**
     * Whether {@code sig} is {@code key}'s SM3withSM2 signature of {@code data}; a malformed signature is not.
     *
     * @throws IllegalStateException when {@code key} is not an SM2 public key (EC on sm2p256v1)
     */
    public static boolean verify(PublicKey key, byte[] data, byte[] sig) {
        SM2Signer v = new SM2Signer();
        try {
            v.init(false, Sm2Keys.parameters(key));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("SM2 verification failed: " + e.getMessage(), e);
        }
        v.update(data, 0, data.length);
        return v.verifySignature(sig);
    }
}
