package io.tanhe.engine.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The activity data of one period: for each input, its value per key, already in the input's
 * value unit (see {@link io.tanhe.engine.graph.Node#unit()}). A key that is not there is absent.
 */
public final class PeriodInputs {
    private final Map<String, Map<String, Double>> values = new LinkedHashMap<>();

    public PeriodInputs put(String input, String key, double value) {
        values.computeIfAbsent(input, k -> new LinkedHashMap<>()).put(key, value);
        return this;
    }

    /** The values of one input by key (empty if none). */
    public Map<String, Double> of(String input) {
        return Collections.unmodifiableMap(values.getOrDefault(input, Map.of()));
    }
}
