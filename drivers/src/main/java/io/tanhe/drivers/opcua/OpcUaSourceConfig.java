package io.tanhe.drivers.opcua;

import io.tanhe.drivers.retry.Backoff;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An OPC UA server whose variables are monitored through one subscription (security policy None).
 *
 * @param id                 source id, used in readings and logs
 * @param endpointUrl        {@code opc.tcp://host:4840/path}
 * @param publishingInterval how often the server sends changed values
 * @param requestTimeout     limit for each service call
 * @param reconnect          delays between attempts while the server cannot be reached at start;
 *                           after a session was up, Milo re-establishes it by itself
 * @param nodes              the monitored variables
 */
public record OpcUaSourceConfig(String id, String endpointUrl, Duration publishingInterval, Duration requestTimeout,
                                Backoff reconnect, List<OpcUaNode> nodes) {
    public OpcUaSourceConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(endpointUrl, "endpointUrl");
        Objects.requireNonNull(publishingInterval, "publishingInterval");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(reconnect, "reconnect");
        nodes = List.copyOf(nodes);
        Set<Object> seen = new HashSet<>();
        for (OpcUaNode node : nodes) {
            if (!seen.add(node.nodeId())) {
                throw new IllegalArgumentException("node " + node.nodeId().toParseableString() + " is monitored twice");
            }
        }
    }
}
