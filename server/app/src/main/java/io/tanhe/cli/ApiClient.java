package io.tanhe.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Optional;

/**
 * A client of one terminal's API with a bearer token: the commands that act on a running terminal on this
 * machine ({@link LocalTerminal}) and {@code tanhe remote}. Over HTTPS it verifies the server's certificate:
 * against the JDK's trusted authorities, a pinned CA (PEM) or the terminal's own certificate left in its data
 * directory; never not at all.
 */
final class ApiClient {
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    private static final Duration CONNECT = Duration.ofSeconds(5);

    private final URI base;
    private final String token;
    private final HttpClient http;
    private final Duration timeout;

    /**
     * The API's answer.
     *
     * @param status the HTTP status
     * @param body   the body as text
     */
    record Answer(int status, String body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (JsonProcessingException e) {
                return JSON.createObjectNode().put("error", body);
            }
        }

        /** What went wrong as the API says it, with the field it names: {@code value: … (400)}. */
        String problem() {
            JsonNode j = json();
            String error = j.path("error").asText(body);
            if (j.path("problems").isArray() && !j.path("problems").isEmpty()) {
                StringBuilder all = new StringBuilder(error);
                j.path("problems").forEach(p -> all.append("\n  ").append(p.path("check").asText()).append(": ")
                        .append(p.path("reason").asText()));
                error = all.toString();
            }
            String field = j.path("parameter").asText("");
            return (field.isEmpty() ? "" : field + ": ") + error + " (HTTP " + status + ")";
        }

        /** The exit code for this answer: 0 when it worked, 2 for bad input, 1 otherwise. */
        int exit() {
            return ok() ? 0 : status == 400 || status == 404 || status == 409 ? 2 : 1;
        }
    }

    private ApiClient(URI base, String token, HttpClient http, Duration timeout) {
        this.base = base;
        this.token = token;
        this.http = http;
        this.timeout = timeout;
    }

    /**
     * A client of {@code base} (e.g. {@code https://10.0.0.5:8017}) with {@code token}.
     *
     * @param ssl the trust for HTTPS; empty for the JDK's trusted authorities
     */
    static ApiClient of(URI base, String token, Optional<SSLContext> ssl, Duration timeout) {
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(CONNECT);
        ssl.ifPresent(b::sslContext);
        String text = base.toString();
        return new ApiClient(URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text), token.strip(), b.build(),
                timeout);
    }

    /** An SSL context that trusts only the CA certificate(s) in the PEM file {@code ca}. */
    static SSLContext pinnedCa(Path ca) throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        int n = 0;
        try (InputStream in = Files.newInputStream(ca)) {
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("ca-" + n++, c);
            }
        }
        if (n == 0) {
            throw new GeneralSecurityException(ca + " holds no PEM certificate");
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    URI base() {
        return base;
    }

    Answer get(String pathAndQuery) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET());
    }

    Answer post(String path, Object body) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8)));
    }

    /** Posts a file (a signed package) as the body. */
    Answer postBytes(String path, byte[] body) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** Posts the file {@code file} as the body, streamed from disk (a release package is larger than memory should hold). */
    Answer postFile(String path, java.nio.file.Path file) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofFile(file)));
    }

    /**
     * Gets {@code pathAndQuery} into {@code target} as it streams (a bundle may be large); on an error status the file
     * is removed and the answer holds the API's message.
     */
    Answer download(String pathAndQuery, Path target) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET().header("Authorization", "Bearer " + token).build();
        try {
            HttpResponse<Path> r = http.send(request, HttpResponse.BodyHandlers.ofFile(target));
            if (r.statusCode() >= 200 && r.statusCode() < 300) {
                return new Answer(r.statusCode(), "");
            }
            String body = Files.readString(target, StandardCharsets.UTF_8);
            Files.deleteIfExists(target);
            return new Answer(r.statusCode(), body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + base, e);
        } catch (IllegalArgumentException e) {
            throw new IOException("`" + base + "` is not an API address: " + e.getMessage(), e);
        }
    }

    Answer delete(String path) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
    }

    private Answer send(HttpRequest.Builder request) throws IOException {
        try {
            HttpResponse<String> r = http.send(request.timeout(timeout).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(r.statusCode(), r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + base, e);
        } catch (IllegalArgumentException e) {
            throw new IOException("`" + base + "` is not an API address: " + e.getMessage(), e);
        }
    }
}
