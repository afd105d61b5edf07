package io.tanhe.drivers.dlt645;

import java.util.Objects;

/**
 * A data identifier (数据标识): which quantity a read asks for. Written DI3 DI2 DI1 DI0 for 2007
 * ({@code 00010000}) or DI1 DI0 for 1997 ({@code 9010}); sent DI0 first (protocols.md §2.1, §2.4).
 *
 * @param version the protocol edition, which fixes the length
 * @param code    the identifier as an unsigned number, DI3 most significant
 */
public record DataIdentifier(Dlt645Version version, long code) {

    public DataIdentifier {
        Objects.requireNonNull(version, "version");
        if (code < 0 || code >= 1L << (8 * version.diLength())) {
            throw new IllegalArgumentException("data identifier " + Long.toHexString(code) + " does not fit in "
                    + version.diLength() + " bytes");
        }
    }

    /**
     * Parses the hex form: 8 digits for 2007, 4 for 1997; spaces and dots are ignored
     * ({@code 00 01 00 00}, {@code 02.01.01.00}).
     *
     * @throws IllegalArgumentException saying what is expected
     */
    public static DataIdentifier parse(Dlt645Version version, String text) {
        String t = text == null ? "" : text.replace(" ", "").replace(".", "");
        int digits = 2 * version.diLength();
        if (!t.matches("[0-9A-Fa-f]{" + digits + "}")) {
            throw new IllegalArgumentException("`" + text + "` is not a DL/T 645-" + version.yearName()
                    + " data identifier: give " + digits + " hex digits, most significant first (e.g. "
                    + (version == Dlt645Version.V2007 ? "00010000" : "9010") + ")");
        }
        return new DataIdentifier(version, Long.parseLong(t, 16));
    }

    /** Reads the identifier from plain (descrambled) wire bytes at {@code offset}, DI0 first. */
    public static DataIdentifier fromWire(Dlt645Version version, byte[] data, int offset) {
        long code = 0;
        for (int i = version.diLength() - 1; i >= 0; i--) {
            code = code << 8 | (data[offset + i] & 0xFF);
        }
        return new DataIdentifier(version, code);
    }

    /** The plain wire bytes, DI0 first. */
    public byte[] toWire() {
        byte[] out = new byte[version.diLength()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (code >> (8 * i));
        }
        return out;
    }

    @Override
    public String toString() {
        return String.format("%0" + 2 * version.diLength() + "X", code);
    }
}
