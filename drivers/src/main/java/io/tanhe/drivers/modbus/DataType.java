package io.tanhe.drivers.modbus;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** How the raw registers (or bits) of one point are read as a number. */
public enum DataType {
    /** One coil or discrete input (function 1 or 2): 0 or 1. */
    BOOL(0),
    INT16(1),
    UINT16(1),
    INT32(2),
    UINT32(2),
    INT64(4),
    FLOAT32(2),
    FLOAT64(4),
    /** Four BCD digits in one register. */
    BCD16(1),
    /** Eight BCD digits in two registers. */
    BCD32(2);

    private final int registers;

    DataType(int registers) {
        this.registers = registers;
    }

    /** Registers this type occupies (0 for a bit). */
    public int registers() {
        return registers;
    }

    /** The name used in points files, e.g. {@code float32}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Every name accepted in points files. */
    public static List<String> configNames() {
        return Arrays.stream(values()).map(DataType::configName).toList();
    }

    /** The type named {@code name} in a points file. */
    public static DataType ofConfigName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
