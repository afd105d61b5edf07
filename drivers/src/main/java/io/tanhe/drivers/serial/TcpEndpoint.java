package io.tanhe.drivers.serial;

import java.time.Duration;
import java.util.Objects;

/**
 * Where a transparent serial server listens.
 *
 * @param host           host name or address
 * @param port           TCP port, 1–65535
 * @param connectTimeout how long to wait for the connection
 */
public record TcpEndpoint(String host, int port, Duration connectTimeout) {

    public TcpEndpoint {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host is empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 1..65535");
        }
    }
}
