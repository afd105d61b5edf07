package io.tanhe.engine.incremental;

import io.tanhe.engine.time.BucketAmount;
import io.tanhe.engine.time.Quality;

import java.util.HashMap;
import java.util.Map;

/**
 * Reads results of one bucket with their quality and completeness, which are derived when read
 * (not on every update): a result is as weak as the weakest input data it was computed from and as
 * complete as the least complete of them.
 */
final class ResultReader {
    private final IncrementalEvaluator evaluator;
    private final InstanceGraph instances;
    private final BucketState state;
    private final Map<Integer, double[]> summary = new HashMap<>();

    ResultReader(IncrementalEvaluator evaluator, BucketState state) {
        this.evaluator = evaluator;
        this.instances = evaluator.instances();
        this.state = state;
    }

    ResultValue read(int id) {
        Instance in = instances.instance(id);
        boolean present = state.status[id] == Status.PRESENT;
        boolean failed = state.status[id] == Status.FAILED;
        double[] fed = fedInputs(id);
        Quality quality = fed != null ? Quality.values()[(int) fed[0]] : present ? Quality.MEASURED : Quality.MISSING;
        double completeness = fed != null ? fed[1] : present ? 1.0 : 0.0;
        BucketState.Cause cause = failed ? cause(state, id) : null;
        return new ResultValue(in.node().name(), in.key(), state.bucket, state.values[id], in.node().unit(), quality,
                completeness, present, failed, cause == null ? null : cause.code(),
                failed ? (cause == null ? "an operand failed" : cause.message()) : null);
    }

    /**
     * {weakest quality ordinal, smallest completeness} over the inputs below an instance that have
     * data in this bucket, or null when none has (constants and factors only, or no data).
     */
    private double[] fedInputs(int id) {
        if (summary.containsKey(id)) {
            return summary.get(id);
        }
        Instance in = instances.instance(id);
        double[] result = null;
        if (in.kind() == Instance.Kind.INPUT) {
            BucketAmount a = evaluator.model().amount(in.node().name(), in.key(), state.bucket);
            if (a.fed()) {
                result = new double[]{a.quality().ordinal(), a.completeness()};
            }
        } else {
            for (int op : in.operands()) {
                double[] o = fedInputs(op);
                if (o != null) {
                    result = result == null ? o.clone() : new double[]{Math.max(result[0], o[0]), Math.min(result[1], o[1])};
                }
            }
        }
        summary.put(id, result);
        return result;
    }

    /** The first own cause found below a failed instance (in a rolled-up bucket, in its base buckets). */
    private BucketState.Cause cause(BucketState s, int id) {
        BucketState.Cause own = s.causes.get(id);
        if (own != null) {
            return own;
        }
        if (s.bucket.grain() != evaluator.baseGrain() && evaluator.extensive(id)) {
            for (BucketState b : evaluator.baseStatesIn(s.bucket)) {
                if (b.status[id] == Status.FAILED) {
                    return cause(b, id);
                }
            }
            return null;
        }
        for (int op : instances.instance(id).operands()) {
            if (s.status[op] == Status.FAILED) {
                BucketState.Cause c = cause(s, op);
                if (c != null) {
                    return c;
                }
            }
        }
        return null;
    }
}
