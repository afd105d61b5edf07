package io.tanhe.drivers.http;

import com.fasterxml.jackson.core.JsonPointer;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tanhe.drivers.Quality;
import io.tanhe.drivers.Reading;
import io.tanhe.drivers.json.JsonPointMapping;
import io.tanhe.drivers.json.TimestampFormat;
import io.tanhe.drivers.peers.FreePort;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class HttpPullDeviceTest {
    private static final Instant POLL = Instant.parse("2024-03-01T00:15:00Z");
    private static final List<JsonPointMapping> POINTS = List.of(
            new JsonPointMapping("gas.total", JsonPointer.compile("/data/0/total"), "Nm3", null,
                    JsonPointer.compile("/data/0/t"), new TimestampFormat.EpochMillis(), null, null),
            JsonPointMapping.of("gas.flow", "/data/0/flow", "Nm3/h"));

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/meter", ex -> {
            if (!"Bearer s3cret".equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                reply(ex, 401, "{\"error\":\"unauthorised\"}");
                return;
            }
            reply(ex, 200, "{\"data\":[{\"t\":1709252100000,\"total\":98765.4321,\"flow\":\"12.50\"}]}");
        });
        server.createContext("/broken", ex -> reply(ex, 500, "Internal Server Error"));
        server.createContext("/garbage", ex -> reply(ex, 200, "<html>maintenance</html>"));
        server.createContext("/slow", ex -> {
            requests.incrementAndGet();
            sleep(1500);
            reply(ex, 200, "{}");
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    @Test
    void answerIsMappedWithHeadersDigitsAndDeviceTimestamp() {
        List<Reading> readings = poll("/meter", Map.of("Authorization", "Bearer s3cret"), Duration.ofSeconds(2), 0);

        Reading total = readings.get(0);
        assertEquals(Quality.MEASURED, total.quality(), total.detail());
        assertEquals("98765.4321", total.value().toPlainString());
        assertEquals(Instant.ofEpochMilli(1709252100000L), total.measuredAt());
        Reading flow = readings.get(1);
        assertEquals(new BigDecimal("12.50"), flow.value());
        assertEquals(POLL, flow.measuredAt());
        assertEquals("Nm3/h", flow.unit());
    }

    @Test
    void missingHeaderGivesDeviceErrorWithTheStatus() {
        List<Reading> readings = poll("/meter", Map.of(), Duration.ofSeconds(2), 0);

        assertEquals(2, readings.size());
        readings.forEach(r -> {
            assertEquals(Quality.DEVICE_ERROR, r.quality());
            assertTrue(r.detail().startsWith("HTTP 401 from http://"), r.detail());
            assertNull(r.value());
        });
    }

    @Test
    void serverErrorGivesDeviceErrorWithTheStatus() {
        Reading r = poll("/broken", Map.of(), Duration.ofSeconds(2), 0).get(0);

        assertEquals(Quality.DEVICE_ERROR, r.quality());
        assertTrue(r.detail().contains("HTTP 500") && r.detail().endsWith("Internal Server Error"), r.detail());
    }

    @Test
    void garbageBodyGivesCommError() {
        Reading r = poll("/garbage", Map.of(), Duration.ofSeconds(2), 0).get(0);

        assertEquals(Quality.COMM_ERROR, r.quality());
        assertTrue(r.detail().startsWith("payload is not JSON"), r.detail());
    }

    @Test
    void slowServerGivesTimeoutAfterTheRetries() {
        List<Reading> readings = poll("/slow", Map.of(), Duration.ofMillis(300), 1);

        assertEquals(Quality.TIMEOUT, readings.get(0).quality());
        assertTrue(readings.get(0).detail().contains("within 300 ms"), readings.get(0).detail());
        assertEquals(2, requests.get(), "one request and one retry");
    }

    @Test
    void unreachableServerGivesCommError() {
        URI closed = URI.create("http://127.0.0.1:" + FreePort.pick() + "/meter");
        HttpPullDevice device = new HttpPullDevice(new HttpPullConfig("h1", closed, Map.of(), Duration.ofSeconds(1), 0, null, POINTS));

        Reading r = device.poll(POLL).get(0);

        assertEquals(Quality.COMM_ERROR, r.quality());
        assertTrue(r.detail().startsWith("cannot reach " + closed), r.detail());
    }

    private List<Reading> poll(String path, Map<String, String> headers, Duration timeout, int retries) {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
        try (HttpPullDevice device = new HttpPullDevice(new HttpPullConfig("h1", url, headers, timeout, retries, null, POINTS))) {
            return device.poll(POLL);
        }
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        } catch (IOException clientGone) {
            // the client timed out and closed the connection
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
