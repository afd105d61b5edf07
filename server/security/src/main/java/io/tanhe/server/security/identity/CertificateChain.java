package io.tanhe.server.security.identity;

import io.tanhe.server.security.crypto.Sm;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/** Parsing and checking a device certificate chain before it is installed. */
final class CertificateChain {
    private CertificateChain() {
    }

    static List<X509Certificate> parse(String pem, String origin) {
        try {
            CertificateFactory f = CertificateFactory.getInstance("X.509", Sm.provider());
            List<X509Certificate> chain = new ArrayList<>();
            for (var c : f.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                chain.add((X509Certificate) c);
            }
            if (chain.isEmpty()) {
                throw new IllegalArgumentException(origin + " holds no certificate (expected PEM blocks"
                        + " '-----BEGIN CERTIFICATE-----', the device's certificate first, then its issuers)");
            }
            return List.copyOf(chain);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(origin + " is not a PEM certificate chain: " + e.getMessage(), e);
        }
    }

    static void check(List<X509Certificate> chain, PublicKey deviceKey, Instant now, String origin) {
        X509Certificate leaf = chain.getFirst();
        if (!DeviceIdentity.same(leaf.getPublicKey(), deviceKey)) {
            throw new IllegalArgumentException(origin + ": the first certificate (" + leaf.getSubjectX500Principal()
                    + ") certifies another key (SM3 " + DeviceIdentity.fingerprint(leaf.getPublicKey()).substring(0, 16)
                    + "…) than this terminal's (SM3 " + DeviceIdentity.fingerprint(deviceKey).substring(0, 16)
                    + "…); was it issued for the request from 'tanhe identity csr' on this terminal? The device's"
                    + " certificate must come first, then its issuers");
        }
        for (int i = 0; i < chain.size(); i++) {
            X509Certificate c = chain.get(i);
            String which = "certificate " + (i + 1) + " (" + c.getSubjectX500Principal() + ")";
            try {
                c.checkValidity(Date.from(now));
            } catch (CertificateExpiredException e) {
                throw new IllegalArgumentException(origin + ": " + which + " expired on " + c.getNotAfter().toInstant()
                        + " (the device clock says " + now + ")");
            } catch (CertificateNotYetValidException e) {
                throw new IllegalArgumentException(origin + ": " + which + " is valid only from " + c.getNotBefore().toInstant()
                        + " (the device clock says " + now + "; is the clock right?)");
            }
            if (i + 1 < chain.size()) {
                X509Certificate issuer = chain.get(i + 1);
                if (!c.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
                    throw new IllegalArgumentException(origin + ": " + which + " was issued by " + c.getIssuerX500Principal()
                            + ", but the next certificate is " + issuer.getSubjectX500Principal()
                            + "; put each certificate's issuer right after it");
                }
                try {
                    c.verify(issuer.getPublicKey(), Sm.provider());
                } catch (GeneralSecurityException e) {
                    throw new IllegalArgumentException(origin + ": " + which + " does not carry a valid signature of"
                            + " certificate " + (i + 2) + " (" + issuer.getSubjectX500Principal() + "): " + e.getMessage());
                }
            }
        }
    }
}
