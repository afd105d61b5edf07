package io.tanhe.cli;

import io.tanhe.server.hj212.Hj212Crc;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Hj212CommandTest {
    private static final String EXAMPLE = "##0101QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;"
            + "Flag=5;CP=&&RtdInterval=30&&1C80\\r\\n";

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cli = TanheCli.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void decodeExplainsTheStandardExampleFieldByField() {
        Run r = run("hj212", "decode", EXAMPLE);
        assertEquals(0, r.exit(), r.err());
        String expected = String.join(System.lineSeparator(),
                "HJ 212 packet, 113 bytes: valid",
                "  header ##                         packet start",
                "  length 0101                       the data segment has 101 chars",
                "  QN     20160801085857223          request number = time 2016-08-01 08:58:57.223",
                "  ST     32                         system code: surface-water pollution source",
                "  CN     1062                       command: set real-time data interval",
                "  PW     100000                     access password",
                "  MN     010000A8900016F000169DC0   device id (24 chars)",
                "  Flag   5                          version 1 = HJ 212-2017; D=0: not split; A=1: an answer is requested",
                "  CP     1 item                     1 field",
                "    RtdInterval=30               real-time upload interval, seconds",
                "  CRC    1C80                       matches the data segment (HJ 212 Appendix A CRC16)",
                "  end    \\r\\n                       packet end (CR LF)", "");
        assertEquals(expected, r.out());
    }

    @Test
    void decodeExplainsIndicatorsSuffixesAndFlags() {
        String segment = "QN=20240102030500123;ST=31;CN=2061;PW=123456;MN=TANHE0001;Flag=5;"
                + "CP=&&DataTime=20240102020000;a05001-Cou=1250.500,a05001-Flag=N&&";
        String withCrc = "##0" + segment.length() + segment + Hj212Crc.hex(Hj212Crc.of(
                segment.getBytes(StandardCharsets.US_ASCII))) + "\\r\\n";
        Run r = run("hj212", "decode", withCrc);
        assertEquals(0, r.exit(), r.err());
        String out = r.out().replaceAll(" +", " ");
        assertTrue(out.contains("a05001-Cou=1250.500 a05001 carbon dioxide (CO2): cumulative amount of the period"), r.out());
        assertTrue(out.contains("a05001-Flag=N a05001 carbon dioxide (CO2): data flag N = instrument normal"), r.out());
        assertTrue(out.contains("DataTime=20240102020000 data time (start of the period, or the sampling instant for real-time data): 2024-01-02 02:00:00"), r.out());
        assertTrue(r.out().contains("command: hourly data (upload or retrieval request)"), r.out());
    }

    @Test
    void decodeOfABadCrcSaysWhatAndWhereAndExitsOne() {
        Run r = run("hj212", "decode", EXAMPLE.replace("1C80", "1C81"));
        assertEquals(1, r.exit());
        String[] lines = r.err().split("\\R");
        assertEquals("error: offset 107: CRC 1C80 expected, packet says 1C81", lines[0]);
        assertEquals(lines[1].indexOf("1C81"), lines[2].indexOf('^'), r.err());
        assertEquals("", r.out());
    }

    @Test
    void decodeAddsAMissingCrlfWithANoteUnlessExact() {
        String bare = EXAMPLE.replace("\\r\\n", "");
        Run lenient = run("hj212", "decode", bare);
        assertEquals(0, lenient.exit());
        assertTrue(lenient.out().startsWith("note: added the CR LF"));
        Run exact = run("hj212", "decode", "--exact", bare);
        assertEquals(1, exact.exit());
        assertTrue(exact.err().startsWith("error: offset 111: missing CRLF"), exact.err());
    }

    @Test
    void decodeReadsStandardInputForDash() {
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream((EXAMPLE.replace("\\r\\n", "") + "\n").getBytes(StandardCharsets.US_ASCII)));
            Run r = run("hj212", "decode", "-");
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().contains("HJ 212 packet, 113 bytes: valid"));
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void decodeWithoutAPacketIsAUsageError() {
        Run r = run("hj212", "decode");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("Missing required parameter: 'PACKET'"), r.err());
    }

    @Test
    void helpDescribesDecode() {
        Run r = run("hj212", "decode", "--help");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("Explain every field of one HJ 212 packet"), r.out());
    }

    @Test
    void encodeWrapsASegmentWithLengthAndCrc() {
        Run r = run("hj212", "encode", "QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&");
        assertEquals(0, r.exit(), r.err());
        assertEquals(EXAMPLE.replace("\\r\\n", "\r\n"), r.out());
    }

    @Test
    void encodeRejectsABadSegment() {
        Run r = run("hj212", "encode", "QN=2016;ST=32;CN=1062;PW=100000;MN=A1;Flag=5;CP=&&&&");
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("error: offset 3: bad QN"), r.err());
    }

    @Test
    void decodeOfStandardInputWorksOnBytesSoA0xFFIsNotALengthMismatch() {
        // issue 12, 8e: standard input was decoded as UTF-8 first, 0xFF became 3 bytes and the length was wrong
        byte[] segment = "QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=3?&&"
                .getBytes(StandardCharsets.US_ASCII);
        segment[segment.length - 3] = (byte) 0xFF;
        byte[] head = String.format("##%04d", segment.length).getBytes(StandardCharsets.US_ASCII);
        byte[] tail = (io.tanhe.server.hj212.Hj212Crc.hex(io.tanhe.server.hj212.Hj212Crc.of(segment)) + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] packet = new byte[head.length + segment.length + tail.length];
        System.arraycopy(head, 0, packet, 0, head.length);
        System.arraycopy(segment, 0, packet, head.length, segment.length);
        System.arraycopy(tail, 0, packet, head.length + segment.length, tail.length);
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream(packet));
            Run r = run("hj212", "decode", "-");
            assertEquals(1, r.exit(), r.out());
            assertTrue(!r.err().contains("length mismatch"), r.err());
            assertTrue(r.err().contains("offset " + (head.length + segment.length - 3)), r.err());
        } finally {
            System.setIn(saved);
        }
    }
}
