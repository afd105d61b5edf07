package io.tanhe.server.uplink.https;

import io.tanhe.server.uplink.config.TlsConfig;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

/** Builds the {@link SSLContext} of an HTTPS centre from its trust store and optional client key store. */
public final class TlsContexts {
    private TlsContexts() {
    }

    /**
     * The context for {@code tls}: its trust store (else the JDK's default trust anchors) and its key
     * store as client certificate (else none).
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it (wrong password, not a key store…)
     */
    public static SSLContext of(TlsConfig tls) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(tls.trustStore().isPresent() ? load(tls.trustStore().get(), tls.trustStorePassword(), tls.storeType()) : null);
            KeyManagerFactory kmf = null;
            if (tls.keyStore().isPresent()) {
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(load(tls.keyStore().get(), tls.keyStorePassword(), tls.storeType()), tls.keyStorePassword().toCharArray());
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("TLS setup failed: " + e.getMessage(), e);
        }
    }

    private static KeyStore load(Path file, String password, String type) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance(type);
            ks.load(in, password.toCharArray());
            return ks;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(file + ": cannot open as a " + type + " key store (" + e.getMessage()
                    + "); check the file and its password", e);
        }
    }
}
