package io.tanhe.engine.incremental;

import io.tanhe.engine.graph.Node;

/**
 * One value of one node at one key: the unit of incremental evaluation.
 *
 * @param node      the graph node, or null for a synthetic instance (an aggregate or its body,
 *                  lifted out of a formula so that sums can be updated by differences)
 * @param key       the index key ("" for scalars)
 * @param calc      the compiled formula (formula instances only)
 * @param operands  the instances read, in any order
 */
record Instance(int id, Node node, String key, Kind kind, Calc calc, int[] operands) {

    enum Kind {
        /** Activity data or a per-period value from the time model. */
        INPUT,
        /** A factor value looked up for the bucket's date. */
        FACTOR,
        FORMULA,
        /** Σ of present operands; failed if one operand failed. Kept up to date by differences. */
        SUM,
        MIN,
        MAX,
        /** The time (h) of the bucket covered by readings of one rate input; a leaf set with that input. */
        COVERED
    }

    boolean synthetic() {
        return node == null;
    }

    String label() {
        return node == null ? "#" + id : key.isEmpty() ? node.name() : node.name() + "[" + key + "]";
    }
}
