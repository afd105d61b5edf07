package io.tanhe.engine.graph;

import java.util.LinkedHashSet;
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
        } else if (t instanceof Term.Scale s) {
            collect(s.inner(), out);
        } else if (t instanceof Term.Neg n) {
            collect(n.inner(), out);
        } else if (t instanceof Term.Arith a) {
            collect(a.left(), out);
            collect(a.right(), out);
        } else if (t instanceof Term.Compare c) {
            collect(c.left(), out);
            collect(c.right(), out);
        } else if (t instanceof Term.Logic l) {
            collect(l.left(), out);
            collect(l.right(), out);
        } else if (t instanceof Term.Not n) {
            collect(n.inner(), out);
        } else if (t instanceof Term.If i) {
            collect(i.condition(), out);
            collect(i.then(), out);
            collect(i.otherwise(), out);
        } else if (t instanceof Term.Aggregate a) {
            collect(a.body(), out);
        } else if (t instanceof Term.Extremum e) {
            e.operands().forEach(o -> collect(o, out));
        } else if (t instanceof Term.Abs a) {
            collect(a.inner(), out);
        } else if (t instanceof Term.Round r) {
            collect(r.inner(), out);
        }
    }
}
