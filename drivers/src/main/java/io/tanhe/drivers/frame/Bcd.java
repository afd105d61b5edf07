package io.tanhe.drivers.frame;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Packed binary-coded decimal: two decimal digits per byte, high nibble first. Decoding keeps every
 * digit the meter sent, including leading and trailing zeros after the decimal point, so
 * {@code 00 00 01 00} with two decimals is {@code 1.00}, not {@code 1} (section 9.3).
 */
public final class Bcd {
    private Bcd() {
    }

    /**
     * Decodes digits given most significant byte first.
     *
     * @param msbFirst the bytes, most significant first
     * @param decimals how many of the digits are after the decimal point
     * @param signed   whether bit 7 of the most significant byte is a sign bit (set = negative)
     * @param what     the name of the value, for the error message
     * @throws MalformedFrameException when a nibble is not a decimal digit
     */
    public static BigDecimal decode(byte[] msbFirst, int decimals, boolean signed, String what)
            throws MalformedFrameException {
        if (msbFirst.length == 0) {
            throw new MalformedFrameException(what + ": no bytes");
        }
        StringBuilder digits = new StringBuilder(msbFirst.length * 2);
        boolean negative = false;
        for (int i = 0; i < msbFirst.length; i++) {
            int b = msbFirst[i] & 0xFF;
            if (i == 0 && signed) {
                negative = (b & 0x80) != 0;
                b &= 0x7F;
            }
            appendDigit(digits, b >> 4, msbFirst, what);
            appendDigit(digits, b & 0x0F, msbFirst, what);
        }
        BigDecimal value = new BigDecimal(new BigInteger(digits.toString()), decimals);
        return negative ? value.negate() : value;
    }

    /** Encodes a non-negative integer of {@code 2 × byteCount} digits, most significant byte first. */
    public static byte[] encode(long value, int byteCount) {
        if (value < 0) {
            throw new IllegalArgumentException("BCD cannot encode a negative number: " + value);
        }
        byte[] out = new byte[byteCount];
        long rest = value;
        for (int i = byteCount - 1; i >= 0; i--) {
            int low = (int) (rest % 10);
            rest /= 10;
            int high = (int) (rest % 10);
            rest /= 10;
            out[i] = (byte) (high << 4 | low);
        }
        if (rest != 0) {
            throw new IllegalArgumentException(value + " does not fit in " + byteCount + " BCD bytes");
        }
        return out;
    }

    /** The two-digit value of one BCD byte. */
    public static int twoDigits(byte b, String what) throws MalformedFrameException {
        int high = (b & 0xF0) >> 4;
        int low = b & 0x0F;
        if (high > 9 || low > 9) {
            throw new MalformedFrameException(what + ": byte " + Hex.ofByte(b) + " is not BCD");
        }
        return high * 10 + low;
    }

    /** The bytes in reverse order (wire order "least significant byte first" to reading order). */
    public static byte[] reversed(byte[] bytes) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[bytes.length - 1 - i];
        }
        return out;
    }

    private static void appendDigit(StringBuilder digits, int nibble, byte[] msbFirst, String what)
            throws MalformedFrameException {
        if (nibble > 9) {
            throw new MalformedFrameException(what + ": " + Hex.of(msbFirst) + " (most significant byte first) is not BCD");
        }
        digits.append((char) ('0' + nibble));
    }
}
