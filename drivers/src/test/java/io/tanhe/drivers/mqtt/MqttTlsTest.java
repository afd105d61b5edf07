package io.tanhe.drivers.mqtt;

import io.tanhe.drivers.Quality;
import io.tanhe.drivers.Reading;
import io.tanhe.drivers.json.JsonPointMapping;
import io.tanhe.drivers.peers.CollectingSink;
import io.tanhe.drivers.peers.Mosquitto;
import io.tanhe.drivers.peers.TestCertificates;
import io.tanhe.drivers.retry.Backoff;
import io.tanhe.drivers.tls.TlsSettings;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real mosquitto with a TLS listener and a password file. */
@Timeout(60)
class MqttTlsTest {
    @TempDir
    Path dir;
    private Mosquitto broker;
    private TestCertificates certs;
    private MqttSource source;

    @BeforeEach
    void startTlsBroker() throws Exception {
        certs = TestCertificates.create(dir);
        Path passwords = Files.createFile(dir.resolve("passwords"));
        Mosquitto.addUser(passwords, "terminal", "s3cret");
        broker = Mosquitto.start(dir, "allow_anonymous false\npassword_file " + passwords + "\n"
                + "cafile " + certs.caPem() + "\ncertfile " + certs.serverPem() + "\nkeyfile " + certs.serverKeyPem() + "\n");
    }

    @AfterEach
    void stop() {
        if (source != null) {
            source.close();
        }
        broker.close();
    }

    @Test
    void connectsOverTlsWithTrustStoreAndPassword() throws Exception {
        CollectingSink sink = new CollectingSink();
        source = start("s3cret", TlsSettings.trusting(certs.trustStore(), TestCertificates.STORE_PASSWORD));
        source.start(sink);
        awaitSubscribed(true);

        MqttClient publisher = new MqttClient(broker.sslUri(), "tls-publisher", new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName("terminal");
        options.setPassword("s3cret".toCharArray());
        options.setSocketFactory(TlsSettings.trusting(certs.trustStore(), TestCertificates.STORE_PASSWORD).sslContext().getSocketFactory());
        publisher.connect(options);
        publisher.publish("secure/m", "{\"v\": 42.0}".getBytes(StandardCharsets.UTF_8), 1, false);
        publisher.disconnect();
        publisher.close();

        Reading r = sink.await(x -> true, Duration.ofSeconds(10));
        assertEquals(Quality.MEASURED, r.quality());
        assertEquals(new BigDecimal("42.0"), r.value());
    }

    @Test
    void wrongPasswordOrUntrustedServerNeverConnectsAndNeverThrows() throws Exception {
        source = start("wrong", TlsSettings.trusting(certs.trustStore(), TestCertificates.STORE_PASSWORD));
        source.start(new CollectingSink());
        MqttSource untrusting = start("s3cret", null);
        try {
            untrusting.start(new CollectingSink());
            Thread.sleep(1500);
            assertFalse(source.isSubscribed(), "refused with a wrong password");
            assertFalse(untrusting.isSubscribed(), "the JVM's default CAs do not trust the test CA");
        } finally {
            untrusting.close();
        }
    }

    @Test
    void brokerThatRequiresAClientCertificateAcceptsTheConfiguredOne() throws Exception {
        broker.close();
        broker = Mosquitto.start(dir, "allow_anonymous true\nrequire_certificate true\n"
                + "cafile " + certs.caPem() + "\ncertfile " + certs.serverPem() + "\nkeyfile " + certs.serverKeyPem() + "\n");
        source = start(null, new TlsSettings(certs.trustStore(), TestCertificates.STORE_PASSWORD,
                certs.clientKeyStore(), TestCertificates.STORE_PASSWORD, "PKCS12"));
        MqttSource withoutCertificate = start(null, TlsSettings.trusting(certs.trustStore(), TestCertificates.STORE_PASSWORD));
        try {
            source.start(new CollectingSink());
            withoutCertificate.start(new CollectingSink());
            awaitSubscribed(true);
            assertFalse(withoutCertificate.isSubscribed(), "no client certificate, no connection");
        } finally {
            withoutCertificate.close();
        }
    }

    private MqttSource start(String password, TlsSettings tls) {
        return new MqttSource(new MqttSourceConfig("tls-" + password + (tls == null ? "-default" : "") + (tls != null && tls.keyStore() != null ? "-cert" : ""),
                broker.sslUri(), null, password == null ? null : "terminal", password, tls, true, new Backoff(Duration.ofMillis(100), Duration.ofMillis(500)),
                List.of(new MqttSubscription("secure/#", List.of(JsonPointMapping.of("p", "/v", "kWh"))))), Clock.systemUTC());
    }

    private void awaitSubscribed(boolean expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (source.isSubscribed() != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(source.isSubscribed() == expected, "subscribed over TLS");
    }
}
