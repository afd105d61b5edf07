package io.tanhe.server.terminal;

import io.tanhe.engine.time.Grain;
import io.tanhe.engine.time.Quality;
import io.tanhe.engine.time.TimeBucket;
import io.tanhe.server.store.BucketResult;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@link ResultWriter} last wrote for each figure (node, key, bucket) of the open window: the value, quality and
 * completeness it compares a new figure with, so an unchanged figure is not written again.
 *
 * <p>Kept per bucket in flat arrays indexed by a small number given to each (node, key) once, rather than as an object
 * and a map node per figure: the open window holds a day and more of minutes (47,000 figures at 22 simulated hours of
 * the demo), and the objects took ~93 bytes a figure against ~17 here. Used by the evaluation thread only.
 */
final class LastWritten {
    /** Quality codes: 0 means nothing remembered, else the ordinal + 1. */
    private static final byte NONE = 0;

    /** The number of each (node, key) seen, by node, then key (a key may be null). */
    private final Map<String, Map<String, Integer>> ids = new HashMap<>();
    private int count;
    private final EnumMap<Grain, TreeMap<Instant, Figures>> byGrain = new EnumMap<>(Grain.class);

    /** The figures remembered for {@code bucket}, made empty when there are none yet. */
    Figures of(TimeBucket bucket) {
        return byGrain.computeIfAbsent(bucket.grain(), g -> new TreeMap<>()).computeIfAbsent(bucket.start(), s -> new Figures());
    }

    /** The figures remembered for {@code bucket}; null when there are none. */
    Figures find(TimeBucket bucket) {
        TreeMap<Instant, Figures> starts = byGrain.get(bucket.grain());
        return starts == null ? null : starts.get(bucket.start());
    }

    /** Whether a figure of a bucket that starts before {@code instant} is remembered. */
    boolean anyBefore(Instant instant) {
        for (TreeMap<Instant, Figures> starts : byGrain.values()) {
            for (Figures f : starts.headMap(instant, false).values()) {
                if (f.remembered > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Forgets every bucket that starts before {@code horizon}. */
    void forgetBefore(Instant horizon) {
        for (TreeMap<Instant, Figures> starts : byGrain.values()) {
            starts.headMap(horizon, false).clear();
        }
    }

    /** How many figures are remembered (for tests). */
    int size() {
        int n = 0;
        for (TreeMap<Instant, Figures> starts : byGrain.values()) {
            for (Figures f : starts.values()) {
                n += f.remembered;
            }
        }
        return n;
    }

    private int id(String node, String key) {
        return ids.computeIfAbsent(node, n -> new HashMap<>()).computeIfAbsent(key, k -> count++);
    }

    /** The figures last written for one bucket, by the number of their (node, key). */
    final class Figures {
        private long[] values = new long[0];
        private long[] completeness = new long[0];
        private byte[] qualities = new byte[0];
        private int remembered;

        /** Whether {@code r}'s figure was last written with its value, quality and completeness (compared as {@link Double#compare} does). */
        boolean same(BucketResult r) {
            return sameAt(id(r.nodeId(), r.key()), r);
        }

        /** Remembers {@code r} as its figure's last written; returns whether it equals the one remembered before. */
        boolean put(BucketResult r) {
            int id = id(r.nodeId(), r.key());
            if (sameAt(id, r)) {
                return true;
            }
            if (id >= qualities.length) {
                int size = Math.max(id + 1, count);
                values = Arrays.copyOf(values, size);
                completeness = Arrays.copyOf(completeness, size);
                qualities = Arrays.copyOf(qualities, size);
            }
            if (qualities[id] == NONE) {
                remembered++;
            }
            values[id] = Double.doubleToLongBits(r.value());
            completeness[id] = Double.doubleToLongBits(r.completeness());
            qualities[id] = code(r.quality());
            return false;
        }

        /** Forgets {@code r}'s figure; returns whether it was last written with {@code r}'s figures. */
        boolean remove(BucketResult r) {
            int id = id(r.nodeId(), r.key());
            boolean same = sameAt(id, r);
            if (id < qualities.length && qualities[id] != NONE) {
                qualities[id] = NONE;
                remembered--;
            }
            return same;
        }

        private boolean sameAt(int id, BucketResult r) {
            return id < qualities.length && qualities[id] == code(r.quality())
                    && values[id] == Double.doubleToLongBits(r.value()) && completeness[id] == Double.doubleToLongBits(r.completeness());
        }
    }

    private static byte code(Quality quality) {
        return (byte) (quality.ordinal() + 1);
    }
}
