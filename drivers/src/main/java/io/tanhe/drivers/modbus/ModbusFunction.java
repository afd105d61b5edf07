package io.tanhe.drivers.modbus;

/** The Modbus read functions a point can use. */
public enum ModbusFunction {
    READ_COILS(1, true),
    READ_DISCRETE_INPUTS(2, true),
    READ_HOLDING_REGISTERS(3, false),
    READ_INPUT_REGISTERS(4, false);

    /** At most this many registers per read request (Modbus application protocol, FC 3/4). */
    public static final int MAX_REGISTERS = 125;
    /** At most this many bits per read request (FC 1/2). */
    public static final int MAX_BITS = 2000;

    private final int code;
    private final boolean bits;

    ModbusFunction(int code, boolean bits) {
        this.code = code;
        this.bits = bits;
    }

    /** The function code on the wire. */
    public int code() {
        return code;
    }

    /** Whether it reads single bits rather than 16-bit registers. */
    public boolean readsBits() {
        return bits;
    }

    /** The function with this code. */
    public static ModbusFunction ofCode(int code) {
        for (ModbusFunction f : values()) {
            if (f.code == code) {
                return f;
            }
        }
        throw new IllegalArgumentException("function " + code + " is not a read function (1, 2, 3 or 4)");
    }
}
