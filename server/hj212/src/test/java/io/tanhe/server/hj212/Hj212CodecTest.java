package io.tanhe.server.hj212;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.List;

import static io.tanhe.server.hj212.Packets.EXAMPLE;
import static io.tanhe.server.hj212.Packets.wrap;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Hj212CodecTest {

    @Test
    void standardExampleDecodesFieldByField() throws Exception {
        DecodedPacket p = Hj212Codec.decode(EXAMPLE);
        DataSegment s = p.segment();
        assertEquals("0101", p.declaredLength());
        assertEquals("1C80", p.crcText());
        assertEquals(LocalDateTime.of(2016, 8, 1, 8, 58, 57, 223_000_000), s.qn().orElseThrow().time());
        assertEquals("32", s.st());
        assertEquals("1062", s.cn());
        assertEquals("100000", s.pw());
        assertEquals("010000A8900016F000169DC0", s.mn());
        assertEquals(new Flag(1, false, true), s.flag().orElseThrow());
        assertEquals(5, s.flag().orElseThrow().value());
        assertEquals(CpArea.of(CpItem.of("RtdInterval", "30")), s.cp());
    }

    @Test
    void standardExampleEncodesToTheSameBytes() throws Exception {
        DataSegment s = Hj212Codec.decode(EXAMPLE).segment();
        assertEquals(EXAMPLE, Hj212Codec.encodeText(s));
    }

    @Test
    void crcFollowsAppendixANotModbus() {
        byte[] data = EXAMPLE.substring(6, 107).getBytes(StandardCharsets.US_ASCII);
        assertEquals(0x1C80, Hj212Crc.of(data));
        assertEquals("1C80", Hj212Crc.hex(Hj212Crc.of(data)));
    }

    @Test
    void lowerCaseCrcIsAccepted() throws Exception {
        String lower = EXAMPLE.replace("1C80\r\n", "1c80\r\n");
        assertEquals("1c80", Hj212Codec.decode(lower).crcText());
    }

    @Test
    void emptyCpAreaIsAllowed() throws Exception {
        String p = wrap("QN=20201008154743635;ST=91;CN=9014;PW=123456;MN=SD000001;Flag=4;CP=&&&&");
        assertTrue(Hj212Codec.decode(p).segment().cp().items().isEmpty());
    }

    @Test
    void splitPacketCarriesPnumAndPno() throws Exception {
        DataSegment s = Hj212Codec.decode(wrap(Packets.segment("", "DataTime=20240102030000").replace("Flag=5;", "Flag=7;PNUM=2;PNO=1;"))).segment();
        assertEquals(new PacketPart(2, 1), s.part().orElseThrow());
        assertTrue(s.flag().orElseThrow().split());
    }

    @Test
    void cpFieldsSplitIntoCodeAndSuffix() throws Exception {
        DataSegment s = Hj212Codec.decode(wrap(Packets.segment("",
                "DataTime=20240102030000;a05001-Cou=12.5,a05001-Avg=410.2,a05001-Flag=N"))).segment();
        CpField cou = s.cp().items().get(1).fields().get(0);
        assertEquals("a05001", cou.code());
        assertEquals(FieldSuffix.COU, cou.suffix().orElseThrow());
        assertEquals("N", s.cp().value("a05001-Flag").orElseThrow());
        assertFalse(s.cp().items().get(0).fields().get(0).suffix().isPresent());
    }

    @Test
    void utf8CpValueCountsBytesInLengthAndCrc() throws Exception {
        String segment = Packets.segment("", "PolId=a05001;a05001-Info=测试");
        String p = wrap(segment);
        DecodedPacket d = Hj212Codec.decode(p);
        assertEquals(segment.getBytes(StandardCharsets.UTF_8).length, Integer.parseInt(d.declaredLength()));
        assertEquals("测试", d.segment().cp().value("a05001-Info").orElseThrow());
        assertArrayEquals(p.getBytes(StandardCharsets.UTF_8), Hj212Codec.encode(d.segment()));
    }

    @Test
    void nonAsciiCrcVectorMatchesTheStandardAlgorithmOnUnsignedBytes() {
        assertEquals("D4C1", Hj212Crc.hex(Hj212Crc.of("CP=&&备注=测试&&".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void lengthMismatchSaysBothLengths() {
        String bad = EXAMPLE.replace("##0101", "##0102");
        Hj212FormatException e = assertThrows(Hj212FormatException.class, () -> Hj212Codec.decode(bad));
        assertEquals("length mismatch: declared 0102 but data segment has 101 chars", e.problem());
        assertEquals(2, e.offset());
    }

    @Test
    void crcMismatchSaysExpectedAndFound() {
        String bad = EXAMPLE.replace("1C80\r\n", "1C81\r\n");
        Hj212FormatException e = assertThrows(Hj212FormatException.class, () -> Hj212Codec.decode(bad));
        assertEquals("CRC 1C80 expected, packet says 1C81", e.problem());
        assertEquals(107, e.offset());
        assertEquals("offset 107: CRC 1C80 expected, packet says 1C81", e.getMessage());
    }

    @Test
    void corruptedDataSegmentFailsTheCrc() {
        String bad = EXAMPLE.replace("RtdInterval=30", "RtdInterval=31");
        assertTrue(assertThrows(Hj212FormatException.class, () -> Hj212Codec.decode(bad)).problem().startsWith("CRC "));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no ##                 | #0101QN=1                         | 1  | bad header",
            "empty                 | ''                                 | 0  | empty input",
            "letters in length     | ##01a1QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=0;Flag=5;CP=&&&&0000 | 4 | bad length field",
            "short length          | ##01                               | 4  | packet ends inside the length field",
            "no CRC room           | ##0000AB\\r\\n                     | 6  | packet too short",
    })
    void frameErrorsNameTheProblem(String name, String packet, int offset, String start) {
        Hj212FormatException e = assertThrows(Hj212FormatException.class,
                () -> Hj212Codec.decode(packet.replace("\\r\\n", "\r\n")));
        assertTrue(e.problem().startsWith(start), e.getMessage());
        assertEquals(offset, e.offset(), e.getMessage());
    }

    @Test
    void missingCrlfIsReportedAtTheEnd() {
        String noCrlf = EXAMPLE.substring(0, EXAMPLE.length() - 2);
        Hj212FormatException e = assertThrows(Hj212FormatException.class, () -> Hj212Codec.decode(noCrlf));
        assertEquals("missing CRLF: the packet must end with CR LF after the CRC", e.problem());
        assertEquals(noCrlf.length(), e.offset());
        String lfOnly = noCrlf + "\n";
        assertTrue(assertThrows(Hj212FormatException.class, () -> Hj212Codec.decode(lfOnly)).problem().contains("LF alone"));
    }

    @Test
    void garbageAfterThePacketIsRejected() {
        Hj212FormatException e = assertThrows(Hj212FormatException.class, () -> Hj212Codec.decode(EXAMPLE + "xyz"));
        assertEquals(EXAMPLE.length(), e.offset());
        assertTrue(e.problem().startsWith("garbage after the packet: 3 bytes"));
        assertThrows(Hj212FormatException.class, () -> Hj212Codec.decode(EXAMPLE + EXAMPLE));
    }

    @Test
    void badCrcCharactersAreRejected() {
        Hj212FormatException e = assertThrows(Hj212FormatException.class,
                () -> Hj212Codec.decode(EXAMPLE.replace("1C80\r\n", "1CX0\r\n")));
        assertEquals(109, e.offset());
        assertTrue(e.problem().startsWith("bad CRC field '1CX0'"));
    }

    @Test
    void dataSegmentLongerThan1024IsRejectedEvenWithMatchingLength() {
        String segment = Packets.segment("", "x=" + "1".repeat(1100));
        Hj212FormatException e = assertThrows(Hj212FormatException.class,
                () -> Hj212Codec.decode("##" + segment.length() + segment + "0000\r\n"));
        assertTrue(e.problem().contains("at most 1024"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "bad QN digits      | QN=2016080108585722;ST=31;CN=2011;PW=123456;MN=A1;Flag=5;CP=&&&&           | 9  | bad QN: must be 17 digits",
            "bad QN month       | QN=20161301085857223;ST=31;CN=2011;PW=123456;MN=A1;Flag=5;CP=&&&&          | 9  | bad QN: '20161301085857223' is not a real time",
            "bad ST             | QN=20160801085857223;ST=3;CN=2011;PW=123456;MN=A1;Flag=5;CP=&&&&           | 30 | bad ST '3'",
            "bad CN             | QN=20160801085857223;ST=31;CN=20x1;PW=123456;MN=A1;Flag=5;CP=&&&&          | 36 | bad CN '20x1'",
            "short PW           | QN=20160801085857223;ST=31;CN=2011;PW=12345;MN=A1;Flag=5;CP=&&&&           | 44 | bad PW (5 characters, not shown)",
            "long MN            | QN=20160801085857223;ST=31;CN=2011;PW=123456;MN=1234567890123456789012345;Flag=5;CP=&&&& | 54 | bad MN",
            "Flag not a number  | QN=20160801085857223;ST=31;CN=2011;PW=123456;MN=A1;Flag=x;CP=&&&&          | 62 | bad Flag 'x'",
            "Flag leading zero  | QN=20160801085857223;ST=31;CN=2011;PW=123456;MN=A1;Flag=05;CP=&&&&         | 62 | bad Flag '05'",
            "Flag over 255      | QN=20160801085857223;ST=31;CN=2011;PW=123456;MN=A1;Flag=256;CP=&&&&        | 62 | bad Flag '256'",
            "Flag version 3     | QN=20160801085857223;ST=31;CN=2011;PW=123456;MN=A1;Flag=13;CP=&&&&         | 62 | bad Flag 13: unknown protocol version 3",
            "missing ST         | QN=20160801085857223;CN=2011;PW=123456;MN=A1;Flag=5;CP=&&&&                | 58 | missing field ST",
            "missing QN in 2017 | ST=31;CN=2011;PW=123456;MN=A1;Flag=5;CP=&&&&                              | 6  | missing field QN",
            "missing CP         | QN=20160801085857223;ST=31;CN=2011;PW=123456;MN=A1;Flag=5                  | 63 | missing field CP",
            "duplicate ST       | QN=20160801085857223;ST=31;ST=31;CN=2011;PW=123456;MN=A1;Flag=5;CP=&&&&    | 33 | duplicate field ST (first at offset 27)",
            "unknown field      | QN=20160801085857223;ST=31;XX=1;CN=2011;PW=123456;MN=A1;Flag=5;CP=&&&&     | 33 | unknown field 'XX'",
            "field without =    | QN=20160801085857223;ST=31;CN2011;PW=123456;MN=A1;Flag=5;CP=&&&&           | 33 | field 'CN2011' has no '='",
            "double semicolon   | QN=20160801085857223;;ST=31;CN=2011;PW=123456;MN=A1;Flag=5;CP=&&&&         | 27 | empty field",
            "D without PNUM     | QN=20160801085857223;ST=31;CN=2011;PW=123456;MN=A1;Flag=7;CP=&&&&          | 62 | Flag=7 has the D bit set (split packet) but PNUM is missing",
            "PNUM without D     | QN=20160801085857223;ST=31;CN=2011;PW=123456;MN=A1;Flag=5;PNUM=2;PNO=1;CP=&&&& | 64 | PNUM is present but Flag=5 has no D bit",
            "PNO over PNUM      | QN=20160801085857223;ST=31;CN=2011;PW=123456;MN=A1;Flag=7;PNUM=2;PNO=3;CP=&&&& | 75 | PNO 3 is greater than PNUM 2",
            "PNUM zero          | QN=20160801085857223;ST=31;CN=2011;PW=123456;MN=A1;Flag=7;PNUM=0;PNO=1;CP=&&&& | 69 | bad PNUM '0'",
            "RF in 2017         | QN=20160801085857223;ST=31;CN=2011;PW=123456;MN=A1;Flag=5;RF=1;CP=&&&&     | 64 | RF (the HJ 212-2025 backfill marker",
            "RF=0               | QN=20160801085857223;ST=31;CN=2011;PW=123456;MN=A1;Flag=9;RF=0;CP=&&&&     | 67 | bad RF '0'",
            "CP without &&      | QN=20160801085857223;ST=31;CN=2011;PW=123456;MN=A1;Flag=5;CP=a=1&&         | 67 | CP must start with &&",
            "CP not closed      | QN=20160801085857223;ST=31;CN=2011;PW=123456;MN=A1;Flag=5;CP=&&a=1         | 72 | the data segment must end with the &&",
            "field after CP     | QN=20160801085857223;ST=31;CN=2011;PW=123456;MN=A1;Flag=5;CP=&&a=1&&;x=1&& | 72 | '&' inside the CP area",
            "CP empty item      | QN=20160801085857223;ST=31;CN=2011;PW=123456;MN=A1;Flag=5;CP=&&a=1;;b=2&&  | 73 | empty item in the CP area",
            "CP trailing ;      | QN=20160801085857223;ST=31;CN=2011;PW=123456;MN=A1;Flag=5;CP=&&a=1;&&      | 73 | empty item: the CP area ends with ';'",
            "CP empty field     | QN=20160801085857223;ST=31;CN=2011;PW=123456;MN=A1;Flag=5;CP=&&a=1,,b=2&&  | 73 | empty field in a CP item",
            "CP no =            | QN=20160801085857223;ST=31;CN=2011;PW=123456;MN=A1;Flag=5;CP=&&a=1;b&&     | 73 | CP field 'b' has no '='",
            "CP empty value     | QN=20160801085857223;ST=31;CN=2011;PW=123456;MN=A1;Flag=5;CP=&&a=&&        | 71 | field a has an empty value",
            "CP second =        | QN=20160801085857223;ST=31;CN=2011;PW=123456;MN=A1;Flag=5;CP=&&a=1=2&&     | 72 | field a has '=' in its value",
            "CP bad name        | QN=20160801085857223;ST=31;CN=2011;PW=123456;MN=A1;Flag=5;CP=&&a.b=1&&     | 69 | bad field name 'a.b'",
            "CP duplicate       | QN=20160801085857223;ST=31;CN=2011;PW=123456;MN=A1;Flag=5;CP=&&a05001-Rtd=1;a05001-Rtd=2&& | 82 | duplicate field a05001-Rtd in the CP area (first at offset 69)",
            "CP bad number      | QN=20160801085857223;ST=31;CN=2011;PW=123456;MN=A1;Flag=5;CP=&&a05001-Rtd=1.&&    | 80 | bad number a05001-Rtd=1.",
            "CP long number     | QN=20160801085857223;ST=31;CN=2011;PW=123456;MN=A1;Flag=5;CP=&&a05001-Cou=1234567890123456789&& | 80 | number a05001-Cou=1234567890123456789 has 19 characters",
            "CP bad data flag   | QN=20160801085857223;ST=31;CN=2011;PW=123456;MN=A1;Flag=5;CP=&&a05001-Flag=X&&    | 81 | bad data flag a05001-Flag=X",
            "CP bad DataTime    | QN=20160801085857223;ST=31;CN=2011;PW=123456;MN=A1;Flag=5;CP=&&DataTime=20240230000000&& | 78 | bad time DataTime: '20240230000000' is not a real time",
            "CP ms DataTime 2017| QN=20160801085857223;ST=31;CN=2011;PW=123456;MN=A1;Flag=5;CP=&&DataTime=20240101000000000&& | 78 | bad time DataTime: must be 14 digits",
    })
    void dataSegmentErrorsNameTheProblemAndOffset(String name, String segment, int offset, String start) {
        Hj212FormatException e = assertThrows(Hj212FormatException.class, () -> Hj212Codec.decode(wrap(segment)));
        assertTrue(e.problem().startsWith(start), name + ": " + e.getMessage());
        assertEquals(offset, e.offset(), name + ": " + e.getMessage());
    }

    @Test
    void controlCharacterInsideTheSegmentIsRejected() {
        Hj212FormatException e = assertThrows(Hj212FormatException.class,
                () -> Hj212Codec.decode(wrap(Packets.segment("", "a=1\tb"))));
        assertEquals("control character 0x09 in the data segment", e.problem());
    }

    @Test
    void nonAsciiOutsideCpValuesIsRejected() {
        Hj212FormatException e = assertThrows(Hj212FormatException.class,
                () -> Hj212Codec.decode(wrap("QN=20160801085857223;ST=31;CN=2011;PW=123456;MN=设备;Flag=5;CP=&&&&")));
        assertTrue(e.problem().startsWith("non-ASCII character '设' in field MN"), e.getMessage());
        assertEquals(54, e.offset());
    }

    @Test
    void invalidUtf8IsRejectedWithItsOffset() {
        byte[] seg = Packets.segment("", "a=\u00e9").getBytes(StandardCharsets.ISO_8859_1);
        byte[] packet = (String.format("##%04d", seg.length) + new String(seg, StandardCharsets.ISO_8859_1)
                + Hj212Crc.hex(Hj212Crc.of(seg)) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        Hj212FormatException e = assertThrows(Hj212FormatException.class, () -> Hj212Codec.decode(packet));
        assertEquals("invalid UTF-8 byte 0xE9 in the data segment", e.problem());
        assertEquals(6 + seg.length - 3, e.offset());
    }

    @Test
    void headerFieldsMayComeInAnyOrderButEncodeInTheStandardOrder() throws Exception {
        String shuffled = wrap("ST=32;QN=20160801085857223;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&");
        assertEquals(EXAMPLE, Hj212Codec.encodeText(Hj212Codec.decode(shuffled).segment()));
    }

    @Test
    void encodingRefusesASegmentOver1024Bytes() {
        DataSegment big = DataSegment.of(Qn.parse("20240101000000000"), "31", "2011", "123456", "A1", new Flag(1, false, true),
                new CpArea(List.of(CpItem.of("x", "1".repeat(1100)))));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Hj212Codec.encode(big)).getMessage().contains("PacketSplitter"));
    }

    @Test
    void constructorsEnforceTheSameRulesAsTheParser() {
        Qn qn = Qn.parse("20240101000000000");
        Flag f = new Flag(1, false, true);
        assertThrows(IllegalArgumentException.class, () -> DataSegment.of(qn, "3", "2011", "123456", "A1", f, CpArea.EMPTY));
        assertThrows(IllegalArgumentException.class, () -> DataSegment.of(qn, "31", "2011", "123456", "A1", f,
                CpArea.of(CpItem.of("a05001-Flag", "Q"))));
        assertThrows(IllegalArgumentException.class, () -> DataSegment.of(qn, "31", "2011", "123456", "A1",
                new Flag(1, true, true), CpArea.EMPTY));
        assertThrows(IllegalArgumentException.class, () -> new CpField("a", "x;y"));
        assertThrows(IllegalArgumentException.class, () -> CpArea.of(CpItem.of("a", "1"), CpItem.of("a", "2")));
        assertThrows(IllegalArgumentException.class, () -> DataSegment.of(qn, "31", "2011", "123456", "A1", f, CpArea.EMPTY)
                .withBackfillMarker(true));
    }
}
