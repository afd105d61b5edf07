package io.tanhe.server.cems;

import io.tanhe.drivers.Quality;
import io.tanhe.drivers.InstrumentCalibration;
import io.tanhe.drivers.Reading;
import io.tanhe.server.hj212.CpArea;
import io.tanhe.server.hj212.CpField;
import io.tanhe.server.hj212.CpItem;
import io.tanhe.server.hj212.DataSegment;
import io.tanhe.server.hj212.Flag;
import io.tanhe.server.hj212.Hj212Codec;
import io.tanhe.server.hj212.Hj212Crc;
import io.tanhe.server.hj212.Hj212FormatException;
import io.tanhe.server.hj212.PacketReader;
import io.tanhe.server.hj212.Qn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** A real TCP client plays the CEMS data logger against the source. */
class Hj212LoggerSourceTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final String MN = "LOGGER0000000001";
    private static final String PW = "123456";

    private final List<Reading> received = new CopyOnWriteArrayList<>();
    private Hj212LoggerSource source;
    private Socket logger;
    private PacketReader replies;

    @BeforeEach
    void start() throws IOException {
        List<LoggerPoint> points = List.of(
                new LoggerPoint("stack1.co2", "a05001", "2011", "Rtd", "%"),
                new LoggerPoint("stack1.flow", "a00000", "2011", "Rtd", "m3/s"),
                new LoggerPoint("stack1.velocity", "a01011", "2011", "Rtd", "m/s"),
                new LoggerPoint("stack1.temperature", "a01012", "2011", "Rtd", "degC"),
                new LoggerPoint("stack1.static", "a01013", "2011", "Rtd", "kPa"),
                new LoggerPoint("stack1.moisture", "a01014", "2011", "Rtd", "%"),
                new LoggerPoint("stack1.ambient", "a01006", "2011", "Rtd", "kPa"),
                new LoggerPoint("stack1.o2", "a19001", "2011", "Rtd", "%"),
                new LoggerPoint("stack1.co2_min", "a05001", "2051", "Avg", "%"),
                new LoggerPoint("stack1.co2.state", "i12001", "3020", "Info", "", "a05001"),
                new LoggerPoint("stack1.co2.slope", "i13008", "3020", "Info", "", "a05001"),
                new LoggerPoint("stack1.co2.intercept", "i13007", "3020", "Info", "", "a05001"),
                new LoggerPoint("stack1.co2.calibrated", "i13006", "3020", "Info", "", "a05001"));
        source = new Hj212LoggerSource(new LoggerConfig("cems1", "127.0.0.1", 0, Optional.of(MN), Optional.of(PW), ZONE, Duration.ofMinutes(1), points),
                Clock.fixed(Instant.parse("2024-06-03T02:00:00Z"), ZoneOffset.UTC));
        source.start(received::add);
        logger = new Socket("127.0.0.1", source.port());
        logger.setSoTimeout(5000);
        replies = new PacketReader(new BufferedInputStream(logger.getInputStream()));
    }

    @AfterEach
    void stop() throws IOException {
        logger.close();
        source.close();
    }

    private static DataSegment upload(String cn, String dataTime, String mn, CpItem... values) {
        CpItem[] items = new CpItem[values.length + 1];
        items[0] = CpItem.of("DataTime", dataTime);
        System.arraycopy(values, 0, items, 1, values.length);
        Qn qn = Qn.at(LocalDateTime.parse(dataTime.substring(0, 4) + "-" + dataTime.substring(4, 6) + "-" + dataTime.substring(6, 8)
                + "T" + dataTime.substring(8, 10) + ":" + dataTime.substring(10, 12) + ":" + dataTime.substring(12, 14)).plusNanos(123_000_000));
        return DataSegment.of(qn, "31", cn, PW, mn, new Flag(Flag.V2017, false, true), CpArea.of(items));
    }

    private static CpItem value(String code, String field, String v, String flag) {
        return CpItem.of(new CpField(code + "-" + field, v), new CpField(code + "-Flag", flag));
    }

    private static DataSegment realTime(String dataTime) {
        return upload("2011", dataTime, MN,
                value("a05001", "Rtd", "12.1", "N"), value("a00000", "Rtd", "300.0", "N"), value("a01011", "Rtd", "15.00", "N"),
                value("a01012", "Rtd", "50.1", "N"), value("a01013", "Rtd", "-0.512", "N"), value("a01014", "Rtd", "10.2", "N"),
                value("a01006", "Rtd", "101.325", "N"), value("a19001", "Rtd", "6.1", "N"));
    }

    private void send(byte[]... parts) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            all.write(p);
        }
        logger.getOutputStream().write(all.toByteArray());
        logger.getOutputStream().flush();
    }

    private DataSegment reply() throws Exception {
        return Hj212Codec.decode(replies.next()).segment();
    }

    private List<Reading> await(Predicate<List<Reading>> done) throws InterruptedException {
        long until = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < until) {
            if (done.test(received)) {
                return List.copyOf(received);
            }
            Thread.sleep(10);
        }
        fail("readings did not arrive: " + received);
        return List.of();
    }

    private static Reading of(List<Reading> rs, String point, Instant at) {
        return rs.stream().filter(r -> r.pointId().equals(point) && r.measuredAt().equals(at)).findFirst()
                .orElseThrow(() -> new AssertionError("no reading of " + point + " at " + at + " in " + rs));
    }

    @Test
    void aRealTimeUploadBecomesReadingsOfEveryCodeAndIsAcknowledgedWithItsQn() throws Exception {
        DataSegment up = realTime("20240603100000");
        send(Hj212Codec.encode(up));
        DataSegment ack = reply();
        assertEquals("9014", ack.cn());
        assertEquals(up.qn(), ack.qn());
        assertEquals(MN, ack.mn());
        List<Reading> rs = await(r -> r.size() == 8);
        Instant at = Instant.parse("2024-06-03T02:00:00Z"); // 10:00 in Shanghai
        assertEquals(new BigDecimal("12.1"), of(rs, "stack1.co2", at).value());
        assertEquals("%", of(rs, "stack1.co2", at).unit());
        assertEquals(new BigDecimal("-0.512"), of(rs, "stack1.static", at).value());
        assertEquals("kPa", of(rs, "stack1.ambient", at).unit());
        assertEquals(new BigDecimal("6.1"), of(rs, "stack1.o2", at).value());
        assertTrue(rs.stream().allMatch(r -> r.quality() == Quality.MEASURED && r.sourceId().equals("cems1")));
    }

    @Test
    void flagsBecomeQualitiesAndKeepTheirMeaning() throws Exception {
        send(Hj212Codec.encode(upload("2011", "20240603100100", MN, value("a05001", "Rtd", "15.0", "C"),
                value("a00000", "Rtd", "999.9", "T"), value("a01012", "Rtd", "50.0", "S"), value("a01013", "Rtd", "-0.5", "B"))));
        assertEquals("9014", reply().cn());
        List<Reading> rs = await(r -> r.size() == 4);
        Instant at = Instant.parse("2024-06-03T02:01:00Z");
        Reading co2 = of(rs, "stack1.co2", at);
        assertEquals(Quality.DEVICE_ERROR, co2.quality());
        assertEquals("HJ 212 flag C: calibration; value 15.0 not used", co2.detail());
        assertEquals(Quality.OUT_OF_RANGE, of(rs, "stack1.flow", at).quality());
        assertEquals(new BigDecimal("999.9"), of(rs, "stack1.flow", at).value());
        assertEquals(Quality.MANUAL, of(rs, "stack1.temperature", at).quality());
        assertEquals(Quality.COMM_ERROR, of(rs, "stack1.static", at).quality());
    }

    /** A packet framed right (length, CRC) whose data segment breaks the standard: the codec's error, no answer, nothing taken. */
    @Test
    void aWellFramedPacketWithAnUnknownFlagIsRefusedWithItsOffset() throws Exception {
        String segment = realTime("20240603100600").text().replace("a01014-Flag=N", "a01014-Flag=X");
        byte[] bytes = segment.getBytes(StandardCharsets.US_ASCII);
        byte[] bad = ("##" + String.format("%04d", bytes.length) + segment + Hj212Crc.hex(Hj212Crc.of(bytes)) + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        try {
            Hj212Codec.decode(bad);
            fail("the codec took flag X");
        } catch (Hj212FormatException e) {
            assertTrue(e.offset() > 6 && e.problem().contains("X"), e.getMessage());
        }
        send(bad, Hj212Codec.encode(realTime("20240603100700")));
        assertEquals(Optional.of("20240603100700123"), reply().qn().map(Qn::text));
        List<Reading> rs = await(r -> r.size() == 8);
        assertTrue(rs.stream().allMatch(r -> r.measuredAt().equals(Instant.parse("2024-06-03T02:07:00Z"))));
        assertEquals(1, source.stats().malformed());
    }

    @Test
    void malformedPacketsAreDroppedWithoutAnAnswerAndThePacketsAroundThemAreKept() throws Exception {
        byte[] first = Hj212Codec.encode(realTime("20240603100000"));
        byte[] badCrc = Hj212Codec.encode(realTime("20240603100100"));
        badCrc[badCrc.length - 3] = (byte) (badCrc[badCrc.length - 3] == '0' ? '1' : '0');
        byte[] cutOff = Arrays.copyOf(Hj212Codec.encode(realTime("20240603100200")), 60);
        byte[] last = Hj212Codec.encode(realTime("20240603100300"));
        send(first, "\u0000garbage\r\n".getBytes(StandardCharsets.ISO_8859_1), badCrc, cutOff, last);
        DataSegment a1 = reply();
        DataSegment a2 = reply();
        assertEquals(List.of("20240603100000123", "20240603100300123"), List.of(a1.qn().orElseThrow().text(), a2.qn().orElseThrow().text()));
        List<Reading> rs = await(r -> r.size() == 16);
        assertEquals(2, rs.stream().map(Reading::measuredAt).distinct().count());
        assertEquals(2, source.stats().malformed());
        assertEquals(2, source.stats().acknowledged());
    }

    @Test
    void outOfOrderUploadsKeepTheirOwnTimes() throws Exception {
        send(Hj212Codec.encode(realTime("20240603100500")), Hj212Codec.encode(realTime("20240603100400")));
        reply();
        reply();
        List<Reading> rs = await(r -> r.size() == 16);
        assertEquals(new BigDecimal("12.1"), of(rs, "stack1.co2", Instant.parse("2024-06-03T02:04:00Z")).value());
        assertEquals(new BigDecimal("12.1"), of(rs, "stack1.co2", Instant.parse("2024-06-03T02:05:00Z")).value());
    }

    @Test
    void anotherLoggersPacketsAreRefusedAndNotAcknowledged() throws Exception {
        DataSegment stranger = upload("2011", "20240603100000", "SOMEONEELSE00001", value("a05001", "Rtd", "1.0", "N"));
        send(Hj212Codec.encode(stranger), Hj212Codec.encode(realTime("20240603100000")));
        DataSegment only = reply();
        assertEquals("LOGGER0000000001", only.mn());
        await(r -> r.size() == 8);
        assertEquals(1, source.stats().refused());
        assertTrue(received.stream().noneMatch(r -> r.value() != null && r.value().compareTo(BigDecimal.ONE) == 0));
    }

    @Test
    void aPacketWithAWrongPasswordIsRefusedCountedAndLoggedWithItsMnOnly() throws Exception {
        DataSegment good = realTime("20240603100000");
        DataSegment wrong = DataSegment.of(good.qn().orElseThrow(), "31", "2011", "S3cr3t", MN, new Flag(Flag.V2017, false, true), good.cp());
        PrintStream err = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            send(Hj212Codec.encode(wrong), Hj212Codec.encode(realTime("20240603100100")));
            DataSegment only = reply();
            assertEquals(PW, only.pw(), "only the packet with the right PW is acknowledged");
            await(r -> r.size() == 8);
        } finally {
            System.setErr(err);
        }
        assertEquals(1, source.stats().wrongPassword());
        assertEquals(1, source.stats().refused());
        assertTrue(received.stream().allMatch(r -> r.measuredAt().equals(Instant.parse("2024-06-03T02:01:00Z"))), received.toString());
        String text = log.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("with MN=" + MN + " refused: wrong PW"), text);
        assertFalse(text.contains("S3cr3t"), "the password given is never logged");
        assertFalse(text.contains(PW), "nor the configured one");
    }

    @Test
    void theConfigShowsNoPassword() {
        LoggerConfig c = new LoggerConfig("cems9", "127.0.0.1", 0, Optional.of(MN), Optional.of("S3cr3t"), ZONE, Duration.ofMinutes(1), List.of());
        assertFalse(c.toString().contains("S3cr3t"), c.toString());
        assertTrue(c.toString().contains("password=(not shown)"), c.toString());
    }

    @Test
    void aJumpInMinuteDataAsksTheLoggerForTheGap() throws Exception {
        send(Hj212Codec.encode(upload("2051", "20240603100000", MN, value("a05001", "Avg", "12.0", "N"))));
        assertEquals("9014", reply().cn());
        send(Hj212Codec.encode(upload("2051", "20240603100500", MN, value("a05001", "Avg", "12.5", "N"))));
        assertEquals("9014", reply().cn());
        DataSegment ask = reply();
        assertEquals("2051", ask.cn());
        assertEquals(Optional.of("20240603100100"), ask.cp().value("BeginTime"));
        assertEquals(Optional.of("20240603100400"), ask.cp().value("EndTime"));
        assertEquals(1, source.stats().retrievals());
        // the logger fills the gap: late minutes are taken and ask for nothing more
        send(Hj212Codec.encode(upload("2051", "20240603100200", MN, value("a05001", "Avg", "12.2", "N"))));
        assertEquals("9014", reply().cn());
        await(r -> r.size() == 3);
        assertEquals(1, source.stats().retrievals());
    }

    @Test
    void aPortInUseGivesFailedReadingsThatSayWhatToDo() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            List<Reading> out = new CopyOnWriteArrayList<>();
            Hj212LoggerSource other = new Hj212LoggerSource(new LoggerConfig("cems2", "127.0.0.1", taken.getLocalPort(), Optional.empty(), Optional.empty(),
                    ZONE, Duration.ofMinutes(1), List.of(new LoggerPoint("p", "a05001", "2011", "Rtd", "%"))), Clock.systemUTC());
            other.start(out::add);
            other.close();
            assertEquals(1, out.size());
            assertEquals(Quality.COMM_ERROR, out.get(0).quality());
            assertTrue(out.get(0).detail().contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()), out.get(0).detail());
            assertTrue(out.get(0).detail().endsWith("free the port or change `listen`"), out.get(0).detail());
        }
    }

    /** HJ 212-2017 Table C.42: the analyser's state and, after a calibration, its slope; another instrument's info is not taken. */
    @Test
    void instrumentInformationBecomesReadingsOfItsInstrumentAndIsAcknowledged() throws Exception {
        DataSegment info = upload("3020", "20240603110000", MN, CpItem.of("PolId", "a05001"),
                CpItem.of(new CpField("i12001-Info", "3")), CpItem.of(new CpField("i13008-Info", "0.987")));
        DataSegment other = upload("3020", "20240603110000", MN, CpItem.of("PolId", "a19001"), CpItem.of(new CpField("i13008-Info", "1.2")));
        send(Hj212Codec.encode(info), Hj212Codec.encode(other));
        assertEquals("9014", reply().cn());
        assertEquals("9014", reply().cn());
        List<Reading> rs = await(r -> r.size() == 2);
        Instant at = Instant.parse("2024-06-03T03:00:00Z");
        assertEquals(new BigDecimal("3"), of(rs, "stack1.co2.state", at).value()); // 3 = 校准 (calibration)
        assertEquals(new BigDecimal("0.987"), of(rs, "stack1.co2.slope", at).value());
        Thread.sleep(100);
        assertEquals(2, received.size());
    }

    /**
     * After a 3011 zero/span calibration the logger reports its time (i13006, local), intercept (i13007) and slope (i13008):
     * the intercept and slope readings name the calibrated analyser (the point PolId a05001 feeds) and the time in their
     * detail, for the terminal to store the calibration; the time itself is no reading; a bad time leaves plain readings.
     */
    @Test
    void aCalibrationReportNamesItsAnalyserAndTimeOnTheInterceptAndSlope() throws Exception {
        DataSegment report = upload("3020", "20240603110500", MN, CpItem.of("PolId", "a05001"),
                CpItem.of(new CpField("i13006-Info", "20240603104500")), CpItem.of(new CpField("i13007-Info", "0.012")),
                CpItem.of(new CpField("i13008-Info", "1.003")));
        DataSegment badTime = upload("3020", "20240603120500", MN, CpItem.of("PolId", "a05001"),
                CpItem.of(new CpField("i13006-Info", "2024-06-03 10:45")), CpItem.of(new CpField("i13008-Info", "0.998")));
        send(Hj212Codec.encode(report), Hj212Codec.encode(badTime));
        assertEquals("9014", reply().cn());
        assertEquals("9014", reply().cn());
        List<Reading> rs = await(r -> r.size() == 3);
        Instant at = Instant.parse("2024-06-03T03:05:00Z");
        Reading slope = of(rs, "stack1.co2.slope", at);
        assertEquals(new BigDecimal("1.003"), slope.value());
        assertEquals("calibration of stack1.co2 at 2024-06-03T02:45:00Z: i13008", slope.detail());
        InstrumentCalibration c = InstrumentCalibration.of(of(rs, "stack1.co2.intercept", at).detail()).orElseThrow();
        assertEquals(new InstrumentCalibration("stack1.co2", Instant.parse("2024-06-03T02:45:00Z"), "i13007"), c);
        assertTrue(rs.stream().noneMatch(r -> r.pointId().equals("stack1.co2.calibrated")), "i13006 is a time, carried in the detail");
        Reading plain = of(rs, "stack1.co2.slope", Instant.parse("2024-06-03T04:05:00Z"));
        assertEquals(new BigDecimal("0.998"), plain.value());
        assertTrue(InstrumentCalibration.of(plain.detail()).isEmpty(), plain.detail());
    }
}
