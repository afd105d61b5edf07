package io.tanhe.drivers.metersim;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;

/** Byte helpers of the simulator, kept apart from the production code on purpose. */
final class SimBytes {
    private SimBytes() {
    }

    static int sum(byte[] b, int from, int to) {
        int s = 0;
        for (int i = from; i < to; i++) {
            s += b[i] & 0xFF;
        }
        return s & 0xFF;
    }

    /** 2n decimal digits → n bytes, most significant first ("00532819" → 00 53 28 19). */
    static byte[] bcdMsbFirst(String digits) {
        if (digits.length() % 2 != 0 || !digits.matches("[0-9]*")) {
            throw new IllegalArgumentException("need an even number of decimal digits: " + digits);
        }
        byte[] out = new byte[digits.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) ((digits.charAt(2 * i) - '0') << 4 | (digits.charAt(2 * i + 1) - '0'));
        }
        return out;
    }

    /** A decimal like "5328.19" with {@code decimals} places, as {@code byteCount} BCD bytes, least significant first. */
    static byte[] bcdLsbFirst(String decimal, int decimals, int byteCount) {
        String digits = new BigDecimal(decimal).abs().movePointRight(decimals).toBigIntegerExact().toString();
        if (digits.length() > 2 * byteCount) {
            throw new IllegalArgumentException(decimal + " does not fit in " + byteCount + " BCD bytes");
        }
        return reversed(bcdMsbFirst("0".repeat(2 * byteCount - digits.length()) + digits));
    }

    static byte[] reversed(byte[] b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = b[b.length - 1 - i];
        }
        return out;
    }

    /** Address digits "000072007201" → wire bytes, least significant pair first. */
    static byte[] addressWire(String digits) {
        return reversed(bcdMsbFirst(digits));
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
