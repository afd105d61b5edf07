package io.tanhe.engine.eval;

import io.tanhe.engine.factors.FactorValue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The values of every node for one period, the problems met, and the factor values used.
 *
 * @param values      node → key → value in the node's unit; absent keys are not there
 * @param problems    what prevented a value (missing factor, missing input, division by zero)
 * @param factorsUsed every factor value read, once each, in first-use order
 */
public record PeriodResult(Map<String, Map<String, Double>> values, List<Problem> problems, List<FactorValue> factorsUsed) {
    public PeriodResult {
        values = Map.copyOf(values);
        problems = List.copyOf(problems);
        factorsUsed = List.copyOf(factorsUsed);
    }

    public Optional<Double> value(String node, String key) {
        return Optional.ofNullable(values.getOrDefault(node, Map.of()).get(key));
    }

    /** A problem of evaluation; {@code code} is one of the E6xx codes. */
    public record Problem(io.tanhe.grammar.diagnostics.ErrorCode code, String node, String key, String message) {
    }
}
