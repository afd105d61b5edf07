package io.tanhe.engine.time;

import java.util.EnumSet;
import java.util.Set;

/**
 * Something about the data of a bucket that a reader of its amount should know. The reasons, with
 * times and values, come from {@link Series#anomalies(TimeBucket)}.
 */
public enum Flag {
    /** Part of the bucket lies between rate readings further apart than the limit, or next to a failed reading: not integrated, counted as missing time. */
    GAP,
    /** A counter fell without a rollover or a replacement: that interval is not counted (never a negative emission) and its time counts as missing. */
    NEGATIVE_DELTA,
    /** A counter rolled over at its configured maximum; the delta across the rollover was counted. */
    ROLLOVER,
    /** A meter was replaced in or next to this bucket; with an unknown final value the interval before it counts as missing. */
    METER_REPLACED,
    /** A counter delta over an interval longer than the configured limit was spread over it by time (its total is exact, the split is not). */
    SPREAD,
    /** An intensive per-period quantity asked for over several periods: the value is their time-weighted mean. */
    AVERAGED;

    private static final Flag[] ALL = values();

    int bit() {
        return 1 << ordinal();
    }

    static Set<Flag> fromBits(int bits) {
        EnumSet<Flag> set = EnumSet.noneOf(Flag.class);
        for (Flag f : ALL) {
            if ((bits & f.bit()) != 0) {
                set.add(f);
            }
        }
        return set;
    }
}
