package io.tanhe.server.security.identity;

import io.tanhe.server.security.crypto.KeyFiles;
import io.tanhe.server.security.crypto.Sm;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.List;

/**
 * The terminal's SM2 identity: a key pair made at first start in {@code identity/} under the data
 * directory (the private key PKCS#8 PEM, 0600), and, once the platform's CA issued one, its certificate
 * and chain. It signs audit checkpoints and stored configuration versions, and is what a certificate
 * request ({@link #csr}) asks the CA to certify.
 *
 * <p>Making, reading and signing with the key use Bouncy Castle's lightweight classes; only the certificate
 * request and the certificate chain go through the JCA provider ({@link Sm#provider()}), registered then.
 */
public final class DeviceIdentity {
    /** The private key file, relative to the data directory. */
    public static final String KEY_FILE = "identity/device-sm2.key";
    /** The public key file (for whoever checks this device's signatures), relative to the data directory. */
    public static final String PUBLIC_FILE = "identity/device-sm2.pub";
    /** The installed certificate chain, leaf first, relative to the data directory. */
    public static final String CHAIN_FILE = "identity/device-chain.pem";

    private final Path dataDir;
    private final ECPrivateKeyParameters privateKey;
    private final PublicKey publicKey;
    private final Sm2Signer signer;

    private DeviceIdentity(Path dataDir, ECPrivateKeyParameters privateKey) {
        this.dataDir = dataDir;
        this.privateKey = privateKey;
        this.publicKey = Sm2Keys.publicKey(Sm2Keys.publicOf(privateKey));
        this.signer = new Sm2Signer(privateKey);
    }

    /** The data directory's identity, made now (a new SM2 key pair) when it has none. */
    public static DeviceIdentity loadOrCreate(Path dataDir) {
        Path keyFile = dataDir.resolve(KEY_FILE);
        try {
            if (!Files.exists(keyFile)) {
                AsymmetricCipherKeyPair pair = Sm2Keys.generate();
                KeyFiles.write(dataDir.resolve(PUBLIC_FILE),
                        pem("PUBLIC KEY", Sm2Keys.publicKey((ECPublicKeyParameters) pair.getPublic()).getEncoded()));
                KeyFiles.write(keyFile, pem("PRIVATE KEY", Sm2Keys.pkcs8((ECPrivateKeyParameters) pair.getPrivate())));
            }
            return new DeviceIdentity(dataDir, read(keyFile));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the device identity " + keyFile + ": " + e.getMessage(), e);
        }
    }

    /** The public key, X.509 encoded (not a provider's key object: use its encoding). */
    public PublicKey publicKey() {
        return publicKey;
    }

    /** SM3 of the public key's DER encoding, hex: names the key in signatures and reports. */
    public String fingerprint() {
        return fingerprint(publicKey);
    }

    public static String fingerprint(PublicKey key) {
        return Sm.hex(Sm.sm3(key.getEncoded()));
    }

    /** The shared signer of this identity (thread-safe). */
    public Sm2Signer signer() {
        return signer;
    }

    /** A PKCS#10 certificate request (SM3withSM2) for {@code subject}, e.g. {@code CN=terminal-0042,O=Plant}, PEM. */
    public String csr(String subject) {
        X500Name name;
        try {
            name = new X500Name(subject);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the subject '" + subject + "' is not a distinguished name such as"
                    + " CN=terminal-0042,O=Example Plant,C=CN: " + e.getMessage(), e);
        }
        try {
            PKCS10CertificationRequest request = new JcaPKCS10CertificationRequestBuilder(name, publicKey)
                    .build(new JcaContentSignerBuilder(Sm2Signer.ALGORITHM).setProvider(Sm.provider()).build(jcaPrivateKey()));
            return pem(request);
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the certificate request: " + e.getMessage(), e);
        }
    }

    /** The installed chain, leaf first; empty when none is installed. */
    public List<X509Certificate> chain() {
        Path file = dataDir.resolve(CHAIN_FILE);
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return CertificateChain.parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Checks {@code chainPem} (the device's certificate first, then its issuers) against this key and the
     * time {@code now}, and installs it.
     *
     * @return the installed chain
     * @throws IllegalArgumentException naming what is wrong: another key, a broken chain, not yet or no longer valid
     */
    public List<X509Certificate> install(String chainPem, String origin, java.time.Instant now) {
        List<X509Certificate> chain = CertificateChain.parse(chainPem, origin);
        CertificateChain.check(chain, publicKey, now, origin);
        try {
            KeyFiles.write(dataDir.resolve(CHAIN_FILE), chainPem.strip() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dataDir.resolve(CHAIN_FILE) + ": " + e.getMessage(), e);
        }
        return chain;
    }

    /** The private key as the provider's key object, for the JCA certificate request builder. */
    private PrivateKey jcaPrivateKey() throws GeneralSecurityException {
        return KeyFactory.getInstance("EC", Sm.provider()).generatePrivate(new PKCS8EncodedKeySpec(Sm2Keys.pkcs8(privateKey)));
    }

    private static ECPrivateKeyParameters read(Path keyFile) throws IOException {
        Object parsed;
        try (PEMParser parser = new PEMParser(new StringReader(Files.readString(keyFile)))) {
            parsed = parser.readObject();
        }
        if (!(parsed instanceof PrivateKeyInfo info)) {
            throw new IOException(keyFile + " holds no PKCS#8 private key; restore it from the device's backup (a new"
                    + " key means a new identity: the CA must certify it again)");
        }
        try {
            return Sm2Keys.privateKey(info);
        } catch (IOException | RuntimeException e) {
            throw new IOException(keyFile + " holds no SM2 private key: " + e.getMessage(), e);
        }
    }

    /** PEM of a key's encoding {@code der}, with no JCA object involved. */
    private static String pem(String type, byte[] der) {
        StringWriter out = new StringWriter();
        try (PemWriter w = new PemWriter(out)) {
            w.writeObject(new PemObject(type, der));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static String pem(Object o) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "DeviceIdentity[" + fingerprint().substring(0, 16) + "…]";
    }

    /** Whether two keys are the same public key. */
    static boolean same(PublicKey a, PublicKey b) {
        return Arrays.equals(a.getEncoded(), b.getEncoded());
    }
}
