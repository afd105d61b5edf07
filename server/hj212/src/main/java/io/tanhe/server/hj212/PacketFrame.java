package io.tanhe.server.hj212;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The frame checks of a packet: header, length field, CR LF, size, CRC. */
record PacketFrame(String declaredLength, int segmentBytes, String crcText) {

    static PacketFrame read(byte[] p) throws Hj212FormatException {
        header(p);
        String lengthField = lengthField(p);
        int crlf = end(p);
        int crcAt = crlf - 4;
        if (crcAt < Hj212Codec.SEGMENT_OFFSET) {
            throw new Hj212FormatException(Hj212Codec.SEGMENT_OFFSET,
                    "packet too short: no room for a data segment and the 4-digit CRC before CR LF");
        }
        int actual = crcAt - Hj212Codec.SEGMENT_OFFSET;
        if (actual > Hj212Codec.MAX_SEGMENT_BYTES) {
            throw new Hj212FormatException(Hj212Codec.SEGMENT_OFFSET, "data segment has " + actual
                    + " chars; the standard allows at most " + Hj212Codec.MAX_SEGMENT_BYTES + " (split long data with PNUM/PNO)");
        }
        if (actual != Integer.parseInt(lengthField)) {
            throw new Hj212FormatException(2, "length mismatch: declared " + lengthField + " but data segment has "
                    + actual + " chars");
        }
        String crcText = new String(p, crcAt, 4, StandardCharsets.ISO_8859_1);
        int sent = crcValue(crcText, crcAt);
        int computed = Hj212Crc.of(p, Hj212Codec.SEGMENT_OFFSET, actual);
        if (sent != computed) {
            throw new Hj212FormatException(crcAt, "CRC " + Hj212Crc.hex(computed) + " expected, packet says "
                    + crcText.toUpperCase(Locale.ROOT));
        }
        return new PacketFrame(lengthField, actual, crcText);
    }

    private static void header(byte[] p) throws Hj212FormatException {
        if (p.length == 0) {
            throw new Hj212FormatException(0, "empty input: a packet starts with ##");
        }
        for (int i = 0; i < 2; i++) {
            if (i >= p.length || p[i] != '#') {
                throw new Hj212FormatException(i, "bad header: a packet starts with ##, found "
                        + (i >= p.length ? "the end of the input" : show(p[i])));
            }
        }
    }

    private static String lengthField(byte[] p) throws Hj212FormatException {
        for (int i = 2; i < Hj212Codec.SEGMENT_OFFSET; i++) {
            if (i >= p.length) {
                throw new Hj212FormatException(i, "packet ends inside the length field (4 digits after ##)");
            }
            if (p[i] < '0' || p[i] > '9') {
                throw new Hj212FormatException(i, "bad length field: 4 decimal digits after ##, found " + show(p[i]));
            }
        }
        return new String(p, 2, 4, StandardCharsets.US_ASCII);
    }

    /** The index of the CR of the first CR LF, which must end the input. */
    private static int end(byte[] p) throws Hj212FormatException {
        for (int i = Hj212Codec.SEGMENT_OFFSET; i + 1 < p.length; i++) {
            if (p[i] == '\r' && p[i + 1] == '\n') {
                if (i + 2 < p.length) {
                    throw new Hj212FormatException(i + 2, "garbage after the packet: " + (p.length - i - 2)
                            + " bytes follow the CR LF that ends it (one packet per input)");
                }
                return i;
            }
        }
        int last = p.length - 1;
        if (p[last] == '\n') {
            throw new Hj212FormatException(last, "missing CRLF: the packet ends with LF alone; it must end with CR LF");
        }
        if (p[last] == '\r') {
            throw new Hj212FormatException(p.length, "missing CRLF: the packet ends with CR alone; it must end with CR LF");
        }
        throw new Hj212FormatException(p.length, "missing CRLF: the packet must end with CR LF after the CRC");
    }

    private static int crcValue(String text, int at) throws Hj212FormatException {
        for (int i = 0; i < 4; i++) {
            if (!isHex(text.charAt(i))) {
                throw new Hj212FormatException(at + i, "bad CRC field '" + printable(text)
                        + "': 4 hex digits before CR LF");
            }
        }
        return Integer.parseInt(text, 16);
    }

    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'A' && c <= 'F' || c >= 'a' && c <= 'f';
    }

    static String show(byte b) {
        int v = b & 0xFF;
        return v >= 0x21 && v < 0x7F ? "'" + (char) v + "'" : String.format(Locale.ROOT, "byte 0x%02X", v);
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format(Locale.ROOT, "\\x%02X", (int) c));
        }
        return b.toString();
    }
}
