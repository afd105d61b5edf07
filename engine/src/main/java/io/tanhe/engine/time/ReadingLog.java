package io.tanhe.engine.time;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The readings of one series in time order, one entry per instant, in parallel primitive arrays
 * (19 bytes an entry) so that appending the next reading allocates nothing (arrays grow by doubling).
 *
 * <p>An entry keeps the raw value as it came and the slot of its unit; {@link #value(int)} converts.
 * A meter replacement is an entry whose value is the new meter's start; the old meter's final value
 * (converted, NaN when unknown) is kept aside, by time, because replacements are rare. The value
 * an interval ends at is then {@link #endValue(int)}, the value it starts from {@link #value(int)}.
 */
final class ReadingLog {
    static final byte READING = 0;
    static final byte REPLACEMENT = 1;

    private final UnitTable units;
    long[] time = new long[16];
    double[] raw = new double[16];
    byte[] unit = new byte[16];
    byte[] quality = new byte[16];
    byte[] kind = new byte[16];
    int size;
    private final Map<Long, Double> oldFinal = new HashMap<>();

    ReadingLog(UnitTable units) {
        this.units = units;
    }

    /** The value entry {@code i} starts the next interval from, in the target unit. */
    double value(int i) {
        return raw[i] * units.factor(unit[i]);
    }

    /** The value the interval ending at entry {@code i} ends at, in the target unit. */
    double endValue(int i) {
        return kind[i] == REPLACEMENT ? oldFinal.get(time[i]) : value(i);
    }

    Quality quality(int i) {
        return Quality.ofCode(quality[i]);
    }

    /** The index of the last entry at or before {@code t}, -1 when none. */
    int floorIndex(long t) {
        if (size > 0 && time[size - 1] <= t) {
            return size - 1;
        }
        int i = Arrays.binarySearch(time, 0, size, t);
        return i >= 0 ? i : -i - 2;
    }

    /**
     * Puts a reading at {@code t}. A reading already there is replaced (a correction); at the
     * instant of a meter replacement the reading becomes the new meter's start value.
     *
     * @return the entry's index
     */
    int putReading(long t, double rawValue, int unitSlot, Quality q) {
        int at = floorIndex(t);
        if (at >= 0 && time[at] == t) {
            Quality merged = kind[at] == REPLACEMENT ? quality(at).and(q) : q;
            set(at, t, rawValue, unitSlot, merged, kind[at]);
            return at;
        }
        return insert(at + 1, t, rawValue, unitSlot, q, READING);
    }

    /**
     * Puts a meter replacement at {@code t}, replacing whatever entry is there.
     *
     * @param finalValue the old meter's final value in the target unit, NaN when unknown
     * @return the entry's index
     */
    int putReplacement(long t, double finalValue, double rawStart, int unitSlot, Quality q) {
        oldFinal.put(t, finalValue);
        int at = floorIndex(t);
        if (at >= 0 && time[at] == t) {
            set(at, t, rawStart, unitSlot, q, REPLACEMENT);
            return at;
        }
        return insert(at + 1, t, rawStart, unitSlot, q, REPLACEMENT);
    }

    private int insert(int index, long t, double rawValue, int unitSlot, Quality q, byte entryKind) {
        if (size == time.length) {
            grow();
        }
        if (index < size) {
            move(index, index + 1, size - index);
        }
        size++;
        set(index, t, rawValue, unitSlot, q, entryKind);
        return index;
    }

    private void set(int i, long t, double rawValue, int unitSlot, Quality q, byte entryKind) {
        time[i] = t;
        raw[i] = rawValue;
        unit[i] = (byte) unitSlot;
        quality[i] = (byte) q.ordinal();
        kind[i] = entryKind;
    }

    private void move(int from, int to, int n) {
        System.arraycopy(time, from, time, to, n);
        System.arraycopy(raw, from, raw, to, n);
        System.arraycopy(unit, from, unit, to, n);
        System.arraycopy(quality, from, quality, to, n);
        System.arraycopy(kind, from, kind, to, n);
    }

    private void grow() {
        int n = time.length * 2;
        time = Arrays.copyOf(time, n);
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
        long first = time[index];
        move(index, 0, size - index);
        size -= index;
        oldFinal.keySet().removeIf(t -> t < first);
    }
}
