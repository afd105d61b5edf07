package io.tanhe.drivers.modbus;

import io.tanhe.drivers.Quality;
import io.tanhe.drivers.Reading;
import io.tanhe.drivers.config.DriverConfiguration;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Misbehaving TCP peers give flagged readings, never a value and never an exception. */
@Timeout(60)
class ModbusTcpFaultTest {

    @ParameterizedTest
    @EnumSource(value = FaultyTcpPeer.Fault.class, mode = EnumSource.Mode.EXCLUDE, names = "CORRECT")
    void faultyAnswerIsAFlaggedReadingWithoutValue(FaultyTcpPeer.Fault fault) throws Exception {
        try (FaultyTcpPeer peer = new FaultyTcpPeer(fault);
             DriverConfiguration c = ModbusTestSupport.load("""
                     devices:
                       - {id: d, type: modbus-tcp, host: 127.0.0.1, port: %d, timeout: 300ms, retries: 1,
                          points: [{id: x, register: 0, type: uint32}, {id: y, register: 2}]}
                     """.formatted(peer.port()))) {
            ModbusDevice d = ModbusTestSupport.device(c, "d");
            for (int round = 0; round < 2; round++) {
                List<Reading> readings = d.poll(java.time.Instant.now());
                assertEquals(2, readings.size());
                for (Reading r : readings) {
                    assertFalse(r.quality().hasValue(), fault + ": " + r);
                    assertTrue(r.quality() == Quality.COMM_ERROR || r.quality() == Quality.TIMEOUT, fault + ": " + r);
                    assertFalse(r.detail().isEmpty());
                }
            }
        }
    }
}
