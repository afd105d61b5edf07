package io.tanhe.engine.time;

import java.util.Arrays;

/**
 * The readings of one series in time order, one entry per instant, in parallel primitive arrays
 * so that appending the next reading allocates nothing (arrays grow by doubling).
 *
 * <p>An entry has two values in the amount's unit: {@code before}, the value an interval ending
 * here ends at, and {@code after}, the value the next interval starts from. They differ only at a
 * meter replacement (old final, new start). The raw value and unit slot are kept for provenance.
 */
final class ReadingLog {
    static final byte READING = 0;
    static final byte REPLACEMENT = 1;

    long[] time = new long[16];
    double[] before = new double[16];
    double[] after = new double[16];
    double[] raw = new double[16];
    byte[] unit = new byte[16];
    byte[] quality = new byte[16];
    byte[] kind = new byte[16];
    int size;

    /** The index of the last entry at or before {@code t}, -1 when none. */
    int floorIndex(long t) {
        if (size > 0 && time[size - 1] <= t) {
            return size - 1;
        }
        int i = Arrays.binarySearch(time, 0, size, t);
        return i >= 0 ? i : -i - 2;
    }

    /**
     * Puts an entry at {@code t}. An entry already at {@code t} is replaced (a correction), except
     * that a reading at the instant of a meter replacement becomes the new meter's start value.
     *
     * @return the entry's index
     */
    int put(long t, double valueBefore, double valueAfter, double rawValue, int unitSlot, Quality q, byte entryKind) {
        int at = floorIndex(t);
        if (at >= 0 && time[at] == t) {
            if (kind[at] == REPLACEMENT && entryKind == READING) {
                after[at] = valueAfter;
                quality[at] = (byte) Quality.ofCode(quality[at]).and(q).ordinal();
                return at;
            }
            set(at, t, valueBefore, valueAfter, rawValue, unitSlot, q, entryKind);
            return at;
        }
        int index = at + 1;
        if (size == time.length) {
            grow();
        }
        if (index < size) {
            shift(index);
        }
        size++;
        set(index, t, valueBefore, valueAfter, rawValue, unitSlot, q, entryKind);
        return index;
    }

    private void set(int i, long t, double valueBefore, double valueAfter, double rawValue, int unitSlot, Quality q,
                     byte entryKind) {
        time[i] = t;
        before[i] = valueBefore;
        after[i] = valueAfter;
        raw[i] = rawValue;
        unit[i] = (byte) unitSlot;
        quality[i] = (byte) q.ordinal();
        kind[i] = entryKind;
    }

    private void shift(int from) {
        int n = size - from;
        System.arraycopy(time, from, time, from + 1, n);
        System.arraycopy(before, from, before, from + 1, n);
        System.arraycopy(after, from, after, from + 1, n);
        System.arraycopy(raw, from, raw, from + 1, n);
        System.arraycopy(unit, from, unit, from + 1, n);
        System.arraycopy(quality, from, quality, from + 1, n);
        System.arraycopy(kind, from, kind, from + 1, n);
    }

    private void grow() {
        int n = time.length * 2;
        time = Arrays.copyOf(time, n);
        before = Arrays.copyOf(before, n);
        after = Arrays.copyOf(after, n);
        raw = Arrays.copyOf(raw, n);
        unit = Arrays.copyOf(unit, n);
        quality = Arrays.copyOf(quality, n);
        kind = Arrays.copyOf(kind, n);
    }

    /** Drops the entries before {@code index}. */
    void dropBefore(int index) {
        if (index <= 0) {
            return;
        }
        int n = size - index;
        System.arraycopy(time, index, time, 0, n);
        System.arraycopy(before, index, before, 0, n);
        System.arraycopy(after, index, after, 0, n);
        System.arraycopy(raw, index, raw, 0, n);
        System.arraycopy(unit, index, unit, 0, n);
        System.arraycopy(quality, index, quality, 0, n);
        System.arraycopy(kind, index, kind, 0, n);
        size = n;
    }

    Quality quality(int i) {
        return Quality.ofCode(quality[i]);
    }
}
