package io.tanhe.server.packages;

import java.security.PublicKey;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A key the security operator trusts, and for what.
 *
 * @param name   who holds it (shown in verdicts)
 * @param key    the SM2 public key
 * @param author the package kinds this key may author
 * @param verify the package kinds this key may countersign as a verification body
 */
public record TrustedKey(String name, PublicKey key, Set<PackageKind> author, Set<PackageKind> verify) {
    public TrustedKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(key, "key");
        author = author.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(author));
        verify = verify.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(verify));
    }

    public String fingerprint() {
        return PublicKeys.fingerprint(key);
    }

    /** Whether this key may sign a package of {@code kind} in {@code role}. */
    public boolean may(SignerRole role, PackageKind kind) {
        return (role == SignerRole.AUTHOR ? author : verify).contains(kind);
    }
}
