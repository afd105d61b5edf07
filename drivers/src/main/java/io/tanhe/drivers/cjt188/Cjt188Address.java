package io.tanhe.drivers.cjt188;

import io.tanhe.drivers.frame.MeterAddressDigits;

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

    private static final int DIGITS = 14;
    private static final String PROTOCOL = "CJ/T 188";

    public Cjt188Address {
        MeterAddressDigits.check(digits, DIGITS, PROTOCOL);
    }

    /** Parses up to 14 digits as printed on the meter, left-padded with zeros. */
    public static Cjt188Address parse(String text) {
        return new Cjt188Address(MeterAddressDigits.parse(text, DIGITS, PROTOCOL));
    }

    /** Reads the 7 wire bytes at {@code offset}. */
    public static Cjt188Address fromWire(byte[] frame, int offset) {
        return new Cjt188Address(MeterAddressDigits.fromWire(frame, offset, DIGITS / 2));
    }

    /** The 7 wire bytes, least significant first. */
    public byte[] toWire() {
        return MeterAddressDigits.toWire(digits);
    }

    public boolean isWildcard() {
        return digits.indexOf('A') >= 0;
    }

    @Override
    public String toString() {
        return digits;
    }
}
