package io.tanhe.server.hj212.message;

import io.tanhe.server.hj212.DataFlag;
import io.tanhe.server.hj212.DataSegment;
import io.tanhe.server.hj212.FieldSuffix;
import io.tanhe.server.hj212.Hj212Codec;
import io.tanhe.server.hj212.Qn;
import io.tanhe.server.hj212.Reassembler;
import io.tanhe.server.hj212.profile.PlatformProfile;
import io.tanhe.server.hj212.profile.PlatformProfiles;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TerminalMessagesTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-01-02T03:05:00.123Z"), ZoneOffset.UTC);
    private final PlatformProfile profile = PlatformProfiles.parse("""
            mn: TANHE0001
            password: "123456"
            fields:
              a05001: {unit: kg, format: N12.3}
            """, "test", false);
    private final TerminalMessages messages = new TerminalMessages(profile);

    @Test
    void hourlyCo2UploadLooksLikeTheStandardsExample() throws Exception {
        List<DataSegment> packets = messages.upload(DataKind.HOURLY, LocalDateTime.of(2024, 1, 2, 2, 0),
                List.of(new IndicatorValue("a05001", Map.of(FieldSuffix.AVG, new BigDecimal("410.25"),
                        FieldSuffix.COU, new BigDecimal("1250.5")), DataFlag.N)), false, new QnSequence(CLOCK));
        assertEquals(1, packets.size());
        assertEquals("QN=20240102030500123;ST=31;CN=2061;PW=123456;MN=TANHE0001;Flag=5;"
                + "CP=&&DataTime=20240102020000;a05001-Cou=1250.500,a05001-Avg=410.250,a05001-Flag=N&&", packets.get(0).text());
        assertEquals(packets.get(0), Hj212Codec.decode(Hj212Codec.encode(packets.get(0))).segment());
    }

    @Test
    void realtimeUploadUsesRtdAndCn2011() {
        DataSegment s = messages.upload(DataKind.REALTIME, LocalDateTime.of(2024, 1, 2, 3, 4, 5),
                List.of(IndicatorValue.realtime("a05001", new BigDecimal("401"), DataFlag.M)), false, new QnSequence(CLOCK)).get(0);
        assertEquals("2011", s.cn());
        assertEquals("DataTime=20240102030405;a05001-Rtd=401.000,a05001-Flag=M", s.cp().text());
    }

    @Test
    void wrongSuffixForTheKindIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> messages.upload(DataKind.DAILY,
                LocalDateTime.of(2024, 1, 1, 0, 0), List.of(IndicatorValue.realtime("a05001", BigDecimal.ONE, DataFlag.N)),
                false, new QnSequence(CLOCK)));
        assertTrue(e.getMessage().contains("not -Rtd"), e.getMessage());
    }

    @Test
    void valueTooLargeForTheFormatIsRefusedWithItsField() {
        PlatformProfile small = PlatformProfiles.parse("mn: A1\npassword: '123456'\nfields: {a05002: {unit: g, format: N3.3}}\n", "t", false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TerminalMessages(small).upload(
                DataKind.DAILY, LocalDateTime.of(2024, 1, 1, 0, 0),
                List.of(IndicatorValue.amount("a05002", new BigDecimal("12345"), DataFlag.N)), false, new QnSequence(CLOCK)));
        assertEquals("a05002-Cou: 12345 has 5 integer digits; N3.3 allows 3", e.getMessage());
    }

    @Test
    void monthlyNeedsAPlatformCn() {
        assertThrows(IllegalArgumentException.class, () -> messages.upload(DataKind.MONTHLY, LocalDateTime.of(2024, 1, 1, 0, 0),
                List.of(IndicatorValue.amount("a05001", BigDecimal.ONE, DataFlag.N)), false, new QnSequence(CLOCK)));
    }

    @Test
    void manyIndicatorsAreSplitIntoPartsWithTheirOwnQns() {
        List<IndicatorValue> values = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            values.add(IndicatorValue.amount("e" + (10000 + i), new BigDecimal("123456.789"), DataFlag.N));
        }
        QnSequence qns = new QnSequence(CLOCK);
        List<DataSegment> parts = messages.upload(DataKind.DAILY, LocalDateTime.of(2024, 1, 1, 0, 0), values, false, qns);
        assertTrue(parts.size() > 1);
        assertEquals(parts.size(), parts.stream().map(p -> p.qn().orElseThrow()).distinct().count());
        Reassembler r = new Reassembler();
        Reassembler.Result last = null;
        for (DataSegment p : parts) {
            assertTrue(Hj212Codec.encode(p).length <= Hj212Codec.MAX_PACKET_BYTES);
            last = r.offer(p);
        }
        Reassembler.Complete whole = assertInstanceOf(Reassembler.Complete.class, last);
        assertEquals(81, whole.segment().cp().items().size());
    }

    @Test
    void backfillMarkerOnlyWithTheUnverified2025Option() {
        List<IndicatorValue> one = List.of(IndicatorValue.amount("a05001", BigDecimal.ONE, DataFlag.N));
        LocalDateTime t = LocalDateTime.of(2024, 1, 1, 0, 0);
        assertFalse(messages.upload(DataKind.DAILY, t, one, true, new QnSequence(CLOCK)).get(0).backfill());
        PlatformProfile v2 = PlatformProfiles.parse("mn: A1\npassword: '123456'\nversion: 2\n"
                + "unverified_hj212_2025: {backfill_marker: true, heartbeat: true}\n", "t", false);
        DataSegment marked = new TerminalMessages(v2).upload(DataKind.DAILY, t, one, true, new QnSequence(CLOCK)).get(0);
        assertTrue(marked.text().contains(";Flag=9;RF=1;CP="), marked.text());
        assertEquals("QN=20240102030500123;ST=91;CN=9015;PW=123456;MN=A1;Flag=8;CP=&&&&",
                new TerminalMessages(v2).heartbeat(Qn.parse("20240102030500123")).text());
        assertThrows(IllegalStateException.class, () -> messages.heartbeat(Qn.parse("20240102030500123")));
    }

    @Test
    void repliesEchoTheRequestQnUnderSt91() throws Exception {
        DataSegment request = Hj212Codec.parseSegment("QN=20240102030405006;ST=31;CN=2061;PW=123456;MN=TANHE0001;Flag=5;"
                + "CP=&&BeginTime=20240101000000;EndTime=20240101230000&&");
        assertEquals("QN=20240102030405006;ST=91;CN=9011;PW=123456;MN=TANHE0001;Flag=4;CP=&&QnRtn=1&&",
                messages.requestAnswer(request, QnRtn.READY).text());
        assertEquals("QN=20240102030405006;ST=91;CN=9012;PW=123456;MN=TANHE0001;Flag=4;CP=&&ExeRtn=100&&",
                messages.executionResult(request, ExeRtn.NO_DATA).text());
        assertEquals("QN=20240102030405006;ST=91;CN=9013;PW=123456;MN=TANHE0001;Flag=4;CP=&&&&",
                messages.noticeAnswer(request).text());
    }

    @Test
    void timeAndIntervalAnswersCarryTheValues() throws Exception {
        PlatformCommands commands = new PlatformCommands(profile);
        var get = (PlatformCommand.GetTime) commands.parse(Hj212Codec.parseSegment(
                "QN=20240102030405006;ST=31;CN=1011;PW=123456;MN=TANHE0001;Flag=5;CP=&&PolId=a05001&&"));
        assertEquals("QN=20240102030405006;ST=31;CN=1011;PW=123456;MN=TANHE0001;Flag=4;CP=&&PolId=a05001;SystemTime=20240102030406&&",
                messages.timeAnswer(get, LocalDateTime.of(2024, 1, 2, 3, 4, 6, 500_000_000)).text());
        var interval = (PlatformCommand.GetRealtimeInterval) commands.parse(Hj212Codec.parseSegment(
                "QN=20240102030405007;ST=31;CN=1061;PW=123456;MN=TANHE0001;Flag=5;CP=&&&&"));
        assertEquals("RtdInterval=60", messages.realtimeIntervalAnswer(interval, 60).cp().text());
    }

    @Test
    void qnSequenceNeverRepeatsWithinAMillisecond() {
        QnSequence qns = new QnSequence(CLOCK);
        Qn a = qns.get();
        Qn b = qns.get();
        assertEquals("20240102030500123", a.text());
        assertEquals("20240102030500124", b.text());
    }

    @Test
    void aCodeWithoutFormatIsWrittenInTheProfilesDefaultFormatWithin18Characters() throws Exception {
        // issue 12, 8a: e10003-Cou=0.12848858999484802 (19 characters) was refused by the platform on every attempt
        List<DataSegment> packets = messages.upload(DataKind.MINUTE, LocalDateTime.of(2024, 1, 2, 2, 0),
                List.of(IndicatorValue.amount("e10003", new BigDecimal("0.12848858999484802"), DataFlag.N),
                        IndicatorValue.amount("e10004", new BigDecimal("12.5"), DataFlag.N)), false, new QnSequence(CLOCK));
        String text = packets.get(0).text();
        assertTrue(text.contains("e10003-Cou=0.1285,"), text);
        assertTrue(text.contains("e10004-Cou=12.5,"), text);
        Hj212Codec.decode(Hj212Codec.encode(packets.get(0)));
        assertEquals("N12.4", profile.defaultFormat());
    }

    @Test
    void aValueTooLongForItsFormatIsNamedAsUnwritable() {
        IndicatorValue huge = IndicatorValue.amount("e10003", new BigDecimal("1234567890123.5"), DataFlag.N);
        assertTrue(messages.unwritable(DataKind.MINUTE, huge).orElseThrow().contains("e10003-Cou"));
        assertTrue(messages.unwritable(DataKind.MINUTE, IndicatorValue.amount("e10003", BigDecimal.ONE, DataFlag.N)).isEmpty());
    }

    @Test
    void aRequestWithoutQnIsAnsweredUnderTheTerminalsOwnQn() {
        Qn own = new QnSequence(CLOCK).get();
        DataSegment answer = messages.requestAnswer(own, QnRtn.QN_ERROR);
        assertEquals("9011", answer.cn());
        assertEquals(own, answer.qn().orElseThrow());
        assertEquals("7", answer.cp().value("QnRtn").orElseThrow());
    }
}
