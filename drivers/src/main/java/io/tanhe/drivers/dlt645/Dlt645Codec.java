package io.tanhe.drivers.dlt645;

import io.tanhe.drivers.frame.Checksum;
import io.tanhe.drivers.frame.FrameShape;
import io.tanhe.drivers.frame.Hex;
import io.tanhe.drivers.frame.MalformedFrameException;

import java.io.ByteArrayOutputStream;

/**
 * Encodes and decodes the DL/T 645 envelope, the same for 2007 and 1997 (protocols.md §2.1, §2.4):
 * {@code [FE…] 68 A0..A5 68 C L DATA CS 16}, each data byte sent with 0x33 added, CS the sum of
 * the bytes from the first 68 through the last data byte modulo 256 (preamble not included).
 */
public final class Dlt645Codec {
    /** Wake-up bytes the master sends before a frame; 4 × FE is what masters customarily send. */
    private static final byte[] PREAMBLE = {(byte) 0xFE, (byte) 0xFE, (byte) 0xFE, (byte) 0xFE};
    private static final int START = 0x68;
    private static final int END = 0x16;
    private static final int SCRAMBLE = 0x33;
    private static final int HEADER_LENGTH = 10;
    private static final int MIN_LENGTH = 12;

    /** Cuts DL/T 645 frames out of a byte stream. */
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
        public int bodyLength(byte[] header) throws MalformedFrameException {
            requireSecondStart(header, 0);
            return (header[9] & 0xFF) + 2;
        }
    };

    private Dlt645Codec() {
    }

    /** The wire bytes of {@code frame}, preceded by the 4-byte wake-up preamble. */
    public static byte[] encode(Dlt645Frame frame) {
        byte[] data = frame.data();
        ByteArrayOutputStream out = new ByteArrayOutputStream(PREAMBLE.length + MIN_LENGTH + data.length);
        out.writeBytes(PREAMBLE);
        int start = out.size();
        out.write(START);
        out.writeBytes(frame.address().toWire());
        out.write(START);
        out.write(frame.control());
        out.write(data.length);
        for (byte b : data) {
            out.write((b + SCRAMBLE) & 0xFF);
        }
        byte[] sofar = out.toByteArray();
        out.write(Checksum.sum(sofar, start, sofar.length));
        out.write(END);
        return out.toByteArray();
    }

    /**
     * Decodes one complete frame; leading FE preamble bytes are skipped.
     *
     * @throws MalformedFrameException naming the first thing that is wrong (length, start or end
     *                                 byte, checksum with the expected value)
     */
    public static Dlt645Frame decode(byte[] bytes) throws MalformedFrameException {
        int s = 0;
        while (s < bytes.length && (bytes[s] & 0xFF) == 0xFE) {
            s++;
        }
        int available = bytes.length - s;
        if (available < MIN_LENGTH) {
            throw new MalformedFrameException("DL/T 645 frame too short: " + available + " bytes after the preamble, at least "
                    + MIN_LENGTH + " needed: " + Hex.of(bytes));
        }
        if ((bytes[s] & 0xFF) != START) {
            throw new MalformedFrameException("DL/T 645 start byte " + Hex.ofByte(bytes[s]) + " at offset " + s + ", expected 0x68");
        }
        requireSecondStart(bytes, s);
        int length = bytes[s + 9] & 0xFF;
        int total = MIN_LENGTH + length;
        if (available < total) {
            throw new MalformedFrameException("DL/T 645 frame truncated: L=" + length + " needs " + total + " bytes, got " + available);
        }
        if (available > total) {
            throw new MalformedFrameException("DL/T 645 frame has " + (available - total) + " unexpected bytes after the end byte");
        }
        int csIndex = s + HEADER_LENGTH + length;
        int expected = Checksum.sum(bytes, s, csIndex);
        if ((bytes[csIndex] & 0xFF) != expected) {
            throw new MalformedFrameException("DL/T 645 checksum " + Hex.ofByte(bytes[csIndex]) + ", expected " + Hex.ofByte(expected));
        }
        if ((bytes[csIndex + 1] & 0xFF) != END) {
            throw new MalformedFrameException("DL/T 645 end byte " + Hex.ofByte(bytes[csIndex + 1]) + ", expected 0x16");
        }
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) (bytes[s + HEADER_LENGTH + i] - SCRAMBLE);
        }
        return new Dlt645Frame(Dlt645Address.fromWire(bytes, s + 1), bytes[s + 8] & 0xFF, data);
    }

    private static void requireSecondStart(byte[] bytes, int frameStart) throws MalformedFrameException {
        int b = bytes[frameStart + 7] & 0xFF;
        if (b != START) {
            throw new MalformedFrameException("DL/T 645 second start byte " + Hex.ofByte(b) + " after the address, expected 0x68");
        }
    }
}
