package io.tanhe.drivers.opcua;

import io.tanhe.drivers.Quality;
import io.tanhe.drivers.Reading;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;

/**
 * Turns an OPC UA data value into a reading: the value as a decimal, the source timestamp (else
 * the server timestamp, else the arrival time) and the status code as quality. Good is
 * {@code MEASURED}; uncertain keeps the value as {@code OUT_OF_RANGE} (engineering units exceeded,
 * sensor not accurate) or {@code STALE} (last usable value and the rest); bad carries no value:
 * {@code TIMEOUT}, {@code COMM_ERROR} for communication failures, else {@code DEVICE_ERROR}.
 */
final class DataValueMapper {
    private static final Set<Long> OUT_OF_RANGE = Set.of(
            StatusCodes.Uncertain_EngineeringUnitsExceeded, StatusCodes.Uncertain_SensorNotAccurate);
    private static final Set<Long> COMMUNICATION = Set.of(
            StatusCodes.Bad_CommunicationError, StatusCodes.Bad_NoCommunication, StatusCodes.Bad_NotConnected,
            StatusCodes.Bad_ConnectionClosed, StatusCodes.Bad_ServerNotConnected, StatusCodes.Bad_SecureChannelClosed);

    private DataValueMapper() {
    }

    static Reading toReading(OpcUaNode node, DataValue data, Instant arrival, String sourceId) {
        Instant at = timeOf(data, arrival);
        StatusCode status = data.getStatusCode() == null ? StatusCode.GOOD : data.getStatusCode();
        Quality quality = qualityOf(status);
        String statusText = nameOf(status);
        if (!quality.hasValue()) {
            return Reading.failed(node.pointId(), at, node.unit(), quality, sourceId,
                    "node " + node.nodeId().toParseableString() + ": " + statusText);
        }
        Object value = data.getValue() == null ? null : data.getValue().getValue();
        BigDecimal decimal = decimalOf(value);
        if (decimal == null) {
            return Reading.failed(node.pointId(), at, node.unit(), Quality.COMM_ERROR, sourceId,
                    "node " + node.nodeId().toParseableString() + " value is not a number: "
                            + (value == null ? "null" : value.getClass().getSimpleName() + " " + value));
        }
        return new Reading(node.pointId(), at, decimal, node.unit(), quality, sourceId,
                quality == Quality.MEASURED ? "" : statusText);
    }

    static Quality qualityOf(StatusCode status) {
        long code = status.getValue() & 0xFFFF0000L;
        if (status.isGood()) {
            return Quality.MEASURED;
        }
        if (status.isUncertain()) {
            return OUT_OF_RANGE.contains(code) ? Quality.OUT_OF_RANGE : Quality.STALE;
        }
        if (code == StatusCodes.Bad_Timeout) {
            return Quality.TIMEOUT;
        }
        return COMMUNICATION.contains(code) ? Quality.COMM_ERROR : Quality.DEVICE_ERROR;
    }

    private static String nameOf(StatusCode status) {
        return StatusCodes.lookup(status.getValue()).map(names -> names[0])
                .orElse(String.format("status 0x%08X", status.getValue()));
    }

    private static Instant timeOf(DataValue data, Instant arrival) {
        for (DateTime t : new DateTime[]{data.getSourceTime(), data.getServerTime()}) {
            if (t != null && !t.isNull()) {
                return t.getJavaInstant();
            }
        }
        return arrival;
    }

    private static BigDecimal decimalOf(Object value) {
        if (value instanceof Double d) {
            return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
        }
        if (value instanceof Float f) {
            return Float.isFinite(f) ? new BigDecimal(Float.toString(f)) : null;
        }
        if (value instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        if (value instanceof Boolean b) {
            return b ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        return null;
    }
}
