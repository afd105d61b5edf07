package io.tanhe.engine.compile;

import io.tanhe.engine.graph.Term;
import io.tanhe.engine.units.Unit;
import io.tanhe.grammar.diagnostics.Diagnostic;

import java.util.List;
import java.util.Map;

/**
 * Stage 3 result: the unit of every value and, for every computed value, its formula as a typed
 * {@link Term} whose result is already converted to the declared unit.
 *
 * @param units  the unit in which each factor, input and computed value is held (a rate input's
 *               unit is its time integral, e.g. kW → kW·h)
 * @param terms  the formula of each computed value
 * @param slots  how many key slots each formula needs (its own dimensions plus nested aggregates)
 */
public record TypedProgram(ResolvedProgram resolved, Map<String, Unit> units, Map<String, Term> terms,
                           Map<String, Integer> slots, List<Diagnostic> diagnostics) {
    public TypedProgram {
        units = Map.copyOf(units);
        terms = Map.copyOf(terms);
        slots = Map.copyOf(slots);
        diagnostics = List.copyOf(diagnostics);
    }
}
