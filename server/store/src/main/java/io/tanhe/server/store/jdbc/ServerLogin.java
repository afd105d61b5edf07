package io.tanhe.server.store.jdbc;

import java.util.Objects;
import java.util.Set;

/**
 * How to reach a PostgreSQL server.
 *
 * @param url      {@code jdbc:postgresql://host:port/database} (or the same without {@code jdbc:})
 * @param user     the database role
 * @param password its password: a secret, never in {@link #toString()}, logs or stored configuration
 * @param sslMode  PostgreSQL's {@code sslmode}: disable, allow, prefer, require, verify-ca or verify-full
 */
public record ServerLogin(String url, String user, String password, String sslMode) {
    private static final Set<String> SSL_MODES = Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

    public ServerLogin {
        Objects.requireNonNull(url, "url");
        url = url.startsWith("jdbc:") ? url : "jdbc:" + url;
        if (!url.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("store url `" + url + "` is not a PostgreSQL url; write"
                    + " postgresql://host:port/database");
        }
        if (url.contains("password=")) {
            throw new IllegalArgumentException("store url carries a password; give it as `password:` instead, so it is"
                    + " treated as a secret");
        }
        user = Objects.requireNonNullElse(user, "");
        password = Objects.requireNonNullElse(password, "");
        sslMode = sslMode == null || sslMode.isBlank() ? "prefer" : sslMode.strip();
        if (!SSL_MODES.contains(sslMode)) {
            throw new IllegalArgumentException("store sslmode `" + sslMode + "` is not one of " + SSL_MODES);
        }
    }

    /** A login to {@code url} as {@code user} with the driver's default TLS mode ({@code prefer}). */
    public static ServerLogin of(String url, String user, String password) {
        return new ServerLogin(url, user, password, "prefer");
    }

    @Override
    public String toString() {
        return "ServerLogin[url=" + url + ", user=" + user + ", password=(redacted), sslMode=" + sslMode + "]";
    }
}
