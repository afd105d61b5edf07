package io.tanhe.server.site;

import io.tanhe.engine.time.InputSettings;
import io.tanhe.engine.units.Unit;
import io.tanhe.grammar.ast.Decl;

/**
 * A meter point bound to a methodology input and index key: its readings feed {@code input[key]}.
 *
 * @param pointId  the point id of the points file
 * @param input    the methodology input
 * @param key      the index key, members joined with ","; "" for a scalar input
 * @param unit     the point's unit, parsed once (a rate's unit is per hour of the input's unit)
 * @param kind     the input's kind (counter, rate, period)
 * @param settings the time-model settings for this input key (rollover, gap limit, period)
 */
public record PointBinding(String pointId, String input, String key, Unit unit, Decl.InputKind kind,
                           InputSettings settings) {

    /** {@code input[key]}, or the input alone for a scalar. */
    public String target() {
        return key.isEmpty() ? input : input + "[" + key + "]";
    }
}
