package io.tanhe.server.security.crypto;

import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.util.encoders.Hex;

import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.security.Security;

/**
 * The national algorithms through Bouncy Castle. Every SM2/SM3/SM4 use names {@link #PROVIDER}: the
 * JDK's own providers do not know {@code sm2p256v1} or SM4.
 */
public final class Sm {
    /** The provider name every SM algorithm lookup names. */
    public static final String PROVIDER = BouncyCastleProvider.PROVIDER_NAME;

    static {
        if (Security.getProvider(PROVIDER) == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
    }

    private Sm() {
    }

    /** The Bouncy Castle provider, registered once. */
    public static Provider provider() {
        return Security.getProvider(PROVIDER);
    }

    /** SM3 over the parts in order. */
    public static byte[] sm3(byte[]... parts) {
        SM3Digest d = new SM3Digest();
        for (byte[] p : parts) {
            d.update(p, 0, p.length);
        }
        byte[] out = new byte[d.getDigestSize()];
        d.doFinal(out, 0);
        return out;
    }

    /** SM3 of the UTF-8 bytes of {@code text}, as lower-case hex. */
    public static String sm3Hex(String text) {
        return hex(sm3(text.getBytes(StandardCharsets.UTF_8)));
    }

    public static String hex(byte[] bytes) {
        return Hex.toHexString(bytes);
    }

    /** @throws IllegalArgumentException when {@code hex} is not hexadecimal */
    public static byte[] unhex(String hex) {
        try {
            return Hex.decodeStrict(hex);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not hexadecimal: " + (hex.length() > 20 ? hex.substring(0, 20) + "…" : hex), e);
        }
    }
}
