package io.tanhe.drivers.mqtt;

import io.tanhe.drivers.Reading;
import io.tanhe.drivers.ReadingSink;
import io.tanhe.drivers.Source;
import io.tanhe.drivers.json.JsonReadingMapper;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.MqttTopic;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Subscribes to an MQTT broker with Eclipse Paho and maps each JSON message to readings.
 * Connecting, reconnecting (with capped exponential backoff) and resubscribing after every
 * (re)connect happen on the source's own thread; a broker that is down only delays readings.
 * A message that cannot be mapped yields {@code COMM_ERROR} readings, it never stops the source.
 */
public final class MqttSource implements Source {

    private static final Logger LOG = LoggerFactory.getLogger(MqttSource.class);
    private static final int QOS = 1;

    private final MqttSourceConfig config;
    private final Clock clock;
    private final JsonReadingMapper mapper;
    private final ScheduledExecutorService connector;
    private volatile ReadingSink sink;
    private volatile MqttClient client;
    private volatile boolean closed;
    private volatile boolean subscribed;
    private Duration nextDelay;

    /** @param clock gives the arrival time of messages whose points carry no timestamp */
    public MqttSource(MqttSourceConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.mapper = new JsonReadingMapper(config.id());
        this.connector = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mqtt-" + config.id());
            t.setDaemon(true);
            return t;
        });
        this.nextDelay = config.reconnect().initial();
    }

    @Override
    public String id() {
        return config.id();
    }

    @Override
    public void start(ReadingSink sink) {
        this.sink = sink;
        try {
            client = new MqttClient(config.serverUri(), config.clientId(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException("mqtt source " + config.id() + ": bad server URI or client id: " + e.getMessage(), e);
        }
        client.setCallback(new Callback());
        connector.execute(this::connect);
    }

    /** Whether the broker connection is up and every subscription was made on it (for status displays). */
    public boolean isSubscribed() {
        MqttClient c = client;
        return subscribed && c != null && c.isConnected();
    }

    private void connect() {
        if (closed || client.isConnected()) {
            return;
        }
        try {
            client.connect(options());
            LOG.info("mqtt {} connected to {}", config.id(), config.serverUri());
            nextDelay = config.reconnect().initial();
            subscribeAll();
        } catch (MqttException | IllegalStateException e) {
            Duration delay = nextDelay;
            nextDelay = config.reconnect().after(delay);
            LOG.warn("mqtt {} cannot connect to {}: {}; retrying in {} ms",
                    config.id(), config.serverUri(), describe(e), delay.toMillis());
            schedule(this::connect, delay);
        }
    }

    /** Paho's messages are often just the class name; the reason code and the cause say more. */
    private static String describe(Exception e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        if (e instanceof MqttException m) {
            text.append(" (reason ").append(m.getReasonCode()).append(')');
        }
        if (e.getCause() != null) {
            text.append(": ").append(e.getCause().getMessage());
        }
        return text.toString();
    }

    private void subscribeAll() {
        boolean all = true;
        for (MqttSubscription subscription : config.subscriptions()) {
            try {
                client.subscribe(subscription.topicFilter(), QOS);
                LOG.info("mqtt {} subscribed to {}", config.id(), subscription.topicFilter());
            } catch (MqttException e) {
                LOG.error("mqtt {} cannot subscribe to {}: {} (reason {})",
                        config.id(), subscription.topicFilter(), e.getMessage(), e.getReasonCode());
                all = false;
            }
        }
        subscribed = all;
    }

    /**
     * Runs on Paho's callback thread: must never throw, or Paho drops the connection. Messages are
     * matched against the filters here rather than by per-subscription listeners, because a broker
     * that kept our session delivers queued messages before the listeners would be registered again.
     */
    private void deliver(String topic, MqttMessage message) {
        Instant arrived = clock.instant();
        for (MqttSubscription subscription : config.subscriptions()) {
            if (!MqttTopic.isMatched(subscription.topicFilter(), topic)) {
                continue;
            }
            try {
                List<Reading> readings = mapper.map(message.getPayload(), subscription.pointsFor(topic), arrived);
                readings.forEach(sink::accept);
            } catch (RuntimeException e) {
                LOG.error("mqtt {} dropped a message on {}: {}", config.id(), topic, e.toString());
            }
        }
    }

    private MqttConnectOptions options() {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(config.cleanSession());
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(10);
        options.setKeepAliveInterval(30);
        if (config.username() != null) {
            options.setUserName(config.username());
        }
        if (config.password() != null) {
            options.setPassword(config.password().toCharArray());
        }
        if (config.tls() != null) {
            options.setSocketFactory(config.tls().sslContext().getSocketFactory());
        }
        return options;
    }

    private void schedule(Runnable task, Duration delay) {
        try {
            connector.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("mqtt {} is closed; no reconnect", config.id());
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        connector.shutdownNow();
        MqttClient c = client;
        if (c == null) {
            return;
        }
        try {
            if (c.isConnected()) {
                c.disconnect(1000);
            }
        } catch (MqttException e) {
            LOG.debug("mqtt {} disconnect: {}", config.id(), e.getMessage());
        }
        try {
            c.close(true);
        } catch (MqttException e) {
            LOG.debug("mqtt {} close: {}", config.id(), e.getMessage());
        }
        LOG.info("mqtt {} closed", config.id());
    }

    private final class Callback implements MqttCallback {
        @Override
        public void connectionLost(Throwable cause) {
            subscribed = false;
            LOG.warn("mqtt {} lost the connection to {}: {}; reconnecting", config.id(), config.serverUri(), cause.toString());
            schedule(MqttSource.this::connect, config.reconnect().initial());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            deliver(topic, message);
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // a subscriber publishes nothing
        }
    }
}
