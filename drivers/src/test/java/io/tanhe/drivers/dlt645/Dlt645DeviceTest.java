package io.tanhe.drivers.dlt645;

import io.tanhe.drivers.Quality;
import io.tanhe.drivers.Reading;
import io.tanhe.drivers.metersim.Fault;
import io.tanhe.drivers.metersim.MeterSimulator;
import io.tanhe.drivers.metersim.SimDlt645Meter;
import io.tanhe.drivers.serial.HalfDuplexLine;
import io.tanhe.drivers.serial.TcpEndpoint;
import io.tanhe.drivers.serial.TcpTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A DL/T 645 device against the test-side meter simulator over TCP on 127.0.0.1. */
@Timeout(30)
class Dlt645DeviceTest {
    private static final Instant T0 = Instant.parse("2025-03-01T00:15:00Z");
    private static final Duration TIMEOUT = Duration.ofMillis(400);
    private static final Dlt645Address ADDRESS = Dlt645Address.parse("000072007201");

    private SimDlt645Meter meter;
    private MeterSimulator sim;
    private HalfDuplexLine line;

    @BeforeEach
    void start() throws IOException {
        meter = new SimDlt645Meter("000072007201", false)
                .value(0x00010000L, "12345.67", 2, 4)
                .value(0x00000000L, "-50.50", 2, 4)
                .value(0x02010100L, "220.1", 1, 2)
                .value(0x02020100L, "-1.230", 3, 3);
        sim = MeterSimulator.tcp(meter);
        line = new HalfDuplexLine(new TcpTransport(new TcpEndpoint("127.0.0.1", sim.port(), Duration.ofSeconds(2))));
    }

    @AfterEach
    void stop() {
        line.close();
        sim.close();
    }

    private Dlt645Device device(int retries, String... dis) {
        List<Dlt645Point> points = java.util.Arrays.stream(dis)
                .map(di -> Dlt645Point.known("p" + di, DataIdentifier.parse(Dlt645Version.V2007, di))).toList();
        return new Dlt645Device(new Dlt645Meter("m1", ADDRESS, points, TIMEOUT, retries), line);
    }

    @Test
    void readsConfiguredIdentifiersKeepingTheMetersDigitsAndSign() {
        List<Reading> r = device(0, "00010000", "00000000", "02010100", "02020100").poll(T0);
        assertEquals(List.of(new BigDecimal("12345.67"), new BigDecimal("-50.50"), new BigDecimal("220.1"), new BigDecimal("-1.230")),
                r.stream().map(Reading::value).toList());
        assertEquals(List.of("kWh", "kWh", "V", "A"), r.stream().map(Reading::unit).toList());
        assertTrue(r.stream().allMatch(x -> x.quality() == Quality.MEASURED && x.measuredAt().equals(T0) && x.sourceId().equals("m1")));
    }

    @Test
    void badChecksumGivesCommErrorNamingTheChecksumAndOtherPointsStillRead() {
        sim.failNext(Fault.BAD_CHECKSUM);
        List<Reading> r = device(0, "00010000", "02010100").poll(T0);
        assertEquals(Quality.COMM_ERROR, r.get(0).quality());
        assertNull(r.get(0).value());
        assertTrue(r.get(0).detail().matches("DL/T 645 checksum 0x.., expected 0x.."), r.get(0).detail());
        assertEquals(Quality.MEASURED, r.get(1).quality());
    }

    @Test
    void aRetryRecoversFromOneCorruptReply() {
        sim.failNext(Fault.BAD_CHECKSUM);
        Reading r = device(1, "00010000").poll(T0).get(0);
        assertEquals(Quality.MEASURED, r.quality());
        assertEquals(new BigDecimal("12345.67"), r.value());
    }

    @Test
    void garbageWithoutAFrameIsATimeoutAndTheRestOfThePollIsNotTried() {
        sim.failNext(Fault.GARBAGE_ONLY);
        List<Reading> r = device(0, "00010000", "02010100").poll(T0);
        assertEquals(Quality.TIMEOUT, r.get(0).quality());
        assertTrue(r.get(0).detail().contains("24 noise bytes, no frame start"), r.get(0).detail());
        assertEquals(Quality.TIMEOUT, r.get(1).quality());
        assertTrue(r.get(1).detail().startsWith("not tried"), r.get(1).detail());
        assertEquals(1, sim.requests());
    }

    @Test
    void noiseBeforeTheReplyIsSkipped() {
        sim.failNext(Fault.NOISE_BEFORE_REPLY);
        assertEquals(new BigDecimal("12345.67"), device(0, "00010000").poll(T0).get(0).value());
    }

    @Test
    void anEchoedRequestIsSkipped() {
        sim.failNext(Fault.ECHO_THEN_REPLY);
        assertEquals(new BigDecimal("12345.67"), device(0, "00010000").poll(T0).get(0).value());
    }

