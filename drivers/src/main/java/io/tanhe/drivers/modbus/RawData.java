package io.tanhe.drivers.modbus;

/**
 * What one read request returned: register values (0..65535) or bits.
 *
 * @param registers the registers of FC 3/4, else empty
 * @param bits      the bits of FC 1/2, else empty
 */
public record RawData(int[] registers, boolean[] bits) {
    /** The words of {@code point}, which lies inside the request that began at {@code start}. */
    int[] wordsOf(ModbusPoint point, int start) {
        int[] w = new int[point.length()];
        System.arraycopy(registers, point.address() - start, w, 0, w.length);
        return w;
    }
}
