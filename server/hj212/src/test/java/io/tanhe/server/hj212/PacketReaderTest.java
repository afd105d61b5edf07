package io.tanhe.server.hj212;

import io.tanhe.server.hj212.Hj212Codec;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PacketReaderTest {
    /** The standard's own example ([STD17] §6.3, CRC 1C80). */
    private static final String EXAMPLE = "##0101QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;"
            + "Flag=5;CP=&&RtdInterval=30&&1C80\r\n";

    @Test
    void garbageBeforeAndBetweenPacketsIsSkipped() throws Exception {
        byte[] stream = ("\u0000noise#" + EXAMPLE + "x#y" + EXAMPLE).getBytes(StandardCharsets.ISO_8859_1);
        PacketReader r = new PacketReader(new ByteArrayInputStream(stream));
        assertEquals(EXAMPLE, new String(r.next(), StandardCharsets.US_ASCII));
        assertEquals("1062", Hj212Codec.decode(r.next()).segment().cn());
    }

    @Test
    void aConnectionDroppedMidPacketEndsTheStream() {
        byte[] half = EXAMPLE.substring(0, 60).getBytes(StandardCharsets.US_ASCII);
        PacketReader r = new PacketReader(new ByteArrayInputStream(half));
        assertThrows(EOFException.class, r::next);
    }

    @Test
    void aBadLengthIsHandedToTheCodecToReject() throws Exception {
        PacketReader r = new PacketReader(new ByteArrayInputStream("##01x1QN=1".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("##01x1", new String(r.next(), StandardCharsets.US_ASCII));
    }

    @Test
    void aCutOffPacketFollowedByAValidCommandInOneWriteDoesNotSwallowTheCommand() throws Exception {
        // the first packet declares 101 bytes but its sender stopped after 40; the next packet follows at once
        String cut = EXAMPLE.substring(0, 40);
        byte[] stream = (cut + EXAMPLE).getBytes(StandardCharsets.US_ASCII);
        PacketReader r = new PacketReader(new ByteArrayInputStream(stream));
        assertEquals(cut, new String(r.next(), StandardCharsets.US_ASCII));
        assertEquals(EXAMPLE, new String(r.next(), StandardCharsets.US_ASCII));
        assertThrows(EOFException.class, r::next);
    }

    @Test
    void aCutOffPacketLongerThanWhatFollowsDoesNotWaitForBytesThatNeverCome() throws Exception {
        String cut = EXAMPLE.substring(0, 100); // declares 101: would need 107 + bytes of the next packet
        String shortCommand = "##0000" + "0000\r\n";
        byte[] stream = (cut + EXAMPLE + shortCommand).getBytes(StandardCharsets.US_ASCII);
        PacketReader r = new PacketReader(new ByteArrayInputStream(stream));
        assertEquals(cut, new String(r.next(), StandardCharsets.US_ASCII));
        assertEquals(EXAMPLE, new String(r.next(), StandardCharsets.US_ASCII));
        assertEquals(shortCommand, new String(r.next(), StandardCharsets.US_ASCII));
    }

    @Test
    void aHashInsideADataSegmentThatStartsNoHeaderStaysInThePacket() throws Exception {
        String body = "QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&X=a##b&&";
        String packet = String.format("##%04d", body.length()) + body + "0000\r\n";
        PacketReader r = new PacketReader(new ByteArrayInputStream(packet.getBytes(StandardCharsets.US_ASCII)));
        assertEquals(packet, new String(r.next(), StandardCharsets.US_ASCII));
    }
}
