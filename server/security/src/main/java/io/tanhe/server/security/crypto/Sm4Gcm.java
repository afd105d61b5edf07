package io.tanhe.server.security.crypto;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * SM4 in GCM mode under one 128-bit key, with Bouncy Castle's lightweight classes (no JCA provider). Each
 * encryption takes a fresh random 12-byte IV (a GCM key and IV pair must never repeat) and returns
 * IV ‖ ciphertext ‖ 16-byte tag, as the JCA's {@code SM4/GCM/NoPadding} does. The associated data binds a
 * ciphertext to where it belongs, so it cannot be moved.
 */
public final class Sm4Gcm {
    /** Key length in bytes. */
    public static final int KEY_BYTES = 16;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyParameter key;

    public Sm4Gcm(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("an SM4 key has " + KEY_BYTES + " bytes, not " + key.length);
        }
        this.key = new KeyParameter(key);
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
        GCMModeCipher c = cipher(true, iv, associated);
        byte[] out = Arrays.copyOf(iv, IV_BYTES + c.getOutputSize(plain.length));
        try {
            int n = c.processBytes(plain, 0, plain.length, out, IV_BYTES);
            c.doFinal(out, IV_BYTES + n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("SM4-GCM encryption failed: " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * @throws CryptoException when the data was changed, belongs elsewhere or was sealed under another key
     */
    public byte[] decrypt(byte[] sealed, byte[] associated) {
        if (sealed.length < IV_BYTES + TAG_BITS / 8) {
            throw new CryptoException("SM4-GCM data of " + sealed.length + " bytes is too short to be sealed data");
        }
        GCMModeCipher c = cipher(false, Arrays.copyOf(sealed, IV_BYTES), associated);
        byte[] plain = new byte[c.getOutputSize(sealed.length - IV_BYTES)];
        try {
            int n = c.processBytes(sealed, IV_BYTES, sealed.length - IV_BYTES, plain, 0);
            c.doFinal(plain, n);
        } catch (InvalidCipherTextException e) {
            throw new CryptoException("SM4-GCM authentication failed: the data was changed, moved, or sealed under another key", e);
        }
        return plain;
    }

    private GCMModeCipher cipher(boolean encrypt, byte[] iv, byte[] associated) {
        GCMModeCipher c = GCMBlockCipher.newInstance(new SM4Engine());
        c.init(encrypt, new AEADParameters(key, TAG_BITS, iv, associated));
        return c;
    }
}
