package io.tanhe.server.packages;

import io.tanhe.server.security.crypto.Sm;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** SM2 public keys as packages and trust policies write them: Base64 of the X.509 (DER) encoding, named by SM3. */
public final class PublicKeys {
    private PublicKeys() {
    }

    /** Base64 of the key's X.509 encoding. */
    public static String encode(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /**
     * The key Base64 {@code text} encodes.
     *
     * @throws IllegalArgumentException when it is not Base64 of an EC (SM2) public key
     */
    public static PublicKey decode(String text) {
        byte[] der;
        try {
            der = Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a Base64 public key: " + e.getMessage(), e);
        }
        try {
            return KeyFactory.getInstance("EC", Sm.provider()).generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("not an SM2 public key: " + e.getMessage(), e);
        }
    }

    /** SM3 of the key's X.509 encoding, hex: the key's name in reports (as the device identity's fingerprint). */
    public static String fingerprint(PublicKey key) {
        return Sm.hex(Sm.sm3(key.getEncoded()));
    }

    /** The first 16 hex digits of the fingerprint, enough to tell keys apart on a screen. */
    public static String shortFingerprint(PublicKey key) {
        return fingerprint(key).substring(0, 16);
    }
}
