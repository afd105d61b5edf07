package io.tanhe.server.hj212;

import io.tanhe.server.hj212.Hj212Codec;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Cuts a TCP byte stream into HJ 212 packets: looks for {@code ##}, reads the 4-digit length, then
 * the data segment, CRC and CR LF. Bytes that cannot start a packet are skipped, so garbage between
 * packets costs only the garbage; a packet whose frame is wrong (a bad length) is returned as read
 * for the codec to reject with its reason.
 */
public final class PacketReader {
    private final InputStream in;

    /** Reads from {@code in} (buffer it). */
    public PacketReader(InputStream in) {
        this.in = in;
    }

    /**
     * The next packet's bytes, from {@code ##} (the last two of a run of {@code #}) to the byte after the CRC's CR LF (or what stands there).
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
        byte[] head = new byte[Hj212Codec.SEGMENT_OFFSET];
        head[0] = '#';
        head[1] = '#';
        int first = read();
        while (first == '#') {
            first = read();
        }
        head[2] = (byte) first;
        for (int i = 3; i < head.length; i++) {
            head[i] = (byte) read();
        }
        int length = length(head);
        if (length < 0) {
            return head;
        }
        byte[] packet = Arrays.copyOf(head, head.length + length + 6);
        for (int i = head.length; i < packet.length; i++) {
            packet[i] = (byte) read();
        }
        return packet;
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
        int b = in.read();
        if (b < 0) {
            throw new EOFException("connection closed");
        }
        return b;
    }
}
