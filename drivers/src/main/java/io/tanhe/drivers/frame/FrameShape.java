package io.tanhe.drivers.frame;

/**
 * How long a frame of one protocol is, as far as a byte transport needs to know to cut frames out
 * of a stream: a fixed header that starts with the start byte and ends with the length byte, then
 * a body whose length the header gives.
 */
public interface FrameShape {

    /** The byte every frame starts with (after any preamble). */
    int startByte();

    /** The number of header bytes, start byte included. */
    int headerLength();

    /**
     * The number of bytes that follow the header, read from the header.
     *
     * @throws MalformedFrameException when the header is not a header of this protocol
     */
    int bodyLength(byte[] header) throws MalformedFrameException;
}
