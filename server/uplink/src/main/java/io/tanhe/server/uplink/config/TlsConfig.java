package io.tanhe.server.uplink.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * TLS settings of an HTTPS centre. Without a trust store the JDK's default trust anchors are used;
 * a key store adds a client certificate (mutual TLS).
 *
 * @param trustStoreOrNull         trust store file (PKCS12 or JKS), or null for the JDK's default
 * @param trustStorePassword       its password (may be empty)
 * @param keyStoreOrNull           key store with the client certificate and key, or null
 * @param keyStorePassword         its password (also the key's)
 * @param storeType                PKCS12 (default) or JKS, for both files
 */
public record TlsConfig(Path trustStoreOrNull, String trustStorePassword, Path keyStoreOrNull,
                        String keyStorePassword, String storeType) {
    /** The JDK's defaults, no client certificate. */
    public static final TlsConfig DEFAULT = new TlsConfig(null, "", null, "", "PKCS12");

    public Optional<Path> trustStore() {
        return Optional.ofNullable(trustStoreOrNull);
    }

    public Optional<Path> keyStore() {
        return Optional.ofNullable(keyStoreOrNull);
    }

    /** Without the passwords, which are secrets: never printed or logged. */
    @Override
    public String toString() {
        return "TlsConfig[trustStore=" + trustStoreOrNull + ", trustStorePassword=(not shown), keyStore=" + keyStoreOrNull
                + ", keyStorePassword=(not shown), storeType=" + storeType + "]";
    }
}
