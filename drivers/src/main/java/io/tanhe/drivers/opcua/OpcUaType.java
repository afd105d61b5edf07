package io.tanhe.drivers.opcua;

import io.tanhe.drivers.config.ConfigContext;
import io.tanhe.grammar.config.ConfigNode;
import io.tanhe.drivers.config.ConfiguredSource;
import io.tanhe.drivers.config.PointSettings;
import io.tanhe.drivers.config.SourceType;
import io.tanhe.drivers.retry.Backoff;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code type: opcua}: {@code endpoint} ({@code opc.tcp://host:port/path}), optional
 * {@code publishing_interval} (default 1s), {@code timeout} per request (default 5s),
 * {@code reconnect_min}/{@code reconnect_max} (default 1s/60s), and {@code points}, each with the
 * {@code node} it monitors ({@code ns=2;s=Boiler1.Energy}).
 */
public final class OpcUaType implements SourceType {
    @Override
    public String type() {
        return "opcua";
    }

    @Override
    public ConfiguredSource create(String id, ConfigNode device, ConfigContext ctx) {
        String endpoint = device.text("endpoint");
        if (!endpoint.isEmpty() && !endpoint.startsWith("opc.tcp://")) {
            device.problem("endpoint", "`" + endpoint + "` is not an opc.tcp:// endpoint URL");
        }
        Duration publishing = device.duration("publishing_interval", Duration.ofSeconds(1), Duration.ofMillis(50), Duration.ofHours(1));
        Duration timeout = device.duration("timeout", Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofMinutes(1));
        Duration min = device.duration("reconnect_min", Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofMinutes(10));
        Duration max = device.duration("reconnect_max", Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofHours(1));
        if (max.compareTo(min) < 0) {
            device.problem("reconnect_max", "is shorter than reconnect_min");
            max = min;
        }
        List<PointSettings> points = new ArrayList<>();
        List<OpcUaNode> nodes = new ArrayList<>();
        Set<NodeId> seen = new HashSet<>();
        for (ConfigNode p : device.list("points")) {
            PointSettings settings = PointSettings.read(p);
            points.add(settings);
            String text = p.text("node");
            Optional<NodeId> node = NodeId.parseSafe(text);
            if (node.isEmpty()) {
                if (!text.isEmpty()) {
                    p.problem("node", "`" + text + "` is not a node id like ns=2;s=Boiler1.Energy or ns=3;i=1001");
                }
            } else if (!seen.add(node.get())) {
                p.problem("node", "node " + text + " is already monitored by another point of this source");
            } else {
                nodes.add(new OpcUaNode(settings.id(), node.get(), settings.unit()));
            }
        }
        if (points.isEmpty()) {
            device.problem("points", "an OPC UA source needs at least one point");
        }
        OpcUaSourceConfig config = new OpcUaSourceConfig(id, endpoint, publishing, timeout, new Backoff(min, max), nodes);
        return new ConfiguredSource.Pushed(new OpcUaSource(config, ctx.clock()), points);
    }
}
