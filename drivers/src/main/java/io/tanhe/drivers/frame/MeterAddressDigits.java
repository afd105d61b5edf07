package io.tanhe.drivers.frame;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The BCD meter addresses DL/T 645 (12 digits, 6 bytes) and CJ/T 188 (14 digits, 7 bytes) share:
 * digits printed most significant first, sent least significant byte first, {@code A} as the
 * wildcard digit. The protocol records keep their own types and constants and delegate here.
 */
public final class MeterAddressDigits {
    private static final Pattern CONFIGURED_DIGIT = Pattern.compile("[0-9A]+");
    private static final Pattern WIRE_DIGITS = Pattern.compile("[0-9A-F]+");

    private MeterAddressDigits() {
    }

    /** Checks the canonical form: exactly {@code length} hex digits. */
    public static String check(String digits, int length, String protocol) {
        Objects.requireNonNull(digits, "digits");
        if (digits.length() != length || !WIRE_DIGITS.matcher(digits).matches()) {
            throw new IllegalArgumentException("a " + protocol + " address has " + length + " hex digits, not `" + digits + "`");
        }
        return digits;
    }

    /**
     * Parses an address as written in a configuration: up to {@code length} digits, left-padded
     * with zeros (meters print {@code 000072007201}, people write {@code 72007201}).
     *
     * @throws IllegalArgumentException with what is wrong
     */
    public static String parse(String text, int length, String protocol) {
        String t = text == null ? "" : text.strip().toUpperCase();
        if (t.isEmpty() || t.length() > length || !CONFIGURED_DIGIT.matcher(t).matches()) {
            throw new IllegalArgumentException("`" + text + "` is not a " + protocol + " address: give up to " + length
                    + " decimal digits, as printed on the meter");
        }
        return "0".repeat(length - t.length()) + t;
    }

    /** The digits of the {@code bytes} wire bytes at {@code offset} (least significant byte first). */
    public static String fromWire(byte[] frame, int offset, int bytes) {
        StringBuilder sb = new StringBuilder(2 * bytes);
        for (int i = offset + bytes - 1; i >= offset; i--) {
            sb.append(Hex.ofByte(frame[i]), 2, 4);
        }
        return sb.toString();
    }

    /** The wire bytes of {@code digits}, least significant byte first. */
    public static byte[] toWire(String digits) {
        int bytes = digits.length() / 2;
        byte[] out = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            int pos = digits.length() - 2 - 2 * i;
            out[i] = (byte) Integer.parseInt(digits.substring(pos, pos + 2), 16);
        }
        return out;
    }
}
