package io.tanhe.server.hj212;

import java.nio.charset.StandardCharsets;

/**
 * Encodes and decodes whole packets: {@code ##}, the 4-digit length of the data segment, the data
 * segment, the CRC of the data segment (4 hex digits, read in either case), CR LF
 * ([STD17] §6.3, protocols.md §1.1). The length counts bytes; with ASCII, as the standard expects
 * outside CP values, bytes and characters are the same.
 * <p>
 * Decoding is strict: every deviation is a {@link Hj212FormatException} naming the problem and its
 * byte offset; no other exception escapes for any input.
 */
public final class Hj212Codec {
    /** The largest data segment the length field may announce. */
    public static final int MAX_SEGMENT_BYTES = 1024;
    /** The largest packet: {@code ##} + length + data segment + CRC + CR LF. */
    public static final int MAX_PACKET_BYTES = 2 + 4 + MAX_SEGMENT_BYTES + 4 + 2;
    /** Where the data segment starts in a packet. */
    public static final int SEGMENT_OFFSET = 6;

    private Hj212Codec() {
    }

    /**
     * Encodes a data segment into a packet.
     *
     * @throws IllegalArgumentException when the data segment is longer than {@value #MAX_SEGMENT_BYTES}
     *                                  bytes (split it with {@link PacketSplitter})
     */
    public static byte[] encode(DataSegment segment) {
        byte[] data = segment.text().getBytes(StandardCharsets.UTF_8);
        if (data.length > MAX_SEGMENT_BYTES) {
            throw new IllegalArgumentException("data segment of " + data.length + " bytes is longer than "
                    + MAX_SEGMENT_BYTES + "; split it into several packets (PacketSplitter)");
        }
        byte[] head = Timestamps.digits(new StringBuilder("##"), data.length, 4).toString().getBytes(StandardCharsets.US_ASCII);
        byte[] tail = (Hj212Crc.hex(Hj212Crc.of(data)) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] packet = new byte[head.length + data.length + tail.length];
        System.arraycopy(head, 0, packet, 0, head.length);
        System.arraycopy(data, 0, packet, head.length, data.length);
        System.arraycopy(tail, 0, packet, head.length + data.length, tail.length);
        return packet;
    }

    /** {@link #encode} as text. */
    public static String encodeText(DataSegment segment) {
        return new String(encode(segment), StandardCharsets.UTF_8);
    }

    /** Decodes one packet given as text (taken as its UTF-8 bytes). */
    public static DecodedPacket decode(String packet) throws Hj212FormatException {
        return decode(packet.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Parses a bare data segment ({@code QN=…;…;CP=&&…&&}, no frame) with the same rules; error
     * offsets count from the segment's first byte.
     */
    public static DataSegment parseSegment(String segment) throws Hj212FormatException {
        byte[] data = segment.getBytes(StandardCharsets.UTF_8);
        return new SegmentParser(data, 0, data.length).parse();
    }

    /**
     * The data segment of a packet whose frame is right (header, length, CRC, CR LF) whatever its
     * content, as ISO-8859-1 text: a receiver can then answer a well-framed request that fails the
     * content rules (a time that does not exist, no QN) instead of dropping it. Empty when the frame
     * itself is wrong (bad CRC: the standard ends the exchange there).
     */
    public static java.util.Optional<String> framedSegment(byte[] packet) {
        try {
            PacketFrame frame = PacketFrame.read(packet);
            return java.util.Optional.of(new String(packet, SEGMENT_OFFSET, frame.segmentBytes(), StandardCharsets.ISO_8859_1));
        } catch (Hj212FormatException e) {
            return java.util.Optional.empty();
        }
    }

    /** Decodes exactly one packet: {@code ##} at the start, CR LF at the end, nothing after it. */
    public static DecodedPacket decode(byte[] packet) throws Hj212FormatException {
        PacketFrame frame = PacketFrame.read(packet);
        DataSegment segment = new SegmentParser(packet, SEGMENT_OFFSET, frame.segmentBytes()).parse();
        return new DecodedPacket(segment, frame.declaredLength(), frame.crcText(), packet.length);
    }
}
