package io.tanhe.drivers.mqtt;

import io.tanhe.drivers.retry.Backoff;
import io.tanhe.drivers.tls.TlsSettings;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * An MQTT source: one broker connection and its subscriptions.
 *
 * @param id            source id, used in readings and logs
 * @param serverUri     {@code tcp://host:1883} or {@code ssl://host:8883}
 * @param clientId      the MQTT client id; stable, so the broker keeps the session across reconnects
 * @param username      user name, or {@code null} for anonymous access
 * @param password      password, or {@code null}
 * @param tls           trust and key stores for {@code ssl://} URIs, or {@code null} for the JVM defaults
 * @param cleanSession  whether the broker forgets the session on disconnect; {@code false} lets it queue
 *                      QoS 1 messages while the terminal is away
 * @param reconnect     delays between connection attempts
 * @param subscriptions what to subscribe to, all at QoS 1
 */
public record MqttSourceConfig(String id, String serverUri, String clientId, String username, String password,
                               TlsSettings tls, boolean cleanSession, Backoff reconnect,
                               List<MqttSubscription> subscriptions) {

    public MqttSourceConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(serverUri, "serverUri");
        clientId = clientId == null ? "tanhe-" + id : clientId;
        reconnect = reconnect == null ? new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60)) : reconnect;
        subscriptions = List.copyOf(subscriptions);
    }
}
