package io.tanhe.engine.compile;

import io.tanhe.engine.graph.ComputationGraph;
import io.tanhe.grammar.diagnostics.Diagnostic;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of compiling a methodology file: the graph when there are no errors, and every
 * diagnostic of every stage, sorted by position.
 */
public record Compilation(LoadedProgram loaded, TypedProgram typed, ComputationGraph graphOrNull,
                          FactorDefaults defaults, List<Diagnostic> diagnostics) {
    public Compilation {
        diagnostics = List.copyOf(diagnostics);
    }

    public Optional<ComputationGraph> graph() {
        return Optional.ofNullable(graphOrNull);
    }

    public long errors() {
        return diagnostics.stream().filter(Diagnostic::isError).count();
    }

    public long warnings() {
        return diagnostics.size() - errors();
    }

    public boolean ok() {
        return errors() == 0 && graphOrNull != null;
    }
}
