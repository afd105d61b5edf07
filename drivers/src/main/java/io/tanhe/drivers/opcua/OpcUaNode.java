package io.tanhe.drivers.opcua;

import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;

import java.util.Objects;

/**
 * One monitored OPC UA variable and the point it feeds.
 *
 * @param pointId the point id
 * @param nodeId  the variable, e.g. {@code ns=2;s=Boiler1.Energy}
 * @param unit    the point's unit
 */
public record OpcUaNode(String pointId, NodeId nodeId, String unit) {
    public OpcUaNode {
        Objects.requireNonNull(pointId, "pointId");
        Objects.requireNonNull(nodeId, "nodeId");
        unit = unit == null ? "" : unit;
    }
}
