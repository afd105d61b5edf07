package io.tanhe.server.packages;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrustPolicyTest {
    @TempDir
    Path tmp;

    @Test
    void aPolicyRoundTripsThroughItsYaml() {
        TrustPolicy p = Fixtures.policy().withRequirement(PackageKind.THRESHOLD, Set.of(SignerRole.AUTHOR));
        TrustPolicy back = TrustPolicy.parse(p.toYaml(), "policy.yaml");
        assertEquals(p.requires(), back.requires());
        assertEquals(p.keys().stream().map(TrustedKey::fingerprint).toList(), back.keys().stream().map(TrustedKey::fingerprint).toList());
        assertEquals(Set.of(PackageKind.values()), back.key(Fixtures.AUTHOR.publicKey()).orElseThrow().author());
    }

    @Test
    void theDefaultsAreTheIssues() {
        TrustPolicy d = TrustPolicy.defaults();
        assertEquals(Set.of(SignerRole.AUTHOR, SignerRole.VERIFIER), d.required(PackageKind.METHODOLOGY));
        assertEquals(Set.of(SignerRole.AUTHOR), d.required(PackageKind.FACTOR_UPDATE));
        assertEquals(Set.of(), d.required(PackageKind.THRESHOLD));
    }

    @Test
    void aKeyIsRemovedByItsFingerprintPrefix() {
        TrustPolicy p = Fixtures.policy().withoutKey(Fixtures.AUTHOR.fingerprint().substring(0, 12));
        assertTrue(p.key(Fixtures.AUTHOR.publicKey()).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> p.withoutKey("abc"));
    }

    @Test
    void badPolicyTextIsRefusedNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrustPolicy.parse("requires:\n  methodolgy: [author]\n", "p.yaml"));
        assertTrue(e.getMessage().startsWith("p.yaml: requires.methodolgy"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TrustPolicy.parse("keys:\n  - name: x\n    public_key: AAAA\n", "p.yaml"));
        assertTrue(e.getMessage().startsWith("p.yaml: keys[0].public_key"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TrustPolicy.parse("require: {}\n", "p.yaml"));
        assertTrue(e.getMessage().contains("unknown field 'require'"), e.getMessage());
    }

    @Test
    void signingKeysRoundTripThroughTheirFiles() throws Exception {
        Path file = tmp.resolve("keys/author-key");
        Fixtures.AUTHOR.save(file);
        SigningKey back = SigningKey.load(file);
        assertEquals(Fixtures.AUTHOR.name(), back.name());
        assertEquals(Fixtures.AUTHOR.fingerprint(), back.fingerprint());
        assertEquals(Fixtures.AUTHOR.fingerprint(), PublicKeys.fingerprint(SigningKey.loadPublic(SigningKey.publicFile(file)).key()));
        assertEquals(Set.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE),
                java.nio.file.Files.getPosixFilePermissions(file));
        ConfigPackage signed = back.sign(Fixtures.assembled(Fixtures.METHODOLOGY, Fixtures.factors("99")), SignerRole.AUTHOR);
        assertTrue(signed.signatures().getFirst().validFor(signed.manifestBytes()));
        assertThrows(java.io.IOException.class, () -> SigningKey.load(SigningKey.publicFile(file)));
    }
}
