package io.tanhe.engine.graph;

import io.tanhe.engine.units.Unit;
import io.tanhe.grammar.ast.SourceSpan;

import java.util.List;

/**
 * A formula after unit checking: names resolved to graph nodes, index variables to slots of the
 * key being computed, formulas inlined, unit conversions made explicit as {@link Scale}. Every
 * numeric term knows its unit; conditions have {@code unit() == null}.
 */
public sealed interface Term permits Term.Const, Term.Load, Term.Scale, Term.Neg, Term.Arith, Term.Compare,
        Term.Logic, Term.Not, Term.If, Term.Aggregate, Term.Extremum, Term.Abs, Term.Round, Term.Available,
        Term.Covered {

    Unit unit();

    SourceSpan span();

    /** One part of a key: the member bound to a slot, or a fixed member written in the formula. */
    sealed interface KeyPart permits Slot, Fixed {
    }

    record Slot(int index, String variable) implements KeyPart {
    }

    record Fixed(String member) implements KeyPart {
    }

    record Const(double value, Unit unit, SourceSpan span) implements Term {
    }

    /**
     * The value of node {@code node} at the key made of {@code key}; its unit is the node's value unit.
     * {@code sum(x)} over every key of {@code x} is an {@link Aggregate} whose body loads {@code x} at its slots.
     */
    record Load(String node, List<KeyPart> key, Unit unit, SourceSpan span) implements Term {
        public Load {
            key = List.copyOf(key);
        }
    }

    /** A unit conversion: {@code inner × factor}, now in {@code unit}. */
    record Scale(Term inner, double factor, Unit unit, SourceSpan span) implements Term {
    }

    record Neg(Term inner, Unit unit, SourceSpan span) implements Term {
    }

    enum ArithOp { ADD, SUB, MUL, DIV, POW }

    /** Arithmetic; operands of ADD and SUB are already in one unit. For POW the right side is a constant. */
    record Arith(ArithOp op, Term left, Term right, Unit unit, SourceSpan span) implements Term {
    }

    enum CompareOp { LT, LE, GT, GE, EQ, NE }

    record Compare(CompareOp op, Term left, Term right, SourceSpan span) implements Term {
        public Unit unit() {
            return null;
        }
    }

    record Logic(boolean and, Term left, Term right, SourceSpan span) implements Term {
        public Unit unit() {
            return null;
        }
    }

    record Not(Term inner, SourceSpan span) implements Term {
        public Unit unit() {
            return null;
        }
    }

    record If(Term condition, Term then, Term otherwise, Unit unit, SourceSpan span) implements Term {
    }

    /**
     * {@code sum/min/max(v in set: body)}: {@code body} is evaluated with each member of each set
     * bound to the slots {@code firstSlot …}. Keys where the body has no value are skipped.
     */
    record Aggregate(Builtin function, int firstSlot, List<String> sets, Term body, Unit unit, SourceSpan span) implements Term {
        public Aggregate {
            sets = List.copyOf(sets);
        }
    }

    /** {@code min(a, b, …)} or {@code max(a, b, …)} of operands already in one unit. */
    record Extremum(boolean max, List<Term> operands, Unit unit, SourceSpan span) implements Term {
        public Extremum {
            operands = List.copyOf(operands);
        }
    }

    record Abs(Term inner, Unit unit, SourceSpan span) implements Term {
    }

    /** Half-up rounding to {@code digits} decimals of the value in its own unit. */
    record Round(Term inner, int digits, Unit unit, SourceSpan span) implements Term {
    }

    /** True when {@code load} has a value (an optional input was supplied, a factor has a value). */
    record Available(Load load, SourceSpan span) implements Term {
        public Unit unit() {
            return null;
        }
    }

    /**
     * The time within the bucket that readings of the rate input {@code load} cover, in {@code unit}
     * (h). {@code mean(x)} is {@code x / covered(x)}: the integral over the covered time.
     */
    record Covered(Load load, Unit unit, SourceSpan span) implements Term {
    }
}
