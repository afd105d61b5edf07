package io.tanhe.server.hj212;

/**
 * PNUM and PNO of one part of a split message.
 *
 * @param total  PNUM, the number of packets, 1-9999
 * @param number PNO, this packet's number, 1..total
 */
public record PacketPart(int total, int number) {
    /** The largest PNUM: the field holds 4 digits. */
    public static final int MAX_TOTAL = 9999;

    public PacketPart {
        if (total < 1 || total > MAX_TOTAL) {
            throw new IllegalArgumentException("PNUM is 1-" + MAX_TOTAL + ", not " + total);
        }
        if (number < 1 || number > total) {
            throw new IllegalArgumentException("PNO is 1-" + total + " (PNUM), not " + number);
        }
    }

    /** Whether this is the last part. */
    public boolean last() {
        return number == total;
    }
}
