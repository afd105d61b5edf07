package io.tanhe.drivers.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS material for a client connection (MQTT over TLS, HTTPS): a trust store holding the CA
 * certificates to accept, and optionally a key store with the client certificate. Store types are
 * those of {@link KeyStore} ({@code PKCS12}, {@code JKS}).
 *
 * @param trustStore         the trust store file, or {@code null} to trust the JVM's default CAs
 * @param trustStorePassword its password (may be empty)
 * @param keyStore           the key store with the client certificate and key, or {@code null}
 * @param keyStorePassword   its password, also used for the key
 * @param storeType          the type of both stores
 */
public record TlsSettings(Path trustStore, String trustStorePassword, Path keyStore, String keyStorePassword,
                          String storeType) {

    public TlsSettings {
        trustStorePassword = trustStorePassword == null ? "" : trustStorePassword;
        keyStorePassword = keyStorePassword == null ? "" : keyStorePassword;
        storeType = storeType == null ? "PKCS12" : storeType;
    }

    /** Trusts the CAs in {@code trustStore}, no client certificate. */
    public static TlsSettings trusting(Path trustStore, String password) {
        return new TlsSettings(Objects.requireNonNull(trustStore), password, null, null, "PKCS12");
    }

    /**
     * Builds the SSL context.
     *
     * @throws IllegalStateException naming the store file that could not be read and why
     */
    public SSLContext sslContext() {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore == null ? null : load(trustStore, trustStorePassword));
            KeyManagerFactory keys = null;
            if (keyStore != null) {
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(load(keyStore, keyStorePassword), keyStorePassword.toCharArray());
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS setup failed: " + e.getMessage(), e);
        }
    }

    private KeyStore load(Path file, String password) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(storeType);
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.toCharArray());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + storeType + " store " + file + ": " + e.getMessage(), e);
        }
        return store;
    }
}
