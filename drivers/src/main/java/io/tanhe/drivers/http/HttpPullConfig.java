package io.tanhe.drivers.http;

import io.tanhe.drivers.json.JsonPointMapping;
import io.tanhe.drivers.tls.TlsSettings;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An HTTP(S) JSON endpoint polled with GET.
 *
 * @param id       device id, used in readings and logs
 * @param url      the endpoint
 * @param headers  request headers (e.g. {@code Authorization}, {@code Accept})
 * @param timeout  limit for connecting and for the whole answer
 * @param retries  further attempts after a timeout or a connection failure (not after an HTTP error status)
 * @param tls      trust and key stores for {@code https}, or {@code null} for the JVM defaults
 * @param points   where each point's value sits in the answer
 */
public record HttpPullConfig(String id, URI url, Map<String, String> headers, Duration timeout, int retries,
                             TlsSettings tls, List<JsonPointMapping> points) {

    public HttpPullConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(timeout, "timeout");
        headers = Map.copyOf(headers);
        points = List.copyOf(points);
    }
}
