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
     * Fetches the report from the API at {@code api} (e.g. {@code http://127.0.0.1:8017}).
     *
     * @throws IOException when the API does not answer (the terminal is gone, or the address is not its API)
     */
    static Answer fetch(String api, String grain, String from, String to, ReportFormat format) throws IOException {
        StringBuilder query = new StringBuilder("/api/report?grain=").append(encode(grain))
                .append("&from=").append(encode(from)).append("&format=").append(format.name().toLowerCase(Locale.ROOT));
        if (to != null) {
            query.append("&to=").append(encode(to));
        }
        return get(api, query.toString());
    }

    /** The annual report of {@code year} ({@code GET /api/report/annual}) as a PDF or workbook. */
    static Answer annual(String api, int year, ReportFormat format) throws IOException {
        return get(api, "/api/report/annual?year=" + year + "&format=" + format.name().toLowerCase(Locale.ROOT));
    }

    private static Answer get(String api, String pathAndQuery) throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(api + pathAndQuery)).timeout(ANSWER).GET().build();
        try {
            HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
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
