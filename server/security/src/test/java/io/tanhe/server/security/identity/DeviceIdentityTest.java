package io.tanhe.server.security.identity;

import io.tanhe.server.security.crypto.Sm;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeviceIdentityTest {
    @TempDir
    Path dir;

    @Test
    void theKeyIsMadeOnceAsA0600FileAndSignsVerifiably() throws Exception {
        DeviceIdentity first = DeviceIdentity.loadOrCreate(dir);
        DeviceIdentity again = DeviceIdentity.loadOrCreate(dir);
        assertEquals(first.fingerprint(), again.fingerprint());
        assertArrayEquals(first.publicKey().getEncoded(), again.publicKey().getEncoded());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(DeviceIdentity.KEY_FILE))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("identity"))));
        byte[] data = "checkpoint".getBytes(StandardCharsets.UTF_8);
        byte[] sig = again.signer().sign(data);
        assertTrue(Sm2Signer.verify(first.publicKey(), data, sig));
        assertFalse(Sm2Signer.verify(first.publicKey(), "other".getBytes(StandardCharsets.UTF_8), sig));
    }

    @Test
    void theCsrIsAnSm3WithSm2RequestSignedByTheDeviceKey() throws Exception {
        DeviceIdentity id = DeviceIdentity.loadOrCreate(dir);
        String pem = id.csr("CN=terminal-0042,O=Example Plant,C=CN");
        assertTrue(pem.startsWith("-----BEGIN CERTIFICATE REQUEST-----"), pem);
        PKCS10CertificationRequest csr;
        try (PEMParser p = new PEMParser(new StringReader(pem))) {
            csr = (PKCS10CertificationRequest) p.readObject();
        }
        assertEquals("1.2.156.10197.1.501", csr.getSignatureAlgorithm().getAlgorithm().getId(), "SM3withSM2");
        assertTrue(csr.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(Sm.provider()).build(id.publicKey())));
        assertEquals("CN=terminal-0042,O=Example Plant,C=CN", csr.getSubject().toString());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> id.csr("terminal 42"));
        assertTrue(bad.getMessage().contains("not a distinguished name"), bad.getMessage());
    }

    @Test
    void aCertificateForThisKeyWithItsChainIsInstalled() throws Exception {
        DeviceIdentity id = DeviceIdentity.loadOrCreate(dir);
        TestCa ca = new TestCa("Platform CA");
        var cert = ca.issue(id.csr("CN=terminal-0042"), Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(365)));
        var chain = id.install(TestCa.pem(cert, ca.root), "device.pem", Instant.now());
        assertEquals(2, chain.size());
        assertEquals(cert, DeviceIdentity.loadOrCreate(dir).chain().getFirst());
    }

    @Test
    void whatIsWrongWithACertificateIsSaidAndNothingIsInstalled() throws Exception {
        DeviceIdentity id = DeviceIdentity.loadOrCreate(dir);
        TestCa ca = new TestCa("Platform CA");
        TestCa other = new TestCa("Other CA");
        Instant now = Instant.now();
        String csr = id.csr("CN=terminal-0042");
        var good = ca.issue(csr, now.minusSeconds(60), now.plus(Duration.ofDays(365)));

        var strangerKey = new TestCa("stranger").keys.getPublic();
        var forAnotherKey = ca.issue(new org.bouncycastle.asn1.x500.X500Name("CN=terminal-0042"), strangerKey, now.minusSeconds(60), now.plusSeconds(3600));
        assertMessage(id, TestCa.pem(forAnotherKey, ca.root), "certifies another key");
        assertMessage(id, TestCa.pem(ca.issue(csr, now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1))), ca.root), "expired on");
        assertMessage(id, TestCa.pem(ca.issue(csr, now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(30))), ca.root), "is valid only from");
        assertMessage(id, TestCa.pem(good, other.root), "was issued by");
        assertMessage(id, TestCa.pem(ca.root, good), "certifies another key");
        assertMessage(id, "not a certificate", "is not a PEM certificate chain");
        assertFalse(Files.exists(dir.resolve(DeviceIdentity.CHAIN_FILE)));
    }

    private static void assertMessage(DeviceIdentity id, String pem, String words) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> id.install(pem, "device.pem", Instant.now()));
        assertTrue(e.getMessage().contains(words), e.getMessage());
    }
}
