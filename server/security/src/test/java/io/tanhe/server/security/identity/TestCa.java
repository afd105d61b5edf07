package io.tanhe.server.security.identity;

import io.tanhe.server.security.crypto.Sm;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

import java.io.StringReader;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;

/** A platform CA for tests: an SM2 root that issues SM3withSM2 certificates from requests. */
final class TestCa {
    final KeyPair keys;
    final X509Certificate root;

    TestCa(String name) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", Sm.provider());
        g.initialize(new ECGenParameterSpec("sm2p256v1"));
        keys = g.generateKeyPair();
        X500Name subject = new X500Name("CN=" + name + ",O=Test Platform,C=CN");
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, BigInteger.ONE, Date.from(Instant.now().minusSeconds(3600)),
                Date.from(Instant.now().plusSeconds(86400 * 365)), subject, keys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        root = sign(b);
    }

    /** Issues a certificate for the key in {@code csrPem}, valid from {@code from} to {@code to}. */
    X509Certificate issue(String csrPem, Instant from, Instant to) throws Exception {
        PKCS10CertificationRequest csr;
        try (PEMParser p = new PEMParser(new StringReader(csrPem))) {
            csr = (PKCS10CertificationRequest) p.readObject();
        }
        JcaPKCS10CertificationRequest jca = new JcaPKCS10CertificationRequest(csr).setProvider(Sm.provider());
        return issue(jca.getSubject(), jca.getPublicKey(), from, to);
    }

    X509Certificate issue(X500Name subject, PublicKey key, Instant from, Instant to) throws Exception {
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(root, BigInteger.valueOf(System.nanoTime()), Date.from(from),
                Date.from(to), subject, key);
        return sign(b);
    }

    private X509Certificate sign(X509v3CertificateBuilder b) throws Exception {
        return new JcaX509CertificateConverter().setProvider(Sm.provider())
                .getCertificate(b.build(new JcaContentSignerBuilder("SM3withSM2").setProvider(Sm.provider()).build(keys.getPrivate())));
    }

    static String pem(X509Certificate... chain) {
        StringBuilder b = new StringBuilder();
        for (X509Certificate c : chain) {
            b.append(DeviceIdentity.pem(c));
        }
        return b.toString();
    }
}
