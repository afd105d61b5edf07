package io.tanhe.engine.incremental;

import io.tanhe.engine.time.TimeBucket;
import io.tanhe.grammar.diagnostics.ErrorCode;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The values of every instance in one bucket. Absent and failed instances hold NaN so that
 * formulas propagate missing values without tests; {@link #status} says which it is.
 */
final class BucketState {
    final TimeBucket bucket;
    final double[] values;
    final byte[] status;
    /** Running sums and counts of aggregate instances, updated by differences. */
    final double[] sums;
    final int[] present;
    final int[] failed;
    /** The own cause of each instance that failed by itself (not through an operand). */
    final Map<Integer, Cause> causes = new HashMap<>();
    /** In a base bucket: the states of its coarser buckets, one per rolled grain (set on first use by the evaluator). */
    BucketState[] parents;

    BucketState(TimeBucket bucket, int size) {
        this.bucket = bucket;
        this.values = new double[size];
        this.status = new byte[size];
        this.sums = new double[size];
        this.present = new int[size];
        this.failed = new int[size];
        Arrays.fill(values, Double.NaN);
        Arrays.fill(status, Status.ABSENT);
    }

    /** Why an instance failed: the error code of the problem and a sentence naming what is missing. */
    record Cause(ErrorCode code, String message) {
    }
}
