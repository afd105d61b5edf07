package io.tanhe.drivers.mqtt;

import com.fasterxml.jackson.core.JsonPointer;
import io.tanhe.drivers.Quality;
import io.tanhe.drivers.Reading;
import io.tanhe.drivers.json.JsonPointMapping;
import io.tanhe.drivers.json.TimestampFormat;
import io.tanhe.drivers.peers.CollectingSink;
import io.tanhe.drivers.peers.Mosquitto;
import io.tanhe.drivers.retry.Backoff;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class MqttSourceTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Instant ARRIVAL = Instant.parse("2024-03-01T00:00:00Z");

    @TempDir
    Path dir;
    private Mosquitto broker;
    private MqttSource source;
    private MqttClient publisher;
    private final CollectingSink sink = new CollectingSink();

    @BeforeEach
    void startBroker() {
        broker = Mosquitto.plain(dir);
    }

    @AfterEach
    void stopAll() throws MqttException {
        if (source != null) {
            source.close();
        }
        if (publisher != null) {
            if (publisher.isConnected()) {
                publisher.disconnect();
            }
            publisher.close();
        }
        broker.close();
    }

    @Test
    void oneMessageFeedsSeveralPointsWithTheirDigitsTimestampAndUnit() throws Exception {
        JsonPointMapping energy = new JsonPointMapping("boiler.energy", JsonPointer.compile("/e"), "kWh", null,
                JsonPointer.compile("/ts"), new TimestampFormat.Iso(ZoneOffset.ofHours(8)), null, null);
        JsonPointMapping flow = new JsonPointMapping("boiler.flow", JsonPointer.compile("/flow/v"), "m3/h",
                JsonPointer.compile("/flow/u"), null, null, JsonPointer.compile("/flow/q"), Set.of("good"));
        start(new MqttSubscription("site/boiler", List.of(energy, flow)));

        publish("site/boiler", "{\"ts\":\"2024-03-01 08:15:00\",\"e\":12345.60,\"flow\":{\"v\":\"3.250\",\"u\":\"t/h\",\"q\":\"good\"}}");

        Reading e = sink.await(r -> r.pointId().equals("boiler.energy"), WAIT);
        assertEquals(Quality.MEASURED, e.quality(), e.detail());
        assertEquals(new BigDecimal("12345.60"), e.value());
        assertEquals("12345.60", e.value().toPlainString());
        assertEquals(Instant.parse("2024-03-01T00:15:00Z"), e.measuredAt());
        assertEquals("kWh", e.unit());
        Reading f = sink.await(r -> r.pointId().equals("boiler.flow"), WAIT);
        assertEquals(Quality.MEASURED, f.quality(), f.detail());
        assertEquals("3.250", f.value().toPlainString());
        assertEquals("t/h", f.unit());
        assertEquals(ARRIVAL, f.measuredAt());
        assertEquals("mqtt1", f.sourceId());
    }

    @Test
    void wildcardTopicLevelNamesThePoint() throws Exception {
        start(new MqttSubscription("plant/+/meter/#", List.of(JsonPointMapping.of("{topic[1]}.energy", "/kwh", "kWh"))));

        publish("plant/kiln2/meter/main", "{\"kwh\": 7}");
        publish("plant/mill/meter", "{\"kwh\": 8}");

        Reading r = sink.await(x -> true, WAIT);
        assertEquals("kiln2.energy", r.pointId());
        assertEquals(new BigDecimal("7"), r.value());
        Reading s = sink.await(x -> true, WAIT);
        assertEquals("mill.energy", s.pointId());
    }

    @Test
    void badPayloadsBecomeCommErrorReadingsAndTheSourceKeepsGoing() throws Exception {
        start(new MqttSubscription("m/1", List.of(JsonPointMapping.of("p", "/v", "kWh"))));

        publish("m/1", "not json at all");
        assertCommError("payload is not JSON");
        publish("m/1", "{\"other\": 1}");
        assertCommError("no value at /v");
        publish("m/1", "{\"v\": \"twelve\"}");
        assertCommError("value at /v is not a number: \"twelve\"");
        publish("m/1", "{\"v\": 1.5} trailing");
        assertCommError("payload is not JSON");
        publish("m/1", "");
        assertCommError("payload is empty");

        publish("m/1", "{\"v\": 1.5}");
        Reading good = sink.await(r -> r.quality() == Quality.MEASURED, WAIT);
        assertEquals(new BigDecimal("1.5"), good.value());
    }

    @Test
    void brokerRestartEndsInReconnectResubscribeAndNewReadings() throws Exception {
        start(new MqttSubscription("m/+", List.of(JsonPointMapping.of("p", "/v", "kWh"))));
        publish("m/a", "{\"v\": 1}");
        assertEquals(new BigDecimal("1"), sink.await(r -> true, WAIT).value());

        broker.restart();
        publisher.close(true);
        publisher = null;
        awaitSubscribed();

        // the restarted broker lost every subscription; a reading proves the source subscribed again
        publish("m/b", "{\"v\": 2}");
        assertEquals(new BigDecimal("2"), sink.await(r -> true, WAIT).value());
    }

    @Test
    void sourceStartedBeforeTheBrokerConnectsWhenItComesUp() throws Exception {
        broker.stop();
        start(new MqttSubscription("m/1", List.of(JsonPointMapping.of("p", "/v", "kWh"))));
        Thread.sleep(300);
        assertFalse(source.isSubscribed());
        broker.restart();
        awaitSubscribed();

        publish("m/1", "{\"v\": 3}");
        assertEquals(new BigDecimal("3"), sink.await(r -> true, WAIT).value());
    }

    private void start(MqttSubscription subscription) throws InterruptedException {
        MqttSourceConfig config = new MqttSourceConfig("mqtt1", broker.tcpUri(), null, null, null, null, false,
                new Backoff(Duration.ofMillis(100), Duration.ofMillis(400)), List.of(subscription));
        source = new MqttSource(config, Clock.fixed(ARRIVAL, ZoneOffset.UTC));
        source.start(sink);
        if (broker.isRunning()) {
            awaitSubscribed();
        }
    }

    private void awaitSubscribed() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!source.isSubscribed() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(source.isSubscribed(), "source (re)connected and subscribed within " + WAIT);
    }

    private void assertCommError(String detail) {
        Reading r = sink.await(x -> true, WAIT);
        assertEquals(Quality.COMM_ERROR, r.quality());
        assertTrue(r.detail().startsWith(detail), r.detail());
    }

    private void publish(String topic, String payload) throws MqttException {
        if (publisher == null) {
            publisher = new MqttClient(broker.tcpUri(), "test-publisher", new MemoryPersistence());
            MqttConnectOptions options = new MqttConnectOptions();
            options.setConnectionTimeout(5);
            publisher.connect(options);
        }
        publisher.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
    }
}
