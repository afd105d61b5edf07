package io.tanhe.drivers.dlt645;

import io.tanhe.drivers.frame.MeterAddressDigits;

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

    private static final int DIGITS = 12;
    private static final String PROTOCOL = "DL/T 645";

    public Dlt645Address {
        MeterAddressDigits.check(digits, DIGITS, PROTOCOL);
    }

    /**
     * Parses an address as written in a configuration: up to 12 digits, left-padded with zeros
     * (meters print {@code 000072007201} but people write {@code 72007201}); {@code A} is the wildcard digit.
     *
     * @throws IllegalArgumentException with what is wrong
     */
    public static Dlt645Address parse(String text) {
        return new Dlt645Address(MeterAddressDigits.parse(text, DIGITS, PROTOCOL));
    }

    /** Reads the 6 wire bytes at {@code offset}. */
    public static Dlt645Address fromWire(byte[] frame, int offset) {
        return new Dlt645Address(MeterAddressDigits.fromWire(frame, offset, DIGITS / 2));
    }

    /** The 6 wire bytes, least significant first. */
    public byte[] toWire() {
        return MeterAddressDigits.toWire(digits);
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
