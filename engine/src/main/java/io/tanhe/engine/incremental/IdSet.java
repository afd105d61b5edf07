package io.tanhe.engine.incremental;

/**
 * A set of instance ids as bits, for the few ids one update touches among tens of thousands:
 * unlike {@link java.util.BitSet}, clearing a bit costs nothing more (BitSet rescans its words for
 * the highest one in use), and a scan stops at the highest word set since {@link #emptied}.
 */
final class IdSet {
    private final long[] words;
    /** Words above this index are all zero. */
    private int highestWord = -1;

    IdSet(int size) {
        words = new long[(size + 63) >>> 6];
    }

    void set(int id) {
        int w = id >>> 6;
        words[w] |= 1L << id;
        if (w > highestWord) {
            highestWord = w;
        }
    }

    boolean get(int id) {
        return (words[id >>> 6] & (1L << id)) != 0;
    }

    void clear(int id) {
        words[id >>> 6] &= ~(1L << id);
    }

    /** The lowest id at or above {@code from} in the set, or -1. */
    int next(int from) {
        int w = from >>> 6;
        if (w > highestWord) {
            return -1;
        }
        long word = words[w] & (-1L << from);
        while (word == 0) {
            if (++w > highestWord) {
                return -1;
            }
            word = words[w];
        }
        return (w << 6) + Long.numberOfTrailingZeros(word);
    }

    /** Tells the set that every bit has been cleared, so that scans stop early again. */
    void emptied() {
        highestWord = -1;
    }
}
