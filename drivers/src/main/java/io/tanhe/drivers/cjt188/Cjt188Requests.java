package io.tanhe.drivers.cjt188;

/** Builds the master's requests (protocols.md §3.1, §3.2). */
public final class Cjt188Requests {
    /** Read data; replies carry 0x81. */
    public static final int READ_DATA = 0x01;
    /** Read address; replies carry 0x83. */
    public static final int READ_ADDRESS = 0x03;
    /** Current metering data. */
    public static final int DI_CURRENT_DATA = 0x901F;
    /** The DI used with read address. */
    public static final int DI_ADDRESS = 0x810A;

    private Cjt188Requests() {
    }

    /** Read current data (901F) with sequence number {@code ser}. */
    public static Cjt188Frame readCurrentData(MeterType type, Cjt188Address address, int ser, Cjt188Layout layout) {
        return new Cjt188Frame(type, address, READ_DATA, withSer(layout.diBytes(DI_CURRENT_DATA), ser));
    }

    /** Read address through the type and address wildcards; only one meter may be on the bus. */
    public static Cjt188Frame readAddress(int ser, Cjt188Layout layout) {
        return new Cjt188Frame(MeterType.WILDCARD, Cjt188Address.WILDCARD, READ_ADDRESS, withSer(layout.diBytes(DI_ADDRESS), ser));
    }

    private static byte[] withSer(byte[] di, int ser) {
        return new byte[]{di[0], di[1], (byte) ser};
    }
}
