package io.tanhe.engine.factors;

import io.tanhe.engine.factors.LocatedNode.Location;
import java.util.ArrayList;
import java.util.List;

/** Collects the problems of one load, so that every one is reported and none stops the others. */
final class ProblemList {

    private final List<FactorTableProblem> problems = new ArrayList<>();

    void add(String file, String path, Location location, String message) {
        problems.add(new FactorTableProblem(file, path, location.line(), location.column(), message));
    }

    int size() {
        return problems.size();
    }

    List<FactorTableProblem> all() {
        return List.copyOf(problems);
    }
}
