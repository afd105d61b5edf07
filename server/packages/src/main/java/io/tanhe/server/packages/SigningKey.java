package io.tanhe.server.packages;

import io.tanhe.server.security.crypto.KeyFiles;
import io.tanhe.server.security.crypto.Sm;
import io.tanhe.server.security.identity.Sm2Signer;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Objects;

/**
 * A person's SM2 key for signing packages: an author's or a verification body's. The private key file is
 * PKCS#8 PEM (0600) with a {@code # name: …} line above it; the public key file beside it ({@code .pub}) is what
 * the security operator adds to the trust policy.
 *
 * @param name the signer's name, as signatures and verdicts show it
 * @param keys the key pair
 */
public record SigningKey(String name, KeyPair keys) {
    /** The public key file's ending, added to the private key file's name. */
    public static final String PUBLIC_SUFFIX = ".pub";
    private static final String NAME_LINE = "# name: ";

    public SigningKey {
        if (name == null || name.isBlank() || name.contains("\n")) {
            throw new IllegalArgumentException("a signing key needs a one-line name, e.g. \"Li Wei (accountant)\"");
        }
        Objects.requireNonNull(keys, "keys");
    }

    /** A new SM2 key pair for {@code name}. */
    public static SigningKey generate(String name) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC", Sm.provider());
            g.initialize(new ECGenParameterSpec("sm2p256v1"));
            return new SigningKey(name, g.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an SM2 key pair: " + e.getMessage(), e);
        }
    }

    public PublicKey publicKey() {
        return keys.getPublic();
    }

    /** The public key's SM3 fingerprint, hex. */
    public String fingerprint() {
        return PublicKeys.fingerprint(keys.getPublic());
    }

    /** {@code pkg} with this key's signature in {@code role} added. */
    public ConfigPackage sign(ConfigPackage pkg, SignerRole role) {
        return pkg.withSignature(signatureOf(pkg.manifestBytes(), role));
    }

    /** This key's signature in {@code role} of a manifest's exact bytes (a {@link ReleasePackage} is signed this way). */
    public PackageSignature signatureOf(byte[] manifestBytes, SignerRole role) {
        byte[] statement = PackageSignature.statement(role, name, manifestBytes);
        try {
            Signature s = Signature.getInstance(Sm2Signer.ALGORITHM, Sm.provider());
            s.initSign(keys.getPrivate());
            s.update(statement);
            return new PackageSignature(role, name, keys.getPublic(), s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SM2 signing failed: " + e.getMessage(), e);
        }
    }

    /** Writes the private key to {@code file} (0600, atomically) and the public key to {@code file.pub}. */
    public void save(Path file) throws IOException {
        KeyFiles.write(file, NAME_LINE + name + "\n" + pem(new PemObject("PRIVATE KEY", keys.getPrivate().getEncoded())));
        Files.writeString(publicFile(file), publicText());
    }

    /** The public key file's text: the name line, then the key as PEM. */
    public String publicText() {
        return NAME_LINE + name + "\n" + pem(new PemObject("PUBLIC KEY", keys.getPublic().getEncoded()));
    }

    /** The public key file that belongs to the private key file {@code file}. */
    public static Path publicFile(Path file) {
        return file.resolveSibling(file.getFileName() + PUBLIC_SUFFIX);
    }

    /**
     * Reads a private key file written by {@link #save}.
     *
     * @throws IOException naming the file when it is unreadable or holds no SM2 private key
     */
    public static SigningKey load(Path file) throws IOException {
        String text = Files.readString(file);
        PemObject pem = readPem(text, file);
        if (!pem.getType().equals("PRIVATE KEY")) {
            throw new IOException(file + " holds a " + pem.getType() + ", not a private key; sign with the private key file"
                    + " (the one without .pub)");
        }
        try {
            KeyFactory f = KeyFactory.getInstance("EC", Sm.provider());
            PrivateKey priv = f.generatePrivate(new PKCS8EncodedKeySpec(pem.getContent()));
            var ec = (org.bouncycastle.jce.interfaces.ECPrivateKey) priv;
            var q = ec.getParameters().getG().multiply(ec.getD()).normalize();
            PublicKey pub = f.generatePublic(new org.bouncycastle.jce.spec.ECPublicKeySpec(q, ec.getParameters()));
            // re-encode through X.509 so the key carries the named curve like a freshly generated one
            pub = f.generatePublic(new java.security.spec.X509EncodedKeySpec(pub.getEncoded()));
            return new SigningKey(nameIn(text, file), new KeyPair(pub, priv));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IOException(file + " holds no SM2 private key: " + e.getMessage(), e);
        }
    }

    /** A public key file's name and key. */
    public record Public(String name, PublicKey key) {
    }

    /**
     * Reads a public key file written by {@link #save} (a {@code # name:} line, then PEM).
     *
     * @throws IOException naming the file when it holds no SM2 public key
     */
    public static Public loadPublic(Path file) throws IOException {
        String text = Files.readString(file);
        PemObject pem = readPem(text, file);
        if (!pem.getType().equals("PUBLIC KEY")) {
            throw new IOException(file + " holds a " + pem.getType() + ", not a public key; give the .pub file");
        }
        try {
            return new Public(nameIn(text, file), PublicKeys.decode(java.util.Base64.getEncoder().encodeToString(pem.getContent())));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static PemObject readPem(String text, Path file) throws IOException {
        try (PemReader r = new PemReader(new StringReader(text))) {
            PemObject pem = r.readPemObject();
            if (pem == null) {
                throw new IOException(file + " holds no PEM key; make one with `tanhe package keygen`");
            }
            return pem;
        }
    }

    private static String nameIn(String text, Path file) throws IOException {
        return text.lines().filter(l -> l.startsWith(NAME_LINE)).map(l -> l.substring(NAME_LINE.length()).strip())
                .filter(s -> !s.isEmpty()).findFirst()
                .orElseThrow(() -> new IOException(file + " has no '" + NAME_LINE.strip() + " …' line naming the signer;"
                        + " add one above the key, e.g. '# name: Li Wei (accountant)'"));
    }

    private static String pem(PemObject o) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(o);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "SigningKey[" + name + ", " + PublicKeys.shortFingerprint(keys.getPublic()) + "…]";
    }
}
