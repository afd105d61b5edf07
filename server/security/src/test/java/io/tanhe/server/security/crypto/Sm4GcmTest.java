package io.tanhe.server.security.crypto;

import org.junit.jupiter.api.Test;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** SM4-GCM on the lightweight classes reads and writes exactly what the JCA's SM4/GCM/NoPadding did. */
class Sm4GcmTest {
    private static final byte[] PLAIN = "mqtt password: s3cret".getBytes(StandardCharsets.UTF_8);
    private static final byte[] PLACE = "site.yaml#3".getBytes(StandardCharsets.UTF_8);

    @Test
    void dataSealedThroughTheProviderIsOpenedAndTheOtherWayRound() throws Exception {
        byte[] key = Sm4Gcm.newKey();
        byte[] iv = new byte[12];
        Arrays.fill(iv, (byte) 7);
        Cipher jca = Cipher.getInstance("SM4/GCM/NoPadding", Sm.provider());
        jca.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "SM4"), new GCMParameterSpec(128, iv));
        jca.updateAAD(PLACE);
        byte[] sealed = jca.doFinal(PLAIN);
        byte[] stored = Arrays.copyOf(iv, 12 + sealed.length);
        System.arraycopy(sealed, 0, stored, 12, sealed.length);
        assertArrayEquals(PLAIN, new Sm4Gcm(key).decrypt(stored, PLACE));

        byte[] ours = new Sm4Gcm(key).encrypt(PLAIN, PLACE);
        assertEquals(12 + PLAIN.length + 16, ours.length, "IV, ciphertext, 16-byte tag");
        Cipher open = Cipher.getInstance("SM4/GCM/NoPadding", Sm.provider());
        open.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "SM4"), new GCMParameterSpec(128, ours, 0, 12));
        open.updateAAD(PLACE);
        assertArrayEquals(PLAIN, open.doFinal(ours, 12, ours.length - 12));
    }

    @Test
    void changedMovedOrForeignDataIsRefused() {
        Sm4Gcm gcm = new Sm4Gcm(Sm4Gcm.newKey());
        byte[] sealed = gcm.encrypt(PLAIN, PLACE);
        byte[] changed = sealed.clone();
        changed[20] ^= 1;
        assertThrows(CryptoException.class, () -> gcm.decrypt(changed, PLACE));
        assertThrows(CryptoException.class, () -> gcm.decrypt(sealed, "site.yaml#4".getBytes(StandardCharsets.UTF_8)));
        assertThrows(CryptoException.class, () -> new Sm4Gcm(Sm4Gcm.newKey()).decrypt(sealed, PLACE));
        assertThrows(CryptoException.class, () -> gcm.decrypt(Arrays.copyOf(sealed, 27), PLACE));
    }
}
