package io.tanhe.server.security.crypto;

import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.util.encoders.Hex;

import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.security.Security;

/**
 * The national algorithms through Bouncy Castle. SM3 here and SM2 signatures and SM4-GCM elsewhere use Bouncy
 * Castle's lightweight classes directly; only what goes through the JCA (X.509 certificates, certificate
 * requests, PEM keys for other tools, package signing keys) asks for {@link #provider()}, which registers the
 * provider on first use. Registering it costs about 2.4 MB of heap and 500 classes, which a running terminal
 * does not need.
 */
public final class Sm {
    private Sm() {
    }

    /**
     * The Bouncy Castle provider, registered with {@link Security} on the first call (thread-safe, once).
     * Pass the returned object to {@code getInstance(…, provider)} and {@code setProvider(provider)}: naming
     * it as {@code "BC"} instead works only after something has called this.
     */
    public static Provider provider() {
        return Registered.PROVIDER;
    }

    /** Holds the provider; the JVM runs its initialiser once, on the first {@link #provider()} call. */
    private static final class Registered {
        static final Provider PROVIDER = register();

        private static Provider register() {
            Provider present = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
            if (present != null) {
                return present;
            }
            Provider made = new BouncyCastleProvider();
            // -1: another thread or library registered one between the two calls; use that one
            return Security.addProvider(made) == -1 ? Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) : made;
        }
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
