package io.tanhe.engine.incremental;

/**
 * The generated code of one node's formula: one loop over the node's instances, each reading its
 * operands by id from the bucket's value array (see {@link KernelGenerator}). It computes the same
 * double as the instance's {@link Calc}, operation for operation.
 *
 * <p>Only the common case is finished here: a finite value where the instance had not failed
 * before. The others — a missing operand, a division by zero, an earlier failure with a cause to
 * clear — are handed back to the {@link BucketCalculator}, which settles their status and cause
 * as for any formula; so status and provenance bookkeeping stay off the loop.
 */
abstract class FormulaKernel {

    /**
     * Computes instances {@code from … from + count - 1} of the node (indexes among its instances).
     *
     * @param values the bucket's values, by instance id
     * @param status the bucket's statuses, by instance id
     * @param loads  the node's reads: {@code arity} instance ids per instance, in the formula's walk order
     * @param from   the first instance to compute, as an index among the node's instances
     * @param count  how many instances to compute
     * @param first  the id of the node's first instance (its instances have consecutive ids)
     * @param slow   receives the ids of the instances not finished here
     * @return how many ids were written to {@code slow}
     */
    abstract int run(double[] values, byte[] status, int[] loads, int from, int count, int first, int[] slow);
}
