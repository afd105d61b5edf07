package io.tanhe.server.security.identity;

import org.bouncycastle.asn1.gm.GMNamedCurves;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.custom.gm.SM2P256V1Curve;

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
    /**
     * sm2p256v1 on Bouncy Castle's optimised curve, made here: {@code PrivateKeyFactory}, {@code PublicKeyFactory} and
     * {@code ECNamedDomainParameters.lookup} go through {@code CustomNamedCurves}, whose initialiser loads the classes
     * of all its 32 curves (~90 classes) for the one used.
     */
    private static final ECNamedDomainParameters SM2 = sm2();

    private Sm2Keys() {
    }

    private static ECNamedDomainParameters sm2() {
        X9ECParameters x9 = GMNamedCurves.getByOID(GMObjectIdentifiers.sm2p256v1);
        ECCurve curve = new SM2P256V1Curve();
        return new ECNamedDomainParameters(GMObjectIdentifiers.sm2p256v1, curve, curve.importPoint(x9.getG()), x9.getN(), x9.getH(),
                x9.getSeed());
    }

    /** A new key pair on sm2p256v1. */
    static AsymmetricCipherKeyPair generate() {
        ECKeyPairGenerator g = new ECKeyPairGenerator();
        g.init(new ECKeyGenerationParameters(SM2, new SecureRandom()));
        return g.generateKeyPair();
    }

    /**
     * The SM2 private key {@code info} holds.
     *
     * @throws IOException when it holds another kind of key, or is not DER
     */
    static ECPrivateKeyParameters privateKey(PrivateKeyInfo info) throws IOException {
        requireSm2(info.getPrivateKeyAlgorithm());
        return new ECPrivateKeyParameters(org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey()).getKey(), SM2);
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
     * The SM2 public key {@code key} is, from its X.509 encoding (a {@link EncodedPublicKey} or a provider's key).
     *
     * @throws IllegalArgumentException when it is not an EC public key on sm2p256v1
     */
    static ECPublicKeyParameters parameters(PublicKey key) {
        try {
            SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(key.getEncoded());
            requireSm2(info.getAlgorithm());
            return new ECPublicKeyParameters(SM2.getCurve().decodePoint(info.getPublicKeyData().getOctets()), SM2);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not an SM2 public key (" + key.getAlgorithm() + ", " + key.getFormat() + "): "
                    + e.getMessage(), e);
        }
    }

    private static void requireSm2(AlgorithmIdentifier algorithm) throws IOException {
        if (!X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm.getAlgorithm()) || !GMObjectIdentifiers.sm2p256v1.equals(algorithm.getParameters())) {
            throw new IOException("the key is " + algorithm.getAlgorithm() + " with parameters " + algorithm.getParameters()
                    + ", not EC (" + X9ObjectIdentifiers.id_ecPublicKey + ") on sm2p256v1 (" + GMObjectIdentifiers.sm2p256v1 + ")");
        }
    }
}
