package io.tanhe.server.packages;

import io.tanhe.server.security.crypto.Sm;
import io.tanhe.server.security.identity.Sm2Signer;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Objects;

/**
 * One SM2 signature on a package. What is signed is a short statement naming the role, the signer's name and the
 * SM3 of the manifest's bytes ({@link #statement}), so neither the role nor the name can be changed without
 * breaking the signature, and the manifest in turn names the SM3 of every file.
 *
 * @param role      author or verifier
 * @param name      the signer's name as the key file gives it, e.g. {@code Li Wei (accountant)}
 * @param publicKey the signer's SM2 public key
 * @param signature SM3withSM2 signature (DER) of the statement
 */
public record PackageSignature(SignerRole role, String name, PublicKey publicKey, byte[] signature) {
    public PackageSignature {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(publicKey, "publicKey");
        signature = signature.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** The signer key's SM3 fingerprint (hex). */
    public String fingerprint() {
        return PublicKeys.fingerprint(publicKey);
    }

    /** Whether the signature is {@link #publicKey}'s signature of the statement for {@code manifestBytes}. */
    public boolean validFor(byte[] manifestBytes) {
        return Sm2Signer.verify(publicKey, statement(role, name, manifestBytes), signature);
    }

    /** The bytes a signer signs: format tag, role, name and the manifest's SM3, one per line. */
    public static byte[] statement(SignerRole role, String name, byte[] manifestBytes) {
        return ("tanhe package signature 1\nrole: " + role.label() + "\nname: " + name
                + "\nmanifest-sm3: " + Sm.hex(Sm.sm3(manifestBytes)) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return role + " " + name + " [" + PublicKeys.shortFingerprint(publicKey) + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PackageSignature s && s.role == role && s.name.equals(name)
                && s.publicKey.equals(publicKey) && java.util.Arrays.equals(s.signature, signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(role, name, publicKey, java.util.Arrays.hashCode(signature));
    }
}
