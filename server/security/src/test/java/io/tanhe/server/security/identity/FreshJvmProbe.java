package io.tanhe.server.security.identity;

import io.tanhe.server.security.crypto.Sm;
import io.tanhe.server.security.crypto.Sm4Gcm;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Security;
import java.util.Arrays;

/**
 * Run in a JVM of its own by {@link FreshJvmTest}: what a terminal does at start (its identity, signatures,
 * sealed secrets), then the first JCA use of the process (a certificate request), and prints what it saw.
 */
final class FreshJvmProbe {
    private FreshJvmProbe() {
    }

    public static void main(String[] args) throws Exception {
        byte[] data = "checkpoint".getBytes(StandardCharsets.UTF_8);
        DeviceIdentity id = DeviceIdentity.loadOrCreate(Path.of(args[0]));
        boolean signs = Sm2Signer.verify(id.publicKey(), data, id.signer().sign(data));
        Sm4Gcm gcm = new Sm4Gcm(Sm4Gcm.newKey());
        boolean seals = Arrays.equals(data, gcm.decrypt(gcm.encrypt(data, data), data));
        boolean registeredBefore = Security.getProvider("BC") != null;
        PKCS10CertificationRequest csr;
        try (PEMParser p = new PEMParser(new StringReader(id.csr("CN=terminal-0042,O=Example Plant,C=CN")))) {
            csr = (PKCS10CertificationRequest) p.readObject();
        }
        boolean csrValid = csr.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(Sm.provider()).build(id.publicKey()));
        System.out.println("signs=" + signs + " seals=" + seals + " provider-before-jca=" + registeredBefore + " csr-valid=" + csrValid
                + " provider-after-jca=" + (Security.getProvider("BC") != null));
    }
}