    @Test
    void truncatedReplyIsACommErrorShowingTheBytesThatCame() {
        sim.failNext(Fault.TRUNCATED);
        Reading r = device(0, "00010000").poll(T0).get(0);
        assertEquals(Quality.COMM_ERROR, r.quality());
        assertTrue(r.detail().startsWith("truncated frame from tcp 127.0.0.1:"), r.detail());
    }

    @Test
    void aMeterThatDisconnectsMidFrameGivesCommErrorAndTheNextPollReconnects() {
        sim.failNext(Fault.DISCONNECT_MID_FRAME);
        Dlt645Device d = device(0, "00010000");
        Reading first = d.poll(T0).get(0);
        assertEquals(Quality.COMM_ERROR, first.quality());
        assertTrue(first.detail().startsWith("connection closed by tcp 127.0.0.1:"), first.detail());
        Reading second = d.poll(T0.plusSeconds(60)).get(0);
        assertEquals(Quality.MEASURED, second.quality());
    }

    @Test
    void errorReplyIsADeviceErrorWithTheErrorByteExplained() {
        Reading r = device(2, "00020000").poll(T0).get(0);
        assertEquals(Quality.DEVICE_ERROR, r.quality());
        assertEquals("meter 000072007201 answered error (control 0xD1) 0x02: no requested data (the meter does not have this data identifier) [bit1]",
                r.detail());
        assertEquals(1, sim.requests(), "error replies are not retried");
    }

    @Test
    void silentMeterTimesOutAfterItsRetries() {
        sim.failNext(Fault.SILENT, Fault.SILENT);
        List<Reading> r = device(1, "00010000", "02010100").poll(T0);
        assertEquals(Quality.TIMEOUT, r.get(0).quality());
        assertEquals("no reply from tcp 127.0.0.1:" + sim.port() + " within 400 ms", r.get(0).detail());
        assertEquals(Quality.TIMEOUT, r.get(1).quality());
        assertEquals(2, sim.requests());
    }

    @Test
    void followUpFramesAreRejectedClearly() {
        sim.failNext(Fault.FOLLOW_UP_FLAG);
        Reading r = device(0, "00010000").poll(T0).get(0);
        assertEquals(Quality.COMM_ERROR, r.quality());
        assertTrue(r.detail().contains("multi-frame replies are not supported"), r.detail());
    }

    @Test
    void aReplyFromAnotherMeterIsNotTakenForThisOne() {
        sim.failNext(Fault.WRONG_ADDRESS);
        Reading r = device(0, "00010000").poll(T0).get(0);
        assertEquals(Quality.COMM_ERROR, r.quality());
        assertEquals("reply from meter 999999000001, asked meter 000072007201", r.detail());
    }

    @Test
    void nothingListeningIsACommErrorSayingSo() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (HalfDuplexLine nowhere = new HalfDuplexLine(new TcpTransport(new TcpEndpoint("127.0.0.1", closedPort, Duration.ofSeconds(1))))) {
            Dlt645Device d = new Dlt645Device(new Dlt645Meter("m9", ADDRESS,
                    List.of(Dlt645Point.known("e", DataIdentifier.parse(Dlt645Version.V2007, "00010000"))), TIMEOUT, 0), nowhere);
            Reading r = d.poll(T0).get(0);
            assertEquals(Quality.COMM_ERROR, r.quality());
            assertTrue(r.detail().startsWith("cannot connect to tcp 127.0.0.1:" + closedPort), r.detail());
        }
    }

    @Test
    void readAddressDiscoversTheOnlyMeterOnTheBus() throws Exception {
        assertEquals(ADDRESS, new Dlt645Client(line, TIMEOUT).readAddress());
    }

    @Test
    void broadcastTimeSyncSendsSecondsFirstBcd() throws Exception {
        new Dlt645Client(line, TIMEOUT).broadcastTime(LocalDateTime.of(2025, 3, 1, 8, 15, 30));
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (meter.lastTimeSync() == null && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertArrayEquals(new byte[]{0x30, 0x15, 0x08, 0x01, 0x03, 0x25}, meter.lastTimeSync());
    }

    @Test
    void a1997MeterIsReadWithTwoByteIdentifiers() throws IOException {
        try (MeterSimulator old = MeterSimulator.tcp(new SimDlt645Meter("000000000414", true).value(0x9010, "9580.15", 2, 4));
             HalfDuplexLine oldLine = new HalfDuplexLine(new TcpTransport(new TcpEndpoint("127.0.0.1", old.port(), Duration.ofSeconds(2))))) {
            Dlt645Device d = new Dlt645Device(new Dlt645Meter("m97", Dlt645Address.parse("414"),
                    List.of(Dlt645Point.known("e", DataIdentifier.parse(Dlt645Version.V1997, "9010"))), TIMEOUT, 0), oldLine);
            Reading r = d.poll(T0).get(0);
            assertEquals(new BigDecimal("9580.15"), r.value());
            assertEquals("kWh", r.unit());
        }
    }
}
