package io.tanhe.engine.factors;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of loading factor tables: a library when there were no problems, else every problem
 * found (the loader does not stop at the first).
 */
public final class FactorTableLoad {

    private final FactorLibrary library;
    private final List<FactorTableProblem> problems;

    private FactorTableLoad(FactorLibrary library, List<FactorTableProblem> problems) {
        this.library = library;
        this.problems = List.copyOf(problems);
    }

    static FactorTableLoad loaded(FactorLibrary library) {
        return new FactorTableLoad(library, List.of());
    }

    static FactorTableLoad failed(List<FactorTableProblem> problems) {
        return new FactorTableLoad(null, problems);
    }

    /** The library, present exactly when {@link #problems()} is empty. */
    public Optional<FactorLibrary> library() {
        return Optional.ofNullable(library);
    }

    public List<FactorTableProblem> problems() {
        return problems;
    }

    public boolean succeeded() {
        return library != null;
    }
}
