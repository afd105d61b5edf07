package io.tanhe.server.security.crypto;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * SM4 in GCM mode under one 128-bit key. Each encryption takes a fresh random 12-byte IV (a GCM key
 * and IV pair must never repeat; Bouncy Castle refuses a reused pair) and returns IV ‖ ciphertext ‖
 * 16-byte tag. The associated data binds a ciphertext to where it belongs, so it cannot be moved.
 */
public final class Sm4Gcm {
    /** Key length in bytes. */
    public static final int KEY_BYTES = 16;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    public Sm4Gcm(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("an SM4 key has " + KEY_BYTES + " bytes, not " + key.length);
        }
        this.key = new SecretKeySpec(key, "SM4");
    }

    /** A new random key. */
    public static byte[] newKey() {
        byte[] k = new byte[KEY_BYTES];
        RANDOM.nextBytes(k);
        return k;
    }

    public byte[] encrypt(byte[] plain, byte[] associated) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher c = Cipher.getInstance("SM4/GCM/NoPadding", Sm.provider());
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            c.updateAAD(associated);
            byte[] sealed = c.doFinal(plain);
            byte[] out = Arrays.copyOf(iv, IV_BYTES + sealed.length);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SM4-GCM encryption failed: " + e.getMessage(), e);
        }
    }

    /**
     * @throws CryptoException when the data was changed, belongs elsewhere or was sealed under another key
     */
    public byte[] decrypt(byte[] sealed, byte[] associated) {
        if (sealed.length < IV_BYTES + TAG_BITS / 8) {
            throw new CryptoException("SM4-GCM data of " + sealed.length + " bytes is too short to be sealed data");
        }
        try {
            Cipher c = Cipher.getInstance("SM4/GCM/NoPadding", Sm.provider());
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, IV_BYTES));
            c.updateAAD(associated);
            return c.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new CryptoException("SM4-GCM authentication failed: the data was changed, moved, or sealed under another key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SM4-GCM decryption failed: " + e.getMessage(), e);
        }
    }
}
