package io.tanhe.server.uplink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A third-party data centre receiving HTTPS JSON batches (JDK HttpsServer, self-signed certificate),
 * suppressing duplicate uploads by their key, with fault injection: answer 503, or take the batch
 * but answer too late (a lost acknowledgement), for the next N requests.
 */
final class HttpsReceiver implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpsServer server;
    private final Map<String, JsonNode> uploads = new ConcurrentHashMap<>();
    private final List<JsonNode> arrivals = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicInteger slowAnswers = new AtomicInteger();
    private volatile long slowMillis;
    private volatile String lastIdempotencyKey;

    private HttpsReceiver(HttpsServer server) {
        this.server = server;
    }

    static HttpsReceiver start(TestCerts certs, boolean needClientCert) throws Exception {
        KeyStore keys = load(certs.serverKeys());
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, TestCerts.PASSWORD.toCharArray());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(load(certs.trustClient()));
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setHttpsConfigurator(new HttpsConfigurator(ctx) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = getSSLContext().getDefaultSSLParameters();
                p.setNeedClientAuth(needClientCert);
                params.setSSLParameters(p);
            }
        });
        HttpsReceiver r = new HttpsReceiver(server);
        server.createContext("/uplink", r::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        return r;
    }

    private static KeyStore load(Path p) throws Exception {
        try (InputStream in = Files.newInputStream(p)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, TestCerts.PASSWORD.toCharArray());
            return ks;
        }
    }

    String url() {
        return "https://127.0.0.1:" + server.getAddress().getPort() + "/uplink";
    }

    /** The next {@code n} requests are answered 503 without being taken. */
    HttpsReceiver failNext(int n) {
        failures.set(n);
        return this;
    }

    /** The next {@code n} requests are taken but answered after {@code millis} (past the client's timeout). */
    HttpsReceiver answerLate(int n, long millis) {
        slowMillis = millis;
        slowAnswers.set(n);
        return this;
    }

    private void handle(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        byte[] body = ex.getRequestBody().readAllBytes();
        if (failures.getAndUpdate(v -> v > 0 ? v - 1 : 0) > 0) {
            respond(ex, 503, "busy");
            return;
        }
        JsonNode batch = JSON.readTree(body);
        lastIdempotencyKey = ex.getRequestHeaders().getFirst("Idempotency-Key");
        for (JsonNode u : batch.get("uploads")) {
            arrivals.add(u);
            if (uploads.putIfAbsent(u.get("key").asText(), u) != null) {
                duplicates.incrementAndGet();
            }
        }
        if (slowAnswers.getAndUpdate(v -> v > 0 ? v - 1 : 0) > 0) {
            try {
                Thread.sleep(slowMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        respond(ex, 200, "{\"accepted\":" + batch.get("uploads").size() + "}");
    }

    private static void respond(HttpExchange ex, int status, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    Map<String, JsonNode> uploads() {
        return Map.copyOf(uploads);
    }

    List<JsonNode> arrivals() {
        synchronized (arrivals) {
            return List.copyOf(arrivals);
        }
    }

    long duplicates() {
        return duplicates.get();
    }

    long requests() {
        return requests.get();
    }

    String lastIdempotencyKey() {
        return lastIdempotencyKey;
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
