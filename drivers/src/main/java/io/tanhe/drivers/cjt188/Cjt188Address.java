package io.tanhe.drivers.cjt188;

import io.tanhe.drivers.frame.Hex;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A CJ/T 188 meter address: 14 BCD digits, sent as 7 bytes least significant first; the top two
 * bytes A5–A6 are the manufacturer code (protocols.md §3.1). The wire bytes
 * {@code 88 05 27 10 15 20 00} are the address {@code 00201510270588}.
 *
 * @param digits the 14 digits, most significant first; {@code A} is the wildcard digit
 */
public record Cjt188Address(String digits) {
    /** The wildcard/broadcast address, for read address on a bus with a single meter. */
    public static final Cjt188Address WILDCARD = new Cjt188Address("AAAAAAAAAAAAAA");

    private static final Pattern CONFIGURED = Pattern.compile("[0-9A]{1,14}");

    public Cjt188Address {
        Objects.requireNonNull(digits, "digits");
        if (!digits.matches("[0-9A-F]{14}")) {
            throw new IllegalArgumentException("a CJ/T 188 address has 14 hex digits, not '" + digits + "'");
        }
    }

    /** Parses up to 14 digits as printed on the meter, left-padded with zeros. */
    public static Cjt188Address parse(String text) {
        String t = text == null ? "" : text.strip().toUpperCase();
        if (!CONFIGURED.matcher(t).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a CJ/T 188 address: give up to 14 decimal digits, as printed on the meter");
        }
        return new Cjt188Address("0".repeat(14 - t.length()) + t);
    }

    /** Reads the 7 wire bytes at {@code offset}. */
    public static Cjt188Address fromWire(byte[] frame, int offset) {
        StringBuilder sb = new StringBuilder(14);
        for (int i = offset + 6; i >= offset; i--) {
            sb.append(Hex.ofByte(frame[i]), 2, 4);
        }
        return new Cjt188Address(sb.toString());
    }

    /** The 7 wire bytes, least significant first. */
    public byte[] toWire() {
        byte[] out = new byte[7];
        for (int i = 0; i < 7; i++) {
            int pos = 12 - 2 * i;
            out[i] = (byte) Integer.parseInt(digits.substring(pos, pos + 2), 16);
        }
        return out;
    }

    public boolean isWildcard() {
        return digits.indexOf('A') >= 0;
    }

    @Override
    public String toString() {
        return digits;
    }
}
