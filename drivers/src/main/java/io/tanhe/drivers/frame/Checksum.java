package io.tanhe.drivers.frame;

/**
 * The additive checksum of DL/T 645 and CJ/T 188: the sum of all bytes from the first start byte
 * {@code 0x68} through the last data byte, modulo 256 (protocols.md §2.1 and §3.1).
 */
public final class Checksum {
    private Checksum() {
    }

    /** The sum of {@code bytes[from..to)} modulo 256. */
    public static int sum(byte[] bytes, int from, int to) {
        int sum = 0;
        for (int i = from; i < to; i++) {
            sum += bytes[i] & 0xFF;
        }
        return sum & 0xFF;
    }
}
