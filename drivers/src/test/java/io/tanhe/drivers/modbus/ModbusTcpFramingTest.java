package io.tanhe.drivers.modbus;

import io.tanhe.drivers.Quality;
import io.tanhe.drivers.Reading;
import io.tanhe.drivers.config.DriverConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12, defect 9: how a Modbus TCP answer that cannot be used is classified. A raw TCP peer
 * ({@link FaultyTcpPeer}) answers with crafted frames; the good path against pymodbus is in
 * {@link ModbusTcpPeerTest}.
 */
@Timeout(60)
class ModbusTcpFramingTest {

    private static DriverConfiguration config(FaultyTcpPeer peer) {
        return ModbusTestSupport.load("""
                devices:
                  - {id: d, type: modbus-tcp, host: 127.0.0.1, port: %d, unit_id: 1, timeout: 300ms, retries: 1,
                     points: [{id: x, register: 0, type: uint32}, {id: y, register: 2}]}
                """.formatted(peer.port()));
    }

    /** Malformed, mismatched or cut-off answers are COMM_ERROR, not TIMEOUT, and do not back the device off. */
    @ParameterizedTest
    @EnumSource(value = FaultyTcpPeer.Fault.class, names = {"GARBAGE", "DISCONNECT_MID_FRAME", "SHORT_ANSWER",
            "WRONG_BYTE_COUNT", "CLOSE_WITHOUT_ANSWER", "CUT_OFF_THEN_SILENT", "WRONG_UNIT_ID", "WRONG_PROTOCOL_ID",
            "WRONG_TRANSACTION_ID", "WRONG_FUNCTION"})
    void unusableAnswerIsACommErrorAndDoesNotBackTheDeviceOff(FaultyTcpPeer.Fault fault) throws Exception {
        try (FaultyTcpPeer peer = new FaultyTcpPeer(fault); DriverConfiguration c = config(peer)) {
            ModbusDevice d = ModbusTestSupport.device(c, "d");
            for (int round = 0; round < 3; round++) {
                long before = d.bus().requestCount();
                List<Reading> readings = d.poll(Instant.now());
                assertEquals(2, before == 0 ? 2 : d.bus().requestCount() - before,
                        fault + ": every poll asks the device again (1 request + 1 retry), no back-off");
                assertEquals(2, readings.size());
                for (Reading r : readings) {
                    assertEquals(Quality.COMM_ERROR, r.quality(), fault + ": " + r);
                    assertNull(r.value(), fault + ": " + r);
                    assertTrue(r.detail().startsWith("tcp 127.0.0.1:" + peer.port() + ": "), r.detail());
                }
            }
        }
    }

    @Test
    void mismatchedUnitIdIsRefusedNamingBothIds() throws Exception {
        try (FaultyTcpPeer peer = new FaultyTcpPeer(FaultyTcpPeer.Fault.WRONG_UNIT_ID); DriverConfiguration c = config(peer)) {
            Reading r = ModbusTestSupport.device(c, "d").poll(Instant.now()).getFirst();
            assertTrue(r.detail().contains("answer from unit id 2, asked unit id 1"), r.detail());
        }
    }

    @Test
    void mismatchedProtocolIdIsRefused() throws Exception {
        try (FaultyTcpPeer peer = new FaultyTcpPeer(FaultyTcpPeer.Fault.WRONG_PROTOCOL_ID); DriverConfiguration c = config(peer)) {
            Reading r = ModbusTestSupport.device(c, "d").poll(Instant.now()).getFirst();
            assertTrue(r.detail().contains("protocol id 1 (0x1), expected 0"), r.detail());
        }
    }

    @Test
    void silenceAloneIsATimeoutAndBacksTheDeviceOff() throws Exception {
        try (FaultyTcpPeer peer = new FaultyTcpPeer(FaultyTcpPeer.Fault.SILENCE); DriverConfiguration c = config(peer)) {
            ModbusDevice d = ModbusTestSupport.device(c, "d");
            List<Reading> first = d.poll(Instant.now());
            first.forEach(r -> assertEquals(Quality.TIMEOUT, r.quality(), r.toString()));
            assertTrue(first.getFirst().detail().contains("no answer within 300 ms"), first.getFirst().detail());
            long before = d.bus().requestCount();
            Reading second = d.poll(Instant.now()).getFirst();
            assertEquals(Quality.TIMEOUT, second.quality());
            assertTrue(second.detail().startsWith("not asked: silent for 1 poll(s)"), second.detail());
            assertEquals(before, d.bus().requestCount());
        }
    }

    @Test
    void wellFormedAnswerFromTheRawPeerIsMeasured() throws Exception {
        try (FaultyTcpPeer peer = new FaultyTcpPeer(FaultyTcpPeer.Fault.CORRECT); DriverConfiguration c = config(peer)) {
            List<Reading> r = ModbusTestSupport.device(c, "d").poll(Instant.now());
            assertEquals(Quality.MEASURED, r.get(0).quality(), r.get(0).toString());
            assertEquals("1", r.get(0).value().toPlainString(), "registers 0, 1 as uint32");
            assertEquals("2", r.get(1).value().toPlainString());
        }
    }
}
