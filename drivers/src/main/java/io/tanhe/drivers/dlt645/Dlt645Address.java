package io.tanhe.drivers.dlt645;

import io.tanhe.drivers.frame.Hex;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A DL/T 645 meter address: 12 BCD digits as printed on the meter, sent as 6 bytes least significant
 * byte first ({@code 123456789012} goes out as {@code 12 90 78 56 34 12}; protocols.md §2.1).
 *
 * @param digits the 12 digits, most significant first; {@code A} is the wildcard digit
 */
public record Dlt645Address(String digits) {
    /** The wildcard every meter answers to; only for a bus with a single meter (e.g. read address 0x13). */
    public static final Dlt645Address WILDCARD = new Dlt645Address("AAAAAAAAAAAA");
    /** The broadcast address (e.g. time sync 0x08); meters do not reply to it. */
    public static final Dlt645Address BROADCAST = new Dlt645Address("999999999999");

    private static final Pattern CONFIGURED = Pattern.compile("[0-9A]{1,12}");

    public Dlt645Address {
        Objects.requireNonNull(digits, "digits");
        if (!digits.matches("[0-9A-F]{12}")) {
            throw new IllegalArgumentException("a DL/T 645 address has 12 hex digits, not '" + digits + "'");
        }
    }

    /**
     * Parses an address as written in a configuration: up to 12 digits, left-padded with zeros
     * (meters print {@code 000072007201} but people write {@code 72007201}); {@code A} is the wildcard digit.
     *
     * @throws IllegalArgumentException with what is wrong
     */
    public static Dlt645Address parse(String text) {
        String t = text == null ? "" : text.strip().toUpperCase();
        if (!CONFIGURED.matcher(t).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a DL/T 645 address: give up to 12 decimal digits, as printed on the meter");
        }
        return new Dlt645Address("0".repeat(12 - t.length()) + t);
    }

    /** Reads the 6 wire bytes at {@code offset}. */
    public static Dlt645Address fromWire(byte[] frame, int offset) {
        StringBuilder sb = new StringBuilder(12);
        for (int i = offset + 5; i >= offset; i--) {
            sb.append(Hex.ofByte(frame[i]), 2, 4);
        }
        return new Dlt645Address(sb.toString());
    }

    /** The 6 wire bytes, least significant first. */
    public byte[] toWire() {
        byte[] out = new byte[6];
        for (int i = 0; i < 6; i++) {
            int pos = 10 - 2 * i;
            out[i] = (byte) Integer.parseInt(digits.substring(pos, pos + 2), 16);
        }
        return out;
    }

    /** Whether this address contains wildcard digits. */
    public boolean isWildcard() {
        return digits.indexOf('A') >= 0;
    }

    @Override
    public String toString() {
        return digits;
    }
}
