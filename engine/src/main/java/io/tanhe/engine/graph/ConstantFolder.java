package io.tanhe.engine.graph;

import io.tanhe.engine.model.Rounding;
import io.tanhe.engine.units.Unit;
import io.tanhe.grammar.ast.SourceSpan;

import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;

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
        return switch (t) {
            case Term.Load l when l.key().isEmpty() && constants.containsKey(l.node()) ->
                    new Term.Const(constants.get(l.node()), l.unit(), l.span());
            case Term.Const _, Term.Load _, Term.Available _, Term.Covered _ -> t;
            case Term.Scale s -> scale(s);
            case Term.Neg n -> unary(n.inner(), v -> -v, x -> new Term.Neg(x, n.unit(), n.span()), n.unit(), n.span());
            case Term.Arith a -> arith(a);
            case Term.Abs a -> unary(a.inner(), Math::abs, x -> new Term.Abs(x, a.unit(), a.span()), a.unit(), a.span());
            case Term.Round r -> unary(r.inner(), v -> Rounding.halfUp(v, r.digits()),
                    x -> new Term.Round(x, r.digits(), r.unit(), r.span()), r.unit(), r.span());
            case Term.Compare c -> new Term.Compare(c.op(), fold(c.left()), fold(c.right()), c.span());
            case Term.Logic l -> new Term.Logic(l.and(), fold(l.left()), fold(l.right()), l.span());
            case Term.Not n -> new Term.Not(fold(n.inner()), n.span());
            case Term.If i -> new Term.If(fold(i.condition()), fold(i.then()), fold(i.otherwise()), i.unit(), i.span());
            case Term.Aggregate a -> new Term.Aggregate(a.function(), a.firstSlot(), a.sets(), fold(a.body()), a.unit(), a.span());
            case Term.Extremum e -> new Term.Extremum(e.max(), e.operands().stream().map(this::fold).toList(), e.unit(), e.span());
        };
    }

    /** {@code inner} folded: a constant becomes {@code op(value)}, anything else is rebuilt around it. */
    private Term unary(Term inner, DoubleUnaryOperator op, UnaryOperator<Term> rebuild, Unit unit, SourceSpan span) {
        Term folded = fold(inner);
        return folded instanceof Term.Const c ? new Term.Const(op.applyAsDouble(c.value()), unit, span) : rebuild.apply(folded);
    }

    private Term scale(Term.Scale s) {
        return switch (fold(s.inner())) {
            case Term.Const c -> new Term.Const(c.value() * s.factor(), s.unit(), s.span());
            case Term.Scale in -> new Term.Scale(in.inner(), in.factor() * s.factor(), s.unit(), s.span());
            case Term inner -> new Term.Scale(inner, s.factor(), s.unit(), s.span());
        };
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
