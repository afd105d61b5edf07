package io.tanhe.server.api;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how the API listens: plain HTTP only on a loopback address; any other address needs TLS.
 *
 * @param tls the PKCS12 keystore with the server's key and certificate chain; empty for plain HTTP
 */
public record ApiBinding(String host, int port, Optional<Tls> tls) {

    /**
     * A PKCS12 keystore and its password (the key's password is the same, as PKCS12 tools make them).
     */
    public record Tls(Path keystore, char[] password) {
        public Tls {
            Objects.requireNonNull(keystore, "keystore");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "Tls[" + keystore + "]";
        }
    }

    public ApiBinding {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tls, "tls");
    }

    /** Plain HTTP on {@code host:port}. */
    public static ApiBinding plain(String host, int port) {
        return new ApiBinding(host, port, Optional.empty());
    }

    /**
     * Refuses plain HTTP on a non-loopback address, with what to do instead.
     *
     * @throws IllegalArgumentException naming the host and the options that fix it
     */
    public ApiBinding checked() {
        if (tls.isEmpty() && !loopback(host)) {
            throw new IllegalArgumentException("refusing to serve the API on " + host + " without TLS: passwords and tokens would"
                    + " cross the network in clear. Give --tls-keystore FILE (PKCS12) and --tls-password-file FILE, or bind"
                    + " a loopback address (--host 127.0.0.1) and put a TLS proxy in front (docs/security.md)");
        }
        return this;
    }

    /** Whether {@code host} is a loopback address (a literal, or a name such as localhost that resolves only to loopback). */
    static boolean loopback(String host) {
        try {
            InetAddress[] all = InetAddress.getAllByName(host);
            for (InetAddress a : all) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return all.length > 0;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
