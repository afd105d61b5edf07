package io.tanhe.engine.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Folds constant subterms into {@link Term.Const}: literal arithmetic, unit conversions of
 * constants, and loads of {@code const} nodes whose formula is constant. Merges nested scales.
 */
final class ConstantFolder {
    private final Map<String, Double> constants;

    /** @param constants the value of each constant node folded so far, by name */
    ConstantFolder(Map<String, Double> constants) {
        this.constants = constants;
    }

    Term fold(Term t) {
        if (t instanceof Term.Load l && l.key().isEmpty() && constants.containsKey(l.node())) {
            return new Term.Const(constants.get(l.node()), l.unit(), l.span());
        }
        if (t instanceof Term.Scale s) {
            Term inner = fold(s.inner());
            if (inner instanceof Term.Const c) {
                return new Term.Const(c.value() * s.factor(), s.unit(), s.span());
            }
            if (inner instanceof Term.Scale in) {
                return new Term.Scale(in.inner(), in.factor() * s.factor(), s.unit(), s.span());
            }
            return new Term.Scale(inner, s.factor(), s.unit(), s.span());
        }
        if (t instanceof Term.Neg n) {
            Term inner = fold(n.inner());
            return inner instanceof Term.Const c ? new Term.Const(-c.value(), n.unit(), n.span()) : new Term.Neg(inner, n.unit(), n.span());
        }
        if (t instanceof Term.Arith a) {
            return arith(a);
        }
        if (t instanceof Term.Abs a) {
            Term inner = fold(a.inner());
            return inner instanceof Term.Const c ? new Term.Const(Math.abs(c.value()), a.unit(), a.span()) : new Term.Abs(inner, a.unit(), a.span());
        }
        if (t instanceof Term.Round r) {
            Term inner = fold(r.inner());
            return inner instanceof Term.Const c ? new Term.Const(io.tanhe.engine.model.Rounding.halfUp(c.value(), r.digits()), r.unit(), r.span())
                    : new Term.Round(inner, r.digits(), r.unit(), r.span());
        }
        if (t instanceof Term.Compare c) {
            return new Term.Compare(c.op(), fold(c.left()), fold(c.right()), c.span());
        }
        if (t instanceof Term.Logic l) {
            return new Term.Logic(l.and(), fold(l.left()), fold(l.right()), l.span());
        }
        if (t instanceof Term.Not n) {
            return new Term.Not(fold(n.inner()), n.span());
        }
        if (t instanceof Term.If i) {
            return new Term.If(fold(i.condition()), fold(i.then()), fold(i.otherwise()), i.unit(), i.span());
        }
        if (t instanceof Term.Aggregate a) {
            return new Term.Aggregate(a.function(), a.firstSlot(), a.sets(), fold(a.body()), a.unit(), a.span());
        }
        if (t instanceof Term.Extremum e) {
            List<Term> ops = new ArrayList<>();
            e.operands().forEach(o -> ops.add(fold(o)));
            return new Term.Extremum(e.max(), ops, e.unit(), e.span());
        }
        return t;
    }

    private Term arith(Term.Arith a) {
        Term l = fold(a.left());
        Term r = fold(a.right());
        if (l instanceof Term.Const x && r instanceof Term.Const y) {
            double v = switch (a.op()) {
                case ADD -> x.value() + y.value();
                case SUB -> x.value() - y.value();
                case MUL -> x.value() * y.value();
                case DIV -> x.value() / y.value();
                case POW -> Math.pow(x.value(), y.value());
            };
            if (Double.isFinite(v)) {
                return new Term.Const(v, a.unit(), a.span());
            }
        }
        return new Term.Arith(a.op(), l, r, a.unit(), a.span());
    }
}
