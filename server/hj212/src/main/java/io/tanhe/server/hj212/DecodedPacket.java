package io.tanhe.server.hj212;

/**
 * A packet that passed every check, with the frame facts the data segment does not keep.
 *
 * @param segment        the data segment
 * @param declaredLength the length field as written (4 digits)
 * @param crcText        the CRC as written (the case the sender chose)
 * @param packetBytes    the size of the whole packet, {@code ##} to CR LF
 */
public record DecodedPacket(DataSegment segment, String declaredLength, String crcText, int packetBytes) {
}
