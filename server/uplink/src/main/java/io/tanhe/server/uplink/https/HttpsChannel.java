package io.tanhe.server.uplink.https;

import io.tanhe.server.uplink.config.CentreConfig;
import io.tanhe.server.uplink.delivery.Channel;
import io.tanhe.server.uplink.delivery.DeliveryException;
import io.tanhe.server.uplink.delivery.QueuedUpload;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/**
 * JSON batches POSTed over HTTPS (section 7.2.3 (6)) with the JDK {@link HttpClient}: TLS with the
 * centre's trust store and optional client certificate, header {@code Idempotency-Key} with the
 * batch key, and a 2xx answer as the acknowledgement of every upload in the batch. Anything else
 * (a refused connection, a timeout, a 5xx, a 4xx) leaves the batch queued: the worker retries with
 * backoff, so data is resent until acknowledged.
 */
public final class HttpsChannel implements Channel {
    private final CentreConfig centre;
    private final URI uri;
    private final HttpClient client;
    private volatile boolean lastOk;

    public HttpsChannel(CentreConfig centre) {
        this.centre = centre;
        this.uri = URI.create(centre.address());
        this.client = HttpClient.newBuilder().sslContext(TlsContexts.of(centre.tls()))
                .connectTimeout(centre.delivery().timeout()).version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public void maintain() {
        // HTTPS opens connections per request (the client pools them); nothing to keep alive.
    }

    @Override
    public void deliver(List<QueuedUpload> uploads, Consumer<QueuedUpload> acked) throws DeliveryException {
        String key = BatchJson.batchKey(uploads);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(centre.delivery().timeout())
                .header("Content-Type", "application/json; charset=utf-8").header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(BatchJson.body(centre.terminalId().orElseThrow(), key, uploads),
                        StandardCharsets.UTF_8)).build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            lastOk = false;
            throw new DeliveryException("centre " + centre.id() + " at " + uri + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lastOk = false;
            throw new DeliveryException("centre " + centre.id() + ": interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            lastOk = false;
            String body = response.body();
            throw new DeliveryException("centre " + centre.id() + " at " + uri + " answered HTTP " + response.statusCode()
                    + ": " + body.substring(0, Math.min(200, body.length())));
        }
        lastOk = true;
        uploads.forEach(acked);
    }

    @Override
    public boolean connected() {
        return lastOk;
    }

    @Override
    public void close() {
        // the JDK 17 HttpClient has no close; its idle connections time out by themselves
    }
}
