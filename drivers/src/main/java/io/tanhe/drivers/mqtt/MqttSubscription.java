package io.tanhe.drivers.mqtt;

import io.tanhe.drivers.json.JsonPointMapping;

import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One topic filter (MQTT wildcards {@code +} and {@code #} allowed) and the points its JSON messages carry.
 * A point id may contain {@code {topic[N]}}, replaced by the N-th level (from 0) of the topic a
 * message arrived on, so {@code plant/+/energy} can feed {@code {topic[1]}.energy} for every boiler.
 */
public record MqttSubscription(String topicFilter, List<JsonPointMapping> points) {

    private static final Pattern TOPIC_LEVEL = Pattern.compile("\\{topic\\[(\\d+)]}");

    public MqttSubscription {
        Objects.requireNonNull(topicFilter, "topicFilter");
        points = List.copyOf(points);
        if (points.isEmpty()) {
            throw new IllegalArgumentException("subscription " + topicFilter + " maps no points");
        }
    }

    /** The mappings with their point ids resolved against the topic a message arrived on. */
    public List<JsonPointMapping> pointsFor(String topic) {
        String[] levels = topic.split("/", -1);
        return points.stream().map(p -> p.withPointId(resolve(p.pointId(), levels, topic))).toList();
    }

    private static String resolve(String template, String[] levels, String topic) {
        if (template.indexOf('{') < 0) {
            return template;
        }
        Matcher m = TOPIC_LEVEL.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int level = Integer.parseInt(m.group(1));
            if (level >= levels.length) {
                throw new IllegalArgumentException("point id " + template + " names topic level " + level
                        + " but topic " + topic + " has only " + levels.length + " levels");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(levels[level]));
        }
        m.appendTail(out);
        return out.toString();
    }
}
