package io.tanhe.engine.graph;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Whole-tree operations on {@link Term}s used when building a graph. */
public final class Terms {

    private Terms() {
    }

    /** The names of the nodes a term reads, in first-use order, each once. */
    public static Set<String> dependencies(Term t) {
        Set<String> out = new LinkedHashSet<>();
        collect(t, out);
        return out;
    }

    /** The term with constant subterms folded; {@code constants} gives the values of constant nodes. */
    public static Term fold(Term t, Map<String, Double> constants) {
        return new ConstantFolder(constants).fold(t);
    }

    private static void collect(Term t, Set<String> out) {
        switch (t) {
            case Term.Load l -> out.add(l.node());
            case Term.Available a -> out.add(a.load().node());
            case Term.Covered c -> out.add(c.load().node());
            default -> children(t).forEach(c -> collect(c, out));
        }
    }

    /** The direct subterms of a term (a load's key parts are not terms). */
    public static List<Term> children(Term t) {
        return switch (t) {
            case Term.Const _, Term.Load _, Term.Available _, Term.Covered _ -> List.of();
            case Term.Scale s -> List.of(s.inner());
            case Term.Neg n -> List.of(n.inner());
            case Term.Arith a -> List.of(a.left(), a.right());
            case Term.Compare c -> List.of(c.left(), c.right());
            case Term.Logic l -> List.of(l.left(), l.right());
            case Term.Not n -> List.of(n.inner());
            case Term.If i -> List.of(i.condition(), i.then(), i.otherwise());
            case Term.Aggregate a -> List.of(a.body());
            case Term.Extremum e -> e.operands();
            case Term.Abs a -> List.of(a.inner());
            case Term.Round r -> List.of(r.inner());
        };
    }
}
