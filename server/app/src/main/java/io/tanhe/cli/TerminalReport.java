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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Asks a running terminal's API for the reports {@code tanhe report} would make ({@code GET /api/report},
 * {@code GET /api/report/annual}), with the viewer token the terminal left in its data directory; over HTTPS
 * it trusts only the certificate the terminal left there ({@link PinnedCertificate}).
 */
final class TerminalReport {
    private static final Duration CONNECT = Duration.ofSeconds(3);
    private static final Duration ANSWER = Duration.ofMinutes(2);

    /**
     * The API's answer.
     *
     * @param status the HTTP status
     * @param body   the report when 200 (text as UTF-8, or a PDF or workbook); otherwise what went wrong, as the API says it
     */
    record Answer(int status, byte[] body) {
        boolean ok() {
            return status == 200;
        }

        /** The body as text. */
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private TerminalReport() {
    }

    /**
     * Fetches the periodic report from the API at {@code api} (e.g. {@code http://127.0.0.1:8017}).
     *
     * @throws IOException when the API does not answer (the terminal is gone, or the address is not its API)
     */
    static Answer fetch(String api, Path dataDir, String grain, String from, String to, ReportFormat format)
            throws IOException {
        StringBuilder query = new StringBuilder("/api/report?grain=").append(encode(grain))
                .append("&from=").append(encode(from)).append("&format=").append(format.name().toLowerCase(Locale.ROOT));
        if (to != null) {
            query.append("&to=").append(encode(to));
        }
        return get(api, dataDir, query.toString());
    }

    /** The annual report of {@code year} ({@code GET /api/report/annual}) as a PDF or workbook. */
    static Answer annual(String api, Path dataDir, int year, ReportFormat format) throws IOException {
        return get(api, dataDir, "/api/report/annual?year=" + year + "&format=" + format.name().toLowerCase(Locale.ROOT));
    }

    private static Answer get(String api, Path dataDir, String pathAndQuery) throws IOException {
        String token = Files.readString(dataDir.resolve(TerminalSecurity.CLI_TOKEN)).strip();
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
        HttpRequest request = HttpRequest.newBuilder(URI.create(target + pathAndQuery)).timeout(ANSWER)
                .header("Authorization", "Bearer " + token).GET().build();
        try {
            HttpResponse<byte[]> r = client.build().send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(r.statusCode(), r.statusCode() == 200 ? r.body()
                    : errorOf(new String(r.body(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
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
