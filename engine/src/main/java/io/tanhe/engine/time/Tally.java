package io.tanhe.engine.time;

import io.tanhe.engine.units.Unit;

/** The running sum behind one {@link BucketAmount}: amount, covered time, weakest quality, flags, fed range. */
final class Tally {
    double amount;
    long coveredNanos;
    Quality quality;
    int flags;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;

    void add(double part, long covered, Quality q, long fedFrom, long fedTo) {
        amount += part;
        coveredNanos += covered;
        quality = quality == null ? q : quality.and(q);
        first = Math.min(first, fedFrom);
        last = Math.max(last, fedTo);
    }

    void flag(Flag flag) {
        flags |= flag.bit();
    }

    BucketAmount toAmount(TimeBucket bucket, long bucketNanos, Unit unit) {
        boolean fed = quality != null;
        double completeness = Math.min(1.0, (double) coveredNanos / bucketNanos);
        return new BucketAmount(bucket, amount, unit, fed ? quality : Quality.MISSING, completeness, flags,
                fed ? Nanos.toInstant(first) : null, fed ? Nanos.toInstant(last) : null);
    }
}
