package io.tanhe.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tanhe.server.report.ReportFormat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/** Asks a running terminal's API for the report {@code tanhe report} would print ({@code GET /api/report}). */
final class TerminalReport {
    private static final Duration CONNECT = Duration.ofSeconds(3);
    private static final Duration ANSWER = Duration.ofMinutes(2);

    /**
     * The API's answer.
     *
     * @param status the HTTP status
     * @param body   the report text when 200; otherwise what went wrong, as the API says it
     */
    record Answer(int status, String body) {
        boolean ok() {
            return status == 200;
        }
    }

    private TerminalReport() {
    }

    /**
     * Fetches the report from the API at {@code api} (e.g. {@code http://127.0.0.1:8017}) with the viewer
     * {@code token} the terminal left in its data directory; over HTTPS it trusts only the certificate the
     * terminal left there ({@link PinnedCertificate}).
     *
     * @throws IOException when the API does not answer (the terminal is gone, or the address is not its API)
     */
    static Answer fetch(String api, String token, java.nio.file.Path dataDir, String grain, String from, String to,
                        ReportFormat format) throws IOException {
        StringBuilder query = new StringBuilder("/api/report?grain=").append(encode(grain))
                .append("&from=").append(encode(from)).append("&format=").append(format.name().toLowerCase(Locale.ROOT));
        if (to != null) {
            query.append("&to=").append(encode(to));
        }
        HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(CONNECT);
        String target = api;
        if (api.startsWith("https://")) {
            try {
                client.sslContext(PinnedCertificate.context(dataDir));
            } catch (java.security.GeneralSecurityException e) {
                throw new IOException("cannot trust the terminal's certificate " + dataDir.resolve(PinnedCertificate.FILE) + ": " + e.getMessage(), e);
            }
            // bound to every address: reach it on this machine's loopback
            target = api.replace("://0.0.0.0:", "://127.0.0.1:").replace("://[::]:", "://[::1]:");
        }
        HttpClient http = client.build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(target + query)).timeout(ANSWER)
                .header("Authorization", "Bearer " + token).GET().build();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(r.statusCode(), r.statusCode() == 200 ? r.body() : errorOf(r.body()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + api, e);
        } catch (IllegalArgumentException e) {
            throw new IOException("`" + api + "` is not an API address", e);
        }
    }

    /** The {@code error} of the API's JSON answer, or the answer itself when it is not that. */
    private static String errorOf(String body) {
        try {
            String error = new ObjectMapper().readTree(body).path("error").asText("");
            return error.isEmpty() ? body : error;
        } catch (IOException e) {
            return body;
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
