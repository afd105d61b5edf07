package io.tanhe.engine.incremental;

import io.tanhe.engine.time.Quality;
import io.tanhe.engine.time.TimeBucket;
import io.tanhe.engine.units.Unit;
import io.tanhe.grammar.diagnostics.ErrorCode;

/**
 * The value of one node at one key in one bucket, as evaluation left it.
 *
 * @param value        the value in {@code unit}; NaN unless {@link #present()}
 * @param quality      the weakest quality of the input data it was computed from
 * @param completeness the smallest completeness (0…1) of the input data it was computed from
 * @param problem      why it failed (null unless {@link #failed()})
 * @param problemText  a sentence naming what is missing (null unless failed)
 */
public record ResultValue(String node, String key, TimeBucket bucket, double value, Unit unit, Quality quality,
                          double completeness, boolean present, boolean failed, ErrorCode problem, String problemText) {

    /** {@code node[key]}, or the node name for a scalar. */
    public String label() {
        return key.isEmpty() ? node : node + "[" + key + "]";
    }
}
