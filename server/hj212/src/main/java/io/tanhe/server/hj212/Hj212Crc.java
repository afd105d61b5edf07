package io.tanhe.server.hj212;

import java.util.Locale;

/**
 * The HJ 212-2017 check code (Appendix A, "ANSI CRC16"). Not CRC-16/MODBUS: the register is shifted
 * right by 8 bits before each byte is XORed in, so the standard's example gives 1C80 where the Modbus
 * CRC gives 0759 (../shared/reference/protocols.md §1.3).
 */
public final class Hj212Crc {
    private static final int POLY = 0xA001;

    private Hj212Crc() {
    }

    /** The CRC of {@code length} bytes of {@code bytes} starting at {@code from}; bytes are unsigned. */
    public static int of(byte[] bytes, int from, int length) {
        int crc = 0xFFFF;
        for (int i = from; i < from + length; i++) {
            crc = (crc >>> 8) ^ (bytes[i] & 0xFF);
            for (int bit = 0; bit < 8; bit++) {
                boolean carry = (crc & 1) != 0;
                crc >>>= 1;
                if (carry) {
                    crc ^= POLY;
                }
            }
        }
        return crc;
    }

    /** The CRC of all of {@code bytes}. */
    public static int of(byte[] bytes) {
        return of(bytes, 0, bytes.length);
    }

    /** The CRC as the packet writes it: 4 upper-case hex digits, high byte first. */
    public static String hex(int crc) {
        String hex = Integer.toHexString(crc & 0xFFFF).toUpperCase(Locale.ROOT);
        return "0".repeat(4 - hex.length()) + hex;
    }
}
