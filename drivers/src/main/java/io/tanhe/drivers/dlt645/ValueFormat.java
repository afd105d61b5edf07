package io.tanhe.drivers.dlt645;

import io.tanhe.drivers.frame.Bcd;
import io.tanhe.drivers.frame.MalformedFrameException;

import java.math.BigDecimal;

/**
 * How a numeric DL/T 645 value is coded: a number of BCD bytes sent least significant first, a
 * fixed number of decimals, and whether bit 7 of the most significant byte is a sign
 * (protocols.md §2.1 "Values are BCD, least significant byte first", §2.2 formats).
 *
 * @param byteCount bytes on the wire (two digits each)
 * @param decimals  digits after the decimal point
 * @param signed    whether the top bit is a sign bit
 */
public record ValueFormat(int byteCount, int decimals, boolean signed) {

    public ValueFormat {
        if (byteCount < 1 || byteCount > 16) {
            throw new IllegalArgumentException("a value of " + byteCount + " bytes is not supported (1..16)");
        }
        if (decimals < 0 || decimals > 2 * byteCount) {
            throw new IllegalArgumentException(decimals + " decimals do not fit in " + byteCount + " bytes");
        }
    }

    /**
     * Parses the notation of the standard's tables: {@code XXXXXX.XX} is 4 bytes with 2 decimals,
     * {@code XXX.XXX} 3 bytes with 3. The digit count must be even.
     *
     * @throws IllegalArgumentException saying what is expected
     */
    public static ValueFormat parse(String notation, boolean signed) {
        String t = notation == null ? "" : notation.strip().toUpperCase();
        if (!t.matches("X+(\\.X+)?")) {
            throw new IllegalArgumentException("`" + notation + "` is not a value format: write X per digit and a point, e.g. XXXXXX.XX");
        }
        int point = t.indexOf('.');
        int digits = t.length() - (point < 0 ? 0 : 1);
        if (digits % 2 != 0) {
            throw new IllegalArgumentException("`" + notation + "` has " + digits + " digits; BCD values have an even number (two per byte)");
        }
        return new ValueFormat(digits / 2, point < 0 ? 0 : t.length() - point - 1, signed);
    }

    /**
     * Decodes the value bytes as they come after the DI (already descrambled, least significant first).
     *
     * @throws MalformedFrameException when the length differs or the digits are not BCD
     */
    public BigDecimal decode(byte[] lsbFirst, String what) throws MalformedFrameException {
        if (lsbFirst.length != byteCount) {
            throw new MalformedFrameException(what + ": " + lsbFirst.length + " value bytes, format " + this + " has " + byteCount);
        }
        return Bcd.decode(Bcd.reversed(lsbFirst), decimals, signed, what);
    }

    /** The standard's notation, e.g. {@code ±XXX.XXX}. */
    @Override
    public String toString() {
        int digits = 2 * byteCount;
        String x = "X".repeat(digits - decimals) + (decimals > 0 ? "." + "X".repeat(decimals) : "");
        return (signed ? "±" : "") + x;
    }
}
