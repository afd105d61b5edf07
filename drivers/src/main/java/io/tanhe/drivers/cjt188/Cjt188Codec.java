package io.tanhe.drivers.cjt188;

import io.tanhe.drivers.frame.Checksum;
import io.tanhe.drivers.frame.FrameShape;
import io.tanhe.drivers.frame.Hex;
import io.tanhe.drivers.frame.MalformedFrameException;

import java.io.ByteArrayOutputStream;

/**
 * Encodes and decodes the CJ/T 188-2004 envelope (protocols.md §3.1):
 * {@code [FE…] 68 T A0..A6 C L DATA CS 16}, CS the sum of the bytes from 68 through the last data
 * byte modulo 256, data not scrambled.
 */
public final class Cjt188Codec {
    private static final int START = 0x68;
    private static final int END = 0x16;
    private static final int PREAMBLE = 0xFE;
    private static final int HEADER_LENGTH = 11;
    private static final int MIN_LENGTH = 13;

    /** Cuts CJ/T 188 frames out of a byte stream. */
    public static final FrameShape SHAPE = new FrameShape() {
        @Override
        public int startByte() {
            return START;
        }

        @Override
        public int headerLength() {
            return HEADER_LENGTH;
        }

        @Override
        public int bodyLength(byte[] header) {
            return (header[10] & 0xFF) + 2;
        }
    };

    private Cjt188Codec() {
    }

    /** The wire bytes of {@code frame} after {@code preambleLength} wake-up bytes FE. */
    public static byte[] encode(Cjt188Frame frame, int preambleLength) {
        byte[] data = frame.data();
        ByteArrayOutputStream out = new ByteArrayOutputStream(preambleLength + MIN_LENGTH + data.length);
        for (int i = 0; i < preambleLength; i++) {
            out.write(PREAMBLE);
        }
        out.write(START);
        out.write(frame.type().code());
        out.writeBytes(frame.address().toWire());
        out.write(frame.control());
        out.write(data.length);
        out.writeBytes(data);
        byte[] sofar = out.toByteArray();
        out.write(Checksum.sum(sofar, preambleLength, sofar.length));
        out.write(END);
        return out.toByteArray();
    }

    /**
     * Decodes one complete frame; leading FE bytes are skipped.
     *
     * @throws MalformedFrameException naming the first thing that is wrong
     */
    public static Cjt188Frame decode(byte[] bytes) throws MalformedFrameException {
        int s = 0;
        while (s < bytes.length && (bytes[s] & 0xFF) == PREAMBLE) {
            s++;
        }
        int available = bytes.length - s;
        if (available < MIN_LENGTH) {
            throw new MalformedFrameException("CJ/T 188 frame too short: " + available + " bytes after the preamble, at least "
                    + MIN_LENGTH + " needed: " + Hex.of(bytes));
        }
        if ((bytes[s] & 0xFF) != START) {
            throw new MalformedFrameException("CJ/T 188 start byte " + Hex.ofByte(bytes[s]) + " at offset " + s + ", expected 0x68");
        }
        int length = bytes[s + 10] & 0xFF;
        int total = MIN_LENGTH + length;
        if (available < total) {
            throw new MalformedFrameException("CJ/T 188 frame truncated: L=" + length + " needs " + total + " bytes, got " + available);
        }
        if (available > total) {
            throw new MalformedFrameException("CJ/T 188 frame has " + (available - total) + " unexpected bytes after the end byte");
        }
        int csIndex = s + HEADER_LENGTH + length;
        int expected = Checksum.sum(bytes, s, csIndex);
        if ((bytes[csIndex] & 0xFF) != expected) {
            throw new MalformedFrameException("CJ/T 188 checksum " + Hex.ofByte(bytes[csIndex]) + ", expected " + Hex.ofByte(expected));
        }
        if ((bytes[csIndex + 1] & 0xFF) != END) {
            throw new MalformedFrameException("CJ/T 188 end byte " + Hex.ofByte(bytes[csIndex + 1]) + ", expected 0x16");
        }
        byte[] data = new byte[length];
        System.arraycopy(bytes, s + HEADER_LENGTH, data, 0, length);
        return new Cjt188Frame(new MeterType(bytes[s + 1] & 0xFF), Cjt188Address.fromWire(bytes, s + 2), bytes[s + 9] & 0xFF, data);
    }
}
