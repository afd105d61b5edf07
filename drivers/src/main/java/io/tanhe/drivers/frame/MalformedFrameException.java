package io.tanhe.drivers.frame;

/**
 * Bytes that are not a valid frame of the expected protocol: bad checksum, wrong start or end
 * byte, a length that does not fit, digits that are not BCD, a reply that does not answer the
 * request. This is the only exception the frame decoders throw; the message says which byte is
 * wrong and what was expected (e.g. {@code checksum 0x5A, expected 0x5B}).
 */
public class MalformedFrameException extends Exception {

    public MalformedFrameException(String message) {
        super(message);
    }
}
