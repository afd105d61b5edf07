package io.tanhe.drivers.cjt188;

import io.tanhe.drivers.frame.Hex;

import java.util.Arrays;
import java.util.Optional;

/**
 * The unit byte that follows (or, on some meters, precedes) a CJ/T 188 value. Codes from
 * protocols.md §3.3 (ShaoBF/HeatMeterVerifier {@code CJ188.h}). The "×100" units are reported in
 * the plain unit with the value scaled by 100.
 */
public enum UnitCode {
    WH(0x02, Dimension.ENERGY, "Wh", 0),
    KWH(0x05, Dimension.ENERGY, "kWh", 0),
    MWH(0x08, Dimension.ENERGY, "MWh", 0),
    MWH_X100(0x0A, Dimension.ENERGY, "MWh", 2),
    J(0x01, Dimension.ENERGY, "J", 0),
    KJ(0x0B, Dimension.ENERGY, "kJ", 0),
    MJ(0x0E, Dimension.ENERGY, "MJ", 0),
    GJ(0x11, Dimension.ENERGY, "GJ", 0),
    GJ_X100(0x13, Dimension.ENERGY, "GJ", 2),
    W(0x14, Dimension.POWER, "W", 0),
    KW(0x17, Dimension.POWER, "kW", 0),
    MW(0x1A, Dimension.POWER, "MW", 0),
    L(0x29, Dimension.VOLUME, "L", 0),
    M3(0x2C, Dimension.VOLUME, "m3", 0),
    L_PER_H(0x32, Dimension.FLOW_RATE, "L/h", 0),
    M3_PER_H(0x35, Dimension.FLOW_RATE, "m3/h", 0);

    /** What a unit measures; a value's unit must have the dimension of its field. */
    public enum Dimension { ENERGY, POWER, VOLUME, FLOW_RATE }

    private final int code;
    private final Dimension dimension;
    private final String symbol;
    private final int powerOfTen;

    UnitCode(int code, Dimension dimension, String symbol, int powerOfTen) {
        this.code = code;
        this.dimension = dimension;
        this.symbol = symbol;
        this.powerOfTen = powerOfTen;
    }

    /** The unit with this code, if the table has it. */
    public static Optional<UnitCode> of(int code) {
        return Arrays.stream(values()).filter(u -> u.code == code).findFirst();
    }

    public int code() {
        return code;
    }

    public Dimension dimension() {
        return dimension;
    }

    /** The unit symbol readings carry. */
    public String symbol() {
        return symbol;
    }

    /** The decimal shift to apply to the coded number (2 for the ×100 units). */
    public int powerOfTen() {
        return powerOfTen;
    }

    /** {@code 0x0A (MWh×100)}. */
    public String describe() {
        return Hex.ofByte(code) + " (" + symbol + (powerOfTen > 0 ? "×100" : "") + ")";
    }
}
