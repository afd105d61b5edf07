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
        if (t instanceof Term.Load l) {
            out.add(l.node());
        } else if (t instanceof Term.Available a) {
            out.add(a.load().node());
        } else {
            children(t).forEach(c -> collect(c, out));
        }
    }

    /** The direct subterms of a term (a load's key parts are not terms). */
    public static List<Term> children(Term t) {
        if (t instanceof Term.Scale s) {
            return List.of(s.inner());
        } else if (t instanceof Term.Neg n) {
            return List.of(n.inner());
        } else if (t instanceof Term.Arith a) {
            return List.of(a.left(), a.right());
        } else if (t instanceof Term.Compare c) {
            return List.of(c.left(), c.right());
        } else if (t instanceof Term.Logic l) {
            return List.of(l.left(), l.right());
        } else if (t instanceof Term.Not n) {
            return List.of(n.inner());
        } else if (t instanceof Term.If i) {
            return List.of(i.condition(), i.then(), i.otherwise());
        } else if (t instanceof Term.Aggregate a) {
            return List.of(a.body());
        } else if (t instanceof Term.Extremum e) {
            return e.operands();
        } else if (t instanceof Term.Abs a) {
            return List.of(a.inner());
        } else if (t instanceof Term.Round r) {
            return List.of(r.inner());
        }
        return List.of();
    }
}
