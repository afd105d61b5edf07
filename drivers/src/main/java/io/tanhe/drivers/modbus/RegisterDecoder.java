package io.tanhe.drivers.modbus;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.ByteBuffer;

/**
 * Turns raw 16-bit register values into decimals that keep the meter's digits (section 9.3):
 * integers exactly, floats as the shortest decimal that reads back as the same float
 * ({@code 0.1f} gives {@code 0.1}, not {@code 0.100000001490116}).
 */
public final class RegisterDecoder {
    private RegisterDecoder() {
    }

    /**
     * Decodes {@code type.registers()} words in {@code order}.
     *
     * @param words register values 0..65535 in the order they arrived
     * @throws DecodeException when the words are not a valid value of the type
     */
    public static BigDecimal decode(int[] words, DataType type, RegisterOrder order) throws DecodeException {
        if (words.length != type.registers()) {
            throw new IllegalArgumentException(type.configName() + " needs " + type.registers() + " registers, got " + words.length);
        }
        ByteBuffer b = ByteBuffer.wrap(order.toBigEndianBytes(words));
        return switch (type) {
            case BOOL -> throw new IllegalArgumentException("bool is read from bits, not registers");
            case INT16 -> BigDecimal.valueOf(b.getShort());
            case UINT16 -> BigDecimal.valueOf(Short.toUnsignedInt(b.getShort()));
            case INT32 -> BigDecimal.valueOf(b.getInt());
            case UINT32 -> BigDecimal.valueOf(Integer.toUnsignedLong(b.getInt()));
            case INT64 -> BigDecimal.valueOf(b.getLong());
            case FLOAT32 -> shortest(b.getFloat());
            case FLOAT64 -> shortest(b.getDouble());
            case BCD16, BCD32 -> bcd(b.array());
        };
    }

    /** The shortest decimal that converts back to exactly {@code f}. */
    static BigDecimal shortest(float f) throws DecodeException {
        requireFinite(f);
        BigDecimal exact = new BigDecimal(f);
        for (int digits = 1; digits < 9; digits++) {
            BigDecimal candidate = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (candidate.floatValue() == f) {
                return tidy(candidate);
            }
        }
        return tidy(exact.round(new MathContext(9, RoundingMode.HALF_EVEN)));
    }

    /** The shortest decimal that converts back to exactly {@code d}. */
    static BigDecimal shortest(double d) throws DecodeException {
        requireFinite(d);
        BigDecimal exact = new BigDecimal(d);
        for (int digits = 1; digits < 17; digits++) {
            BigDecimal candidate = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() == d) {
                return tidy(candidate);
            }
        }
        return tidy(exact.round(new MathContext(17, RoundingMode.HALF_EVEN)));
    }

    private static void requireFinite(double v) throws DecodeException {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw new DecodeException("the device sent " + v + ", not a number");
        }
    }

    /** Drops trailing zeros but never writes an integer in exponent form (12300, not 1.23E+4). */
    static BigDecimal tidy(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    private static BigDecimal bcd(byte[] bytes) throws DecodeException {
        long n = 0;
        for (byte x : bytes) {
            int hi = (x >> 4) & 0xF;
            int lo = x & 0xF;
            if (hi > 9 || lo > 9) {
                throw new DecodeException(String.format("0x%02X is not a BCD byte", x & 0xFF));
            }
            n = n * 100 + hi * 10 + lo;
        }
        return new BigDecimal(BigInteger.valueOf(n));
    }
}
