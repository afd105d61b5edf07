package io.tanhe.drivers.peers;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.OutputStream;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * A throwaway CA and a server certificate for 127.0.0.1, written as PEM files for mosquitto and as a
 * PKCS12 trust store for the client. Made with Bouncy Castle in the test; nothing leaves the temp dir.
 */
public final class TestCertificates {
    public static final String STORE_PASSWORD = "changeit";

    private final Path caPem;
    private final Path serverPem;
    private final Path serverKeyPem;
    private final Path trustStore;
    private final Path clientKeyStore;

    private TestCertificates(Path dir) {
        this.caPem = dir.resolve("ca.pem");
        this.serverPem = dir.resolve("server.pem");
        this.serverKeyPem = dir.resolve("server.key");
        this.trustStore = dir.resolve("trust.p12");
        this.clientKeyStore = dir.resolve("client.p12");
    }

    public static TestCertificates create(Path dir) throws Exception {
        TestCertificates c = new TestCertificates(dir);
        KeyPair caKeys = rsa();
        X509Certificate ca = sign(new X500Name("CN=Tanhe test CA"), caKeys, new X500Name("CN=Tanhe test CA"), caKeys, true);
        KeyPair serverKeys = rsa();
        X509Certificate server = sign(new X500Name("CN=127.0.0.1"), serverKeys, new X500Name("CN=Tanhe test CA"), caKeys, false);
        pem(c.caPem, ca);
        pem(c.serverPem, server);
        pem(c.serverKeyPem, serverKeys.getPrivate());
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca);
        store(trust, c.trustStore);
        KeyPair clientKeys = rsa();
        X509Certificate client = sign(new X500Name("CN=tanhe-terminal"), clientKeys, new X500Name("CN=Tanhe test CA"), caKeys, false);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("client", clientKeys.getPrivate(), STORE_PASSWORD.toCharArray(), new X509Certificate[]{client, ca});
        store(keys, c.clientKeyStore);
        return c;
    }

    public Path caPem() {
        return caPem;
    }

    public Path serverPem() {
        return serverPem;
    }

    public Path serverKeyPem() {
        return serverKeyPem;
    }

    public Path trustStore() {
        return trustStore;
    }

    /** A PKCS12 key store with a client certificate signed by the test CA. */
    public Path clientKeyStore() {
        return clientKeyStore;
    }

    private static void store(KeyStore store, Path file) throws Exception {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, STORE_PASSWORD.toCharArray());
        }
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(X500Name subject, KeyPair subjectKeys, X500Name issuer, KeyPair issuerKeys,
                                        boolean ca) throws Exception {
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), subject, subjectKeys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (!ca) {
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
        }
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKeys.getPrivate())));
    }

    private static void pem(Path file, Object object) throws Exception {
        try (Writer w = Files.newBufferedWriter(file); JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(object);
        }
    }
}
