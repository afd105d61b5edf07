package io.tanhe.drivers.http;

import io.tanhe.drivers.PolledDevice;
import io.tanhe.drivers.Quality;
import io.tanhe.drivers.Reading;
import io.tanhe.drivers.json.JsonReadingMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Polls a JSON endpoint with the JDK's HTTP client and maps the answer with the same JSON Pointer
 * mapping as MQTT. Failures become flagged readings for every point: {@code TIMEOUT} when no answer
 * came in time, {@code COMM_ERROR} when the server cannot be reached or the answer is not usable
 * JSON, {@code DEVICE_ERROR} with the status in the detail for any non-2xx answer.
 */
public final class HttpPullDevice implements PolledDevice {

    private static final Logger LOG = LoggerFactory.getLogger(HttpPullDevice.class);

    private final HttpPullConfig config;
    private final JsonReadingMapper mapper;
    private final HttpRequest request;
    private HttpClient client;

    /** Opens nothing: the client (and its TLS stores) is set up on the first poll. */
    public HttpPullDevice(HttpPullConfig config) {
        this.config = config;
        this.mapper = new JsonReadingMapper(config.id());
        HttpRequest.Builder request = HttpRequest.newBuilder(config.url()).timeout(config.timeout()).GET();
        config.headers().forEach(request::header);
        this.request = request.build();
    }

    private synchronized HttpClient client() {
        if (client == null) {
            HttpClient.Builder builder = HttpClient.newBuilder()
                    .connectTimeout(config.timeout())
                    .followRedirects(HttpClient.Redirect.NORMAL);
            if (config.tls() != null) {
                builder.sslContext(config.tls().sslContext());
            }
            client = builder.build();
        }
        return client;
    }

    @Override
    public String id() {
        return config.id();
    }

    @Override
    public List<Reading> poll(Instant scheduledAt) {
        HttpClient client;
        try {
            client = client();
        } catch (IllegalStateException e) {
            return fail(scheduledAt, new Failure(Quality.COMM_ERROR, e.getMessage()));
        }
        Failure failure = null;
        for (int attempt = 0; attempt <= config.retries(); attempt++) {
            try {
                HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                return answer(response, scheduledAt);
            } catch (HttpTimeoutException e) {
                failure = new Failure(Quality.TIMEOUT, "no answer from " + config.url() + " within " + config.timeout().toMillis() + " ms");
            } catch (IOException e) {
                failure = new Failure(Quality.COMM_ERROR, "cannot reach " + config.url() + ": " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return fail(scheduledAt, new Failure(Quality.COMM_ERROR, "poll of " + config.url() + " interrupted"));
            }
            LOG.debug("http {} attempt {} failed: {}", config.id(), attempt + 1, failure.detail());
        }
        return fail(scheduledAt, failure);
    }

    private List<Reading> answer(HttpResponse<byte[]> response, Instant scheduledAt) {
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            String body = new String(response.body(), StandardCharsets.UTF_8).strip();
            String excerpt = body.length() > 60 ? body.substring(0, 57) + "..." : body;
            return fail(scheduledAt, new Failure(Quality.DEVICE_ERROR,
                    "HTTP " + status + " from " + config.url() + (excerpt.isEmpty() ? "" : ": " + excerpt)));
        }
        return mapper.map(response.body(), config.points(), scheduledAt);
    }

    private List<Reading> fail(Instant at, Failure failure) {
        LOG.warn("http {} poll failed: {}", config.id(), failure.detail());
        return mapper.failAll(config.points(), at, failure.quality(), failure.detail());
    }

    @Override
    public void close() {
        // the JDK client releases its connections when it is no longer referenced
    }

    private record Failure(Quality quality, String detail) {
    }
}
