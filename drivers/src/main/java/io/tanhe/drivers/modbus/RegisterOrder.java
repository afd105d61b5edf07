package io.tanhe.drivers.modbus;

/**
 * The order of bytes inside each register and of registers inside a multi-register value.
 * Big/big is the Modbus convention (ABCD); meters also use CDAB (little word order), BADC and DCBA.
 *
 * @param bigEndianBytes whether the high byte of each register comes first (true for standard Modbus)
 * @param bigEndianWords whether the most significant register comes first
 */
public record RegisterOrder(boolean bigEndianBytes, boolean bigEndianWords) {
    /** The Modbus default, ABCD. */
    public static final RegisterOrder BIG = new RegisterOrder(true, true);

    /** Arranges {@code words} as big-endian bytes of the value they encode. */
    byte[] toBigEndianBytes(int[] words) {
        byte[] out = new byte[words.length * 2];
        for (int i = 0; i < words.length; i++) {
            int w = words[bigEndianWords ? i : words.length - 1 - i];
            int hi = (w >> 8) & 0xFF;
            int lo = w & 0xFF;
            out[2 * i] = (byte) (bigEndianBytes ? hi : lo);
            out[2 * i + 1] = (byte) (bigEndianBytes ? lo : hi);
        }
        return out;
    }
}
