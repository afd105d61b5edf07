package io.tanhe.server.security.identity;

import io.tanhe.server.security.crypto.Sm;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;

/**
 * SM3withSM2 signatures (DER-encoded, the default user id). One initialised {@link Signature} is reused:
 * initialising costs about four times a signature.
 */
public final class Sm2Signer {
    /** The JCA name of the signature algorithm. */
    public static final String ALGORITHM = "SM3withSM2";

    private final Signature signature;

    Sm2Signer(PrivateKey key) {
        try {
            signature = Signature.getInstance(ALGORITHM, Sm.provider());
            signature.initSign(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make an SM2 signer: " + e.getMessage(), e);
        }
    }

    public synchronized byte[] sign(byte[] data) {
        try {
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SM2 signing failed: " + e.getMessage(), e);
        }
    }

    /** Whether {@code sig} is {@code key}'s SM3withSM2 signature of {@code data}; a malformed signature is not. */
    public static boolean verify(PublicKey key, byte[] data, byte[] sig) {
        try {
            Signature v = Signature.getInstance(ALGORITHM, Sm.provider());
            v.initVerify(key);
            v.update(data);
            return v.verify(sig);
        } catch (java.security.SignatureException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SM2 verification failed: " + e.getMessage(), e);
        }
    }
}
