package io.tanhe.cli;

import io.tanhe.server.api.ApiBinding;
import io.tanhe.server.store.PrivateFiles;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Collections;

/**
 * The running terminal's TLS certificate, left in its data directory ({@value #FILE}) so that the machine's
 * own tools ({@code tanhe report}) can reach its HTTPS API: they trust exactly that certificate (pinned),
 * whatever address they reach it at, and nothing else.
 */
final class PinnedCertificate {
    static final String FILE = "api-certificate.pem";

    private PinnedCertificate() {
    }

    /** Writes the certificate of the keystore's first key entry to {@code dataDir}/{@value #FILE}. */
    static void write(ApiBinding.Tls tls, Path dataDir) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(tls.keystore())) {
            ks.load(in, tls.password());
        }
        for (String alias : Collections.list(ks.aliases())) {
            if (ks.isKeyEntry(alias)) {
                byte[] der = ks.getCertificate(alias).getEncoded();
                PrivateFiles.writeString(dataDir.resolve(FILE), "-----BEGIN CERTIFICATE-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                        + "\n-----END CERTIFICATE-----\n");
                return;
            }
        }
    }

    /** An SSL context that accepts only the certificate in {@code dataDir}/{@value #FILE}. */
    static SSLContext context(Path dataDir) throws IOException, GeneralSecurityException {
        X509Certificate pinned;
        try (InputStream in = new ByteArrayInputStream(Files.readAllBytes(dataDir.resolve(FILE)))) {
            pinned = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, new X509ExtendedTrustManager[] {new Pinned(pinned)}, null);
        return ssl;
    }

    /** Trusts a server whose certificate is exactly the pinned one; the pin replaces host-name checks. */
    private static final class Pinned extends X509ExtendedTrustManager {
        private final X509Certificate pinned;

        Pinned(X509Certificate pinned) {
            this.pinned = pinned;
        }

        private void check(X509Certificate[] chain) throws CertificateException {
            if (chain == null || chain.length == 0 || !chain[0].equals(pinned)) {
                throw new CertificateException("the server's certificate is not the terminal's (" + FILE + ")");
            }
            chain[0].checkValidity();
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("client certificates are not checked here");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("client certificates are not checked here");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("client certificates are not checked here");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
