package io.tanhe.server.hj212.message;

import io.tanhe.server.hj212.DataSegment;
import io.tanhe.server.hj212.Hj212Codec;
import io.tanhe.server.hj212.Hj212FormatException;
import io.tanhe.server.hj212.profile.PlatformProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlatformCommandsTest {
    private static final String HEAD = "QN=20240102030405006;ST=31;CN=%s;PW=123456;MN=TANHE0001;Flag=5;CP=&&%s&&";
    private final PlatformCommands commands = new PlatformCommands(PlatformProfile.of("test", "TANHE0001", "123456"));

    private PlatformCommand parse(String cn, String cp) throws Hj212FormatException {
        return commands.parse(Hj212Codec.parseSegment(String.format(HEAD, cn, cp)));
    }

    @Test
    void retrievalRequestsBecomeRetrieveDataOfTheirKind() throws Exception {
        var r = assertInstanceOf(PlatformCommand.RetrieveData.class, parse("2061", "BeginTime=20240101000000;EndTime=20240101230000"));
        assertEquals(DataKind.HOURLY, r.kind());
        assertEquals(LocalDateTime.of(2024, 1, 1, 0, 0), r.begin());
        assertEquals(LocalDateTime.of(2024, 1, 1, 23, 0), r.end());
        assertEquals(DataKind.MINUTE, ((PlatformCommand.RetrieveData) parse("2051", "BeginTime=20240101000000;EndTime=20240101000000")).kind());
        assertEquals(DataKind.DAILY, ((PlatformCommand.RetrieveData) parse("2031", "BeginTime=20240101000000;EndTime=20240102000000")).kind());
    }

    @Test
    void timeAndIntervalCommandsAreTyped() throws Exception {
        assertEquals(LocalDateTime.of(2024, 1, 2, 3, 4, 5),
                assertInstanceOf(PlatformCommand.SetTime.class, parse("1012", "PolId=a05001;SystemTime=20240102030405")).time());
        assertTrue(assertInstanceOf(PlatformCommand.GetTime.class, parse("1011", "")).polId().isEmpty());
        assertEquals(30, assertInstanceOf(PlatformCommand.SetRealtimeInterval.class, parse("1062", "RtdInterval=30")).seconds());
        assertEquals(15, assertInstanceOf(PlatformCommand.SetMinuteInterval.class, parse("1064", "MinInterval=15")).minutes());
        assertInstanceOf(PlatformCommand.StartRealtime.class, parse("2011", ""));
        assertInstanceOf(PlatformCommand.StopRealtime.class, parse("2012", ""));
        assertInstanceOf(PlatformCommand.DataAck.class, commands.parse(Hj212Codec.parseSegment(
                "QN=20240102030405006;ST=91;CN=9014;PW=123456;MN=TANHE0001;Flag=4;CP=&&&&")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "end before begin      | 2061 | BeginTime=20240102000000;EndTime=20240101000000 | REJECTED | EndTime 20240101000000 is before BeginTime",
            "missing EndTime       | 2051 | BeginTime=20240102000000                        | REJECTED | CN 2051: missing EndTime",
            "interval too short    | 1062 | RtdInterval=10                                  | REJECTED | RtdInterval is 30-3600 s, not 10",
            "interval not a number | 1062 | RtdInterval=1.5                                 | REJECTED | RtdInterval '1.5' is not a whole number",
            "odd minute interval   | 1064 | MinInterval=7                                   | REJECTED | MinInterval is one of",
            "unsupported CN        | 3011 | PolId=a05001                                    | CN_ERROR | CN 3011 (unknown command) is not supported",
    })
    void badCommandsAreRefusedWithAReason(String name, String cn, String cp, QnRtn reason, String problem) throws Exception {
        var r = assertInstanceOf(PlatformCommand.Refused.class, parse(cn, cp));
        assertEquals(reason, r.reason(), name);
        assertTrue(r.problem().contains(problem), name + ": " + r.problem());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "QN=20240102030405006;ST=31;CN=1011;PW=654321;MN=TANHE0001;Flag=5;CP=&&&& | PW_ERROR",
            "QN=20240102030405006;ST=31;CN=1011;PW=123456;MN=OTHER0001;Flag=5;CP=&&&& | MN_ERROR",
            "QN=20240102030405006;ST=22;CN=1011;PW=123456;MN=TANHE0001;Flag=5;CP=&&&& | ST_ERROR",
            "QN=20240102030405006;ST=31;CN=1011;PW=123456;MN=TANHE0001;Flag=9;CP=&&&& | FLAG_ERROR",
            "ST=31;CN=1011;PW=123456;MN=TANHE0001;CP=&&&&                             | QN_ERROR",
    })
    void packetsNotAddressedToThisTerminalAreRefused(String segment, QnRtn reason) throws Exception {
        DataSegment s = Hj212Codec.parseSegment(segment);
        assertEquals(reason, assertInstanceOf(PlatformCommand.Refused.class, commands.parse(s)).reason());
    }

    private static byte[] framed(String segment) {
        byte[] data = segment.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        return (String.format("##%04d", data.length) + segment + io.tanhe.server.hj212.Hj212Crc.hex(io.tanhe.server.hj212.Hj212Crc.of(data))
                + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    @Test
    void aWellFramedRetrievalWithMonth13IsRefusedAsBadConditions() {
        byte[] packet = framed(String.format(HEAD, "2051", "BeginTime=20241301000000;EndTime=20241302000000"));
        String problem = assertThrows(Hj212FormatException.class, () -> Hj212Codec.decode(packet)).getMessage();
        PlatformCommand.Refused r = commands.parseUnreadable(packet, problem).orElseThrow();
        assertEquals(QnRtn.REJECTED, r.reason());
        assertEquals(ExeRtn.BAD_CONDITIONS, r.execution().orElseThrow());
        assertEquals("20240102030405006", r.request().qn().orElseThrow().text());
    }

    @Test
    void aWellFramedCommandWithoutQnIsRefusedWithQnError() {
        byte[] packet = framed("ST=31;CN=1011;PW=123456;MN=TANHE0001;Flag=5;CP=&&&&");
        PlatformCommand.Refused r = commands.parseUnreadable(packet, "no QN").orElseThrow();
        assertEquals(QnRtn.QN_ERROR, r.reason());
        assertTrue(r.request().qn().isEmpty());
    }

    @Test
    void aBadCrcOrAnAnswerIsNotAnswered() {
        byte[] packet = framed(String.format(HEAD, "2051", "BeginTime=20241301000000;EndTime=20241302000000"));
        packet[packet.length - 3] = (byte) (packet[packet.length - 3] == '0' ? '1' : '0');
        assertTrue(commands.parseUnreadable(packet, "bad CRC").isEmpty());
        assertTrue(commands.parseUnreadable(framed("QN=20241301000000000;ST=91;CN=9014;PW=123456;MN=TANHE0001;Flag=4;CP=&&&&"),
                "bad QN").isEmpty());
    }

    @Test
    void aBadParameterOfADecodedCommandAlsoGetsExeRtn3() throws Exception {
        var r = assertInstanceOf(PlatformCommand.Refused.class, parse("1062", "RtdInterval=5"));
        assertEquals(QnRtn.REJECTED, r.reason());
        assertEquals(ExeRtn.BAD_CONDITIONS, r.execution().orElseThrow());
    }
}
