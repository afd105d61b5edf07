package io.tanhe.drivers.serial;

import io.tanhe.drivers.Quality;
import io.tanhe.drivers.Reading;
import io.tanhe.drivers.cjt188.Cjt188Address;
import io.tanhe.drivers.cjt188.Cjt188Device;
import io.tanhe.drivers.cjt188.Cjt188Layout;
import io.tanhe.drivers.cjt188.Cjt188Meter;
import io.tanhe.drivers.cjt188.Cjt188Point;
import io.tanhe.drivers.cjt188.MeterField;
import io.tanhe.drivers.cjt188.MeterType;
import io.tanhe.drivers.dlt645.DataIdentifier;
import io.tanhe.drivers.dlt645.Dlt645Address;
import io.tanhe.drivers.dlt645.Dlt645Device;
import io.tanhe.drivers.dlt645.Dlt645Meter;
import io.tanhe.drivers.dlt645.Dlt645Point;
import io.tanhe.drivers.dlt645.Dlt645Version;
import io.tanhe.drivers.metersim.Fault;
import io.tanhe.drivers.metersim.MeterSimulator;
import io.tanhe.drivers.metersim.SimCjt188Meter;
import io.tanhe.drivers.metersim.SimDlt645Meter;
import io.tanhe.drivers.metersim.SocatPtyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The serial path: jSerialComm on one end of a socat pty pair, the simulated meter on the other. */
@Timeout(30)
class SerialLineTest {
    private static final Instant T0 = Instant.parse("2025-03-01T00:15:00Z");
    private static final Duration TIMEOUT = Duration.ofMillis(500);

    @TempDir
    Path dir;

    private static HalfDuplexLine serialLine(Path port) {
        return new HalfDuplexLine(new SerialPortTransport(new SerialSettings(port.toString(), 9600, 8, Parity.EVEN, 1)));
    }

    @Test
    void dlt645MeterIsReadOverASerialPortAndASilentReplyTimesOut() throws Exception {
        try (SocatPtyPair pty = SocatPtyPair.start(dir);
             MeterSimulator sim = MeterSimulator.pty(new SimDlt645Meter("000072007201", false).value(0x00010000L, "12345.67", 2, 4), pty.meterEnd());
             HalfDuplexLine line = serialLine(pty.driverEnd())) {
            Dlt645Device d = new Dlt645Device(new Dlt645Meter("m1", Dlt645Address.parse("72007201"),
                    List.of(Dlt645Point.known("e", DataIdentifier.parse(Dlt645Version.V2007, "00010000"))), TIMEOUT, 0), line);
            assertEquals(new BigDecimal("12345.67"), d.poll(T0).get(0).value());
            sim.failNext(Fault.SILENT);
            Reading r = d.poll(T0).get(0);
            assertEquals(Quality.TIMEOUT, r.quality());
            assertEquals("no reply from serial " + pty.driverEnd() + " 9600 8E1 within 500 ms", r.detail());
            sim.failNext(Fault.BAD_CHECKSUM);
            Reading corrupt = d.poll(T0).get(0);
            assertEquals(Quality.COMM_ERROR, corrupt.quality());
            assertTrue(corrupt.detail().startsWith("DL/T 645 checksum"), corrupt.detail());
            Reading after = d.poll(T0).get(0);
            assertEquals(Quality.MEASURED, after.quality(), after.detail());
        }
    }

    @Test
    void cjt188HeatMeterIsReadOverASerialPort() throws Exception {
        SimCjt188Meter meter = new SimCjt188Meter(0x20, "00201510270588")
                .heat("5300.00", "05", "5328.19", "12.50", "17", "1.2345", "35", "1833.42", "75.30", "45.10", "2761");
        try (SocatPtyPair pty = SocatPtyPair.start(dir);
             MeterSimulator sim = MeterSimulator.pty(meter, pty.meterEnd());
             HalfDuplexLine line = serialLine(pty.driverEnd())) {
            Cjt188Device d = new Cjt188Device(new Cjt188Meter("hm1", MeterType.HEAT, Cjt188Address.parse("00201510270588"),
                    Cjt188Layout.STANDARD, List.of(new Cjt188Point("heat", MeterField.CURRENT_HEAT, "")), TIMEOUT, 0,
                    Cjt188Meter.Stamp.POLL_TIME, ZoneId.of("Asia/Shanghai")), line);
            Reading r = d.poll(T0).get(0);
            assertEquals(new BigDecimal("5328.19"), r.value());
            assertEquals(1, sim.requests());
        }
    }

    @Test
    void aMissingSerialPortIsACommErrorNamingThePort() {
        Path missing = dir.resolve("no-such-tty");
        try (HalfDuplexLine line = serialLine(missing)) {
            Dlt645Device d = new Dlt645Device(new Dlt645Meter("m1", Dlt645Address.parse("1"),
                    List.of(Dlt645Point.known("e", DataIdentifier.parse(Dlt645Version.V2007, "00010000"))), TIMEOUT, 0), line);
            Reading r = d.poll(T0).get(0);
            assertEquals(Quality.COMM_ERROR, r.quality());
            assertTrue(r.detail().contains(missing.toString()), r.detail());
        }
    }
}
