package io.tanhe.server.security.identity;

import io.tanhe.server.security.crypto.Sm;
import io.tanhe.server.security.crypto.KeyFiles;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.util.io.pem.PemObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lightweight SM2 signer and keys against the JCA provider's: the same signatures, keys and files. */
class Sm2SignerTest {
    private static final byte[] DATA = "tanhe-config-version-v1".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void aLightweightSignatureVerifiesWithTheProvidersSm3WithSm2AndTheOtherWayRound() throws Exception {
        DeviceIdentity id = DeviceIdentity.loadOrCreate(dir);
        PublicKey jcaKey = KeyFactory.getInstance("EC", Sm.provider()).generatePublic(new X509EncodedKeySpec(id.publicKey().getEncoded()));
        Signature jca = Signature.getInstance(Sm2Signer.ALGORITHM, Sm.provider());
        jca.initVerify(jcaKey);
        jca.update(DATA);
        assertTrue(jca.verify(id.signer().sign(DATA)));

        KeyPair other = jcaKeyPair();
        Signature signer = Signature.getInstance(Sm2Signer.ALGORITHM, Sm.provider());
        signer.initSign(other.getPrivate());
        signer.update(DATA);
        byte[] sig = signer.sign();
        assertTrue(Sm2Signer.verify(other.getPublic(), DATA, sig));
        assertFalse(Sm2Signer.verify(id.publicKey(), DATA, sig), "another key's signature");
    }

    @Test
    void theEncodedPublicKeyIsByteForByteTheProvidersEncoding() throws Exception {
        DeviceIdentity id = DeviceIdentity.loadOrCreate(dir);
        PublicKey jcaKey = KeyFactory.getInstance("EC", Sm.provider()).generatePublic(new X509EncodedKeySpec(id.publicKey().getEncoded()));
        assertArrayEquals(jcaKey.getEncoded(), id.publicKey().getEncoded());
        assertEquals(DeviceIdentity.fingerprint(jcaKey), id.fingerprint());
    }

    @Test
    void aKeyFileWrittenThroughTheProviderIsReadWithTheSameFingerprintAndSigns() throws Exception {
        KeyPair pair = jcaKeyPair();
        KeyFiles.write(dir.resolve(DeviceIdentity.KEY_FILE), pem(new PemObject("PRIVATE KEY", pair.getPrivate().getEncoded())));
        DeviceIdentity id = DeviceIdentity.loadOrCreate(dir);
        assertArrayEquals(pair.getPublic().getEncoded(), id.publicKey().getEncoded());
        Signature v = Signature.getInstance(Sm2Signer.ALGORITHM, Sm.provider());
        v.initVerify(pair.getPublic());
        v.update(DATA);
        assertTrue(v.verify(id.signer().sign(DATA)));
    }

    @Test
    void aMalformedSignatureDoesNotVerifyAndANonEcKeyIsAnError() throws Exception {
        DeviceIdentity id = DeviceIdentity.loadOrCreate(dir);
        assertFalse(Sm2Signer.verify(id.publicKey(), DATA, new byte[]{1, 2, 3}));
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        PublicKey rsaKey = rsa.generateKeyPair().getPublic();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Sm2Signer.verify(rsaKey, DATA, new byte[64]));
        assertTrue(e.getMessage().contains("not an SM2 public key"), e.getMessage());
    }

    @Test
    void aKeyFileOnAnotherCurveIsRefusedNamingTheCurveItNeeds() throws Exception {
        KeyPairGenerator p256 = KeyPairGenerator.getInstance("EC");
        p256.initialize(new ECGenParameterSpec("secp256r1"));
        KeyFiles.write(dir.resolve(DeviceIdentity.KEY_FILE), pem(new PemObject("PRIVATE KEY", p256.generateKeyPair().getPrivate().getEncoded())));
        java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class, () -> DeviceIdentity.loadOrCreate(dir));
        assertTrue(e.getMessage().contains("holds no SM2 private key") && e.getMessage().contains("not EC (1.2.840.10045.2.1) on sm2p256v1"),
                e.getMessage());
    }

    private static KeyPair jcaKeyPair() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", Sm.provider());
        g.initialize(new ECGenParameterSpec("sm2p256v1"));
        return g.generateKeyPair();
    }

    private static String pem(Object o) throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(o);
        }
        return out.toString();
    }
}
