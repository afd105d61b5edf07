package io.tanhe.engine.incremental;

/**
 * A formula of one instance, compiled against the value array of a bucket: operands are read by
 * instance id. A value that is absent or failed is NaN, and NaN propagates; conditions return 1,
 * 0, or NaN when unknown.
 */
@FunctionalInterface
interface Calc {
    double apply(double[] values);
}
