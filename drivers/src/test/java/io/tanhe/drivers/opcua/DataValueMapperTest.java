package io.tanhe.drivers.opcua;

import io.tanhe.drivers.Quality;
import io.tanhe.drivers.Reading;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DataValueMapperTest {
    private static final OpcUaNode NODE = new OpcUaNode("p", NodeId.parse("ns=2;s=p"), "kWh");
    private static final Instant ARRIVAL = Instant.parse("2024-03-01T00:00:00Z");

    @Test
    void statusCodesMapToQualities() {
        assertEquals(Quality.MEASURED, DataValueMapper.qualityOf(StatusCode.GOOD));
        assertEquals(Quality.STALE, DataValueMapper.qualityOf(new StatusCode(StatusCodes.Uncertain_LastUsableValue)));
        assertEquals(Quality.OUT_OF_RANGE, DataValueMapper.qualityOf(new StatusCode(StatusCodes.Uncertain_EngineeringUnitsExceeded)));
        assertEquals(Quality.TIMEOUT, DataValueMapper.qualityOf(new StatusCode(StatusCodes.Bad_Timeout)));
        assertEquals(Quality.COMM_ERROR, DataValueMapper.qualityOf(new StatusCode(StatusCodes.Bad_NoCommunication)));
        assertEquals(Quality.DEVICE_ERROR, DataValueMapper.qualityOf(new StatusCode(StatusCodes.Bad_SensorFailure)));
    }

    @Test
    void numbersKeepTheirShortestDigitsAndOthersAreRefused() {
        assertEquals(new BigDecimal("0.1"), map(new Variant(0.1f)).value());
        assertEquals(new BigDecimal("4294967295"), map(new Variant(Unsigned.uint(4294967295L))).value());
        assertEquals(BigDecimal.ONE, map(new Variant(true)).value());
        Reading text = map(new Variant("12"));
        assertEquals(Quality.COMM_ERROR, text.quality());
        assertEquals("node ns=2;s=p value is not a number: String 12", text.detail());
    }

    @Test
    void withoutTimestampsTheArrivalTimeIsUsed() {
        assertEquals(ARRIVAL, map(new Variant(1.0)).measuredAt());
    }

    private static Reading map(Variant v) {
        return DataValueMapper.toReading(NODE, new DataValue(v, StatusCode.GOOD, null, null), ARRIVAL, "opc");
    }
}
