package io.tanhe.drivers.mqtt;

import io.tanhe.drivers.config.ConfigContext;
import io.tanhe.grammar.config.ConfigNode;
import io.tanhe.drivers.config.ConfiguredSource;
import io.tanhe.drivers.config.PointSettings;
import io.tanhe.drivers.config.SourceType;
import io.tanhe.drivers.fields.JsonMappingField;
import io.tanhe.drivers.fields.TlsField;
import io.tanhe.drivers.fields.ZoneField;
import io.tanhe.drivers.json.JsonPointMapping;
import io.tanhe.drivers.retry.Backoff;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code type: mqtt}: {@code broker} ({@code tcp://host:1883} or {@code ssl://host:8883}),
 * optional {@code client_id}, {@code username}, {@code password}, {@code clean_session} (default false),
 * {@code reconnect_min}/{@code reconnect_max} (default 1s/60s), {@code tls}, {@code zone}, and
 * {@code subscriptions}: each a {@code topic} filter with its {@code points} (JSON mapping fields).
 */
public final class MqttType implements SourceType {
    @Override
    public String type() {
        return "mqtt";
    }

    @Override
    public ConfiguredSource create(String id, ConfigNode device, ConfigContext ctx) {
        String broker = device.text("broker");
        if (!broker.isEmpty() && !broker.matches("(tcp|ssl)://[^/]+:\\d+")) {
            device.problem("broker", "`" + broker + "` is not tcp://host:port or ssl://host:port");
        }
        Duration min = device.duration("reconnect_min", Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofMinutes(10));
        Duration max = device.duration("reconnect_max", Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofHours(1));
        if (max.compareTo(min) < 0) {
            device.problem("reconnect_max", "is shorter than reconnect_min");
            max = min;
        }
        ZoneId zone = ZoneField.read(device);
        List<PointSettings> allPoints = new ArrayList<>();
        List<MqttSubscription> subscriptions = new ArrayList<>();
        for (ConfigNode s : device.list("subscriptions")) {
            String topic = s.text("topic");
            List<JsonPointMapping> mappings = new ArrayList<>();
            for (ConfigNode p : s.list("points")) {
                PointSettings settings = PointSettings.read(p);
                allPoints.add(settings);
                mappings.add(JsonMappingField.read(p, settings, zone));
            }
            if (mappings.isEmpty()) {
                s.problem("points", "a subscription needs at least one point");
            } else {
                subscriptions.add(new MqttSubscription(topic, mappings));
            }
        }
        if (subscriptions.isEmpty()) {
            device.problem("subscriptions", "an MQTT source needs at least one subscription with points");
        }
        MqttSourceConfig config = new MqttSourceConfig(id, broker, device.text("client_id", null),
                device.text("username", null), device.text("password", null), TlsField.read(device, ctx),
                device.bool("clean_session", false), new Backoff(min, max), subscriptions);
        return new ConfiguredSource.Pushed(new MqttSource(config, ctx.clock()), allPoints);
    }
}
