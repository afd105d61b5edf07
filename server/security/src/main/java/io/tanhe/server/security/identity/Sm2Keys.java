package io.tanhe.server.security.identity;

import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.PublicKey;
import java.security.SecureRandom;

/**
 * SM2 keys with Bouncy Castle's lightweight classes, so that a terminal signs and verifies without the JCA
 * provider. The encodings (PKCS#8, X.509 SubjectPublicKeyInfo with the named curve sm2p256v1) are the ones the
 * provider's {@code EC} keys have, so keys and fingerprints made either way are the same.
 */
final class Sm2Keys {
    private Sm2Keys() {
    }

    /** A new key pair on sm2p256v1. */
    static AsymmetricCipherKeyPair generate() {
        ECKeyPairGenerator g = new ECKeyPairGenerator();
        g.init(new ECKeyGenerationParameters(ECNamedDomainParameters.lookup(GMObjectIdentifiers.sm2p256v1), new SecureRandom()));
        return g.generateKeyPair();
    }

    /**
     * The SM2 private key {@code info} holds.
     *
     * @throws IOException when it holds another kind of key
     */
    static ECPrivateKeyParameters privateKey(PrivateKeyInfo info) throws IOException {
        AsymmetricKeyParameter key = PrivateKeyFactory.createKey(info);
        if (!(key instanceof ECPrivateKeyParameters ec)) {
            throw new IOException("it holds a " + key.getClass().getSimpleName() + ", not an EC (SM2) private key");
        }
        return ec;
    }

    /** The public key of {@code key}. */
    static ECPublicKeyParameters publicOf(ECPrivateKeyParameters key) {
        return new ECPublicKeyParameters(key.getParameters().getG().multiply(key.getD()).normalize(), key.getParameters());
    }

    /** PKCS#8 encoding of {@code key}. */
    static byte[] pkcs8(ECPrivateKeyParameters key) {
        try {
            return PrivateKeyInfoFactory.createPrivateKeyInfo(key).getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode an SM2 private key: " + e.getMessage(), e);
        }
    }

    /** {@code key} as a {@link PublicKey} (X.509 encoded). */
    static PublicKey publicKey(ECPublicKeyParameters key) {
        try {
            return new EncodedPublicKey(SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(key).getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode an SM2 public key: " + e.getMessage(), e);
        }
    }

    /**
     * The EC parameters of any public key, from its X.509 encoding (a {@link EncodedPublicKey} or a provider's key).
     *
     * @throws IllegalArgumentException when it is not an EC public key
     */
    static ECPublicKeyParameters parameters(PublicKey key) {
        AsymmetricKeyParameter p;
        try {
            p = PublicKeyFactory.createKey(key.getEncoded());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not an X.509 encoded public key (" + key.getAlgorithm() + "): " + e.getMessage(), e);
        }
        if (!(p instanceof ECPublicKeyParameters ec)) {
            throw new IllegalArgumentException("a " + key.getAlgorithm() + " key is not an EC (SM2) public key");
        }
        return ec;
    }
}
