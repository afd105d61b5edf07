package io.tanhe.server.hj212;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Cuts a TCP byte stream into HJ 212 packets: looks for {@code ##}, reads the 4-digit length, then
 * the data segment, CRC and CR LF. Bytes that cannot start a packet are skipped, so garbage between
 * packets costs only the garbage; a packet whose frame is wrong (a bad length) is returned as read
 * for the codec to reject with its reason.
 *
 * <p>The declared length is not trusted blindly: a {@code ##} followed by four digits inside the
 * bytes it claims is the start of the next packet (no field of a well-formed data segment holds
 * {@code ##}), so a packet cut off by its sender ends there, is returned as read (the codec rejects
 * it), and the next packet is read from its own {@code ##}. One cut-off packet therefore never takes
 * the valid command behind it along.
 */
public final class PacketReader {
    private final InputStream in;
    /** Bytes read ahead and given back: the start of the next packet found inside a cut-off one. */
    private byte[] pushedBack = new byte[0];
    private int pushedAt;

    /** Reads from {@code in} (buffer it). */
    public PacketReader(InputStream in) {
        this.in = in;
    }

    /**
     * The next packet's bytes, from {@code ##} (the last two of a run of {@code #}) to the byte after
     * the CRC's CR LF (or what stands there), or up to the {@code ##dddd} of the packet that follows
     * when this one is cut off.
     *
     * @throws EOFException when the stream ends, also inside a packet (a connection dropped mid-packet)
     */
    public byte[] next() throws IOException {
        int prev = -1;
        while (true) {
            int b = read();
            if (prev == '#' && b == '#') {
                break;
            }
            prev = b;
        }
        ByteArrayOutputStream packet = new ByteArrayOutputStream(128);
        packet.write('#');
        packet.write('#');
        int first = read();
        while (first == '#') {
            first = read();
        }
        packet.write(first);
        for (int i = 3; i < Hj212Codec.SEGMENT_OFFSET; i++) {
            packet.write(read());
        }
        int length = length(packet.toByteArray());
        if (length < 0) {
            return packet.toByteArray();
        }
        int total = Hj212Codec.SEGMENT_OFFSET + length + 6;
        int last = -1;
        while (packet.size() < total) {
            int b = read();
            if (last == '#' && b == '#') {
                byte[] digits = new byte[4];
                int n = 0;
                boolean header = true;
                for (; n < 4; n++) {
                    digits[n] = (byte) read();
                    if (digits[n] < '0' || digits[n] > '9') {
                        header = false;
                        n++;
                        break;
                    }
                }
                if (header) {
                    byte[] cut = packet.toByteArray();
                    byte[] head = new byte[6];
                    head[0] = '#';
                    head[1] = '#';
                    System.arraycopy(digits, 0, head, 2, 4);
                    pushBack(head);
                    return java.util.Arrays.copyOf(cut, cut.length - 1); // without the first '#' of the next header
                }
                packet.write(b);
                packet.write(digits, 0, n);
                last = digits[n - 1];
                continue;
            }
            packet.write(b);
            last = b;
        }
        return packet.toByteArray();
    }

    private void pushBack(byte[] bytes) {
        byte[] rest = new byte[pushedBack.length - pushedAt + bytes.length];
        System.arraycopy(bytes, 0, rest, 0, bytes.length);
        System.arraycopy(pushedBack, pushedAt, rest, bytes.length, pushedBack.length - pushedAt);
        pushedBack = rest;
        pushedAt = 0;
    }

    private static int length(byte[] head) {
        int n = 0;
        for (int i = 2; i < 6; i++) {
            if (head[i] < '0' || head[i] > '9') {
                return -1;
            }
            n = n * 10 + head[i] - '0';
        }
        return n <= Hj212Codec.MAX_SEGMENT_BYTES ? n : -1;
    }

    private int read() throws IOException {
        if (pushedAt < pushedBack.length) {
            return pushedBack[pushedAt++] & 0xFF;
        }
        int b = in.read();
        if (b < 0) {
            throw new EOFException("connection closed");
        }
        return b;
    }
}
