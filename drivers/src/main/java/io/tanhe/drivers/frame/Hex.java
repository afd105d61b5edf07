package io.tanhe.drivers.frame;

import java.util.HexFormat;

/** Hex rendering of bytes for error messages and logs, in the spaced upper-case form meter manuals use. */
public final class Hex {
    private static final HexFormat SPACED = HexFormat.ofDelimiter(" ").withUpperCase();

    private Hex() {
    }

    /** {@code 68 AA 16} for the given bytes. */
    public static String of(byte[] bytes) {
        return SPACED.formatHex(bytes);
    }

    /** {@code 0x5A} for one byte value. */
    public static String ofByte(int value) {
        return String.format("0x%02X", value & 0xFF);
    }

    /** Parses {@code "68 AA 16"} or {@code "68AA16"} (spaces optional, case-insensitive). */
    public static byte[] parse(String text) {
        return HexFormat.of().parseHex(text.replace(" ", ""));
    }
}
