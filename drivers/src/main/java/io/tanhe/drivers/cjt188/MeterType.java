package io.tanhe.drivers.cjt188;

import io.tanhe.drivers.frame.Hex;

/**
 * The meter type byte T of a CJ/T 188 frame. The 2004 codes are 10–13 water, 20–21 heat, 30 gas,
 * 40 custom; 2018 widens them to the ranges 10–19, 20–29, 30–39, 40–49, which this class accepts
 * (protocols.md §3.1, from ShaoBF/HeatMeterVerifier {@code CJ188.h} and ng-gateway docs).
 *
 * @param code the type byte, e.g. {@code 0x20} for a heat meter
 */
public record MeterType(int code) {
    /** The type wildcard of read-address requests (aixiwang/python_cjt188). */
    public static final MeterType WILDCARD = new MeterType(0xAA);
    public static final MeterType COLD_WATER = new MeterType(0x10);
    public static final MeterType HEAT = new MeterType(0x20);
    public static final MeterType GAS = new MeterType(0x30);

    /** What kind of quantity a meter type measures. */
    public enum Kind { WATER, HEAT, GAS, CUSTOM, OTHER }

    public MeterType {
        if (code < 0 || code > 0xFF) {
            throw new IllegalArgumentException("meter type " + code + " is not a byte");
        }
    }

    /** Parses the type as written in manuals and configurations: two hex digits, e.g. {@code 20}. */
    public static MeterType parse(String text) {
        String t = text == null ? "" : text.strip();
        if (!t.matches("[0-9A-Fa-f]{2}")) {
            throw new IllegalArgumentException("`" + text + "` is not a CJ/T 188 meter type: give two hex digits, e.g. 10 (cold water), 20 (heat), 30 (gas)");
        }
        return new MeterType(Integer.parseInt(t, 16));
    }

    public Kind kind() {
        return switch (code >> 4) {
            case 1 -> code <= 0x19 ? Kind.WATER : Kind.OTHER;
            case 2 -> code <= 0x29 ? Kind.HEAT : Kind.OTHER;
            case 3 -> code <= 0x39 ? Kind.GAS : Kind.OTHER;
            case 4 -> code <= 0x49 ? Kind.CUSTOM : Kind.OTHER;
            default -> Kind.OTHER;
        };
    }

    /** A readable name, e.g. {@code 0x20 heat meter (heat)}. */
    public String describe() {
        String name = switch (code) {
            case 0x10 -> "cold water meter";
            case 0x11 -> "domestic hot water meter";
            case 0x12 -> "drinking water meter";
            case 0x13 -> "reclaimed water meter";
            case 0x20 -> "heat meter (heat)";
            case 0x21 -> "heat meter (cooling)";
            case 0x30 -> "gas meter";
            case 0xAA -> "any type (wildcard)";
            default -> kind().name().toLowerCase() + " meter";
        };
        return Hex.ofByte(code) + " " + name;
    }

    @Override
    public String toString() {
        return String.format("%02X", code);
    }
}
