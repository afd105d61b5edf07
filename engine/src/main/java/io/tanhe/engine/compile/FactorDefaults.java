package io.tanhe.engine.compile;

import io.tanhe.engine.factors.FactorLibrary;
import io.tanhe.grammar.diagnostics.Diagnostic;

import java.util.List;

/**
 * The default factor values a methodology brings: those declared in place and those of the factor
 * tables it names, for declared factors only, with the problems found while binding them.
 */
public record FactorDefaults(FactorLibrary library, List<Diagnostic> diagnostics) {
    public FactorDefaults {
        diagnostics = List.copyOf(diagnostics);
    }
}
