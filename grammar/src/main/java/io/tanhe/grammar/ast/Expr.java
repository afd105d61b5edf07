package io.tanhe.grammar.ast;

import java.math.BigDecimal;
import java.util.List;

/** An expression of a formula. Every node knows its source span. */
public sealed interface Expr permits Expr.NumberLit, Expr.UnitCast, Expr.Ref, Expr.Call, Expr.Unary,
        Expr.Binary, Expr.If, Expr.Paren {

    SourceSpan span();

    /** A plain number, dimensionless until a unit literal casts it. */
    record NumberLit(BigDecimal value, String text, SourceSpan span) implements Expr {
    }

    /** {@code 44/12 [tCO2/tC]} or {@code (expr) [unit]}: a dimensionless expression given a unit. */
    record UnitCast(Expr inner, UnitExpr unit, SourceSpan span) implements Expr {
    }

    /** A name, optionally indexed: {@code burned[u, f]}, {@code ef_grid}. */
    record Ref(Name name, List<Name> indices, boolean indexed, SourceSpan span) implements Expr {
        public Ref {
            indices = List.copyOf(indices);
        }
    }

    /** A function or formula call; {@code bindings} are the {@code f in fuel:} prefix of sum-like calls. */
    record Call(Name function, List<Binding> bindings, List<Expr> args, SourceSpan span) implements Expr {
        public Call {
            bindings = List.copyOf(bindings);
            args = List.copyOf(args);
        }
    }

    record Unary(UnaryOp op, Expr operand, SourceSpan span) implements Expr {
    }

    record Binary(BinaryOp op, Expr left, Expr right, SourceSpan span) implements Expr {
    }

    /** {@code if c then a else b}; the condition is a comparison, a logical expression or {@code available(x)}. */
    record If(Expr condition, Expr then, Expr otherwise, SourceSpan span) implements Expr {
    }

    /** Parentheses, kept so that {@code fmt} reproduces the author's grouping. */
    record Paren(Expr inner, SourceSpan span) implements Expr {
    }

    enum UnaryOp {
        NEG("-"), PLUS("+"), NOT("not ");

        public final String symbol;

        UnaryOp(String symbol) {
            this.symbol = symbol;
        }
    }

    enum BinaryOp {
        POW("^", 6), MUL("*", 5), DIV("/", 5), ADD("+", 4), SUB("-", 4),
        LT("<", 3), LE("<=", 3), GT(">", 3), GE(">=", 3), EQ("==", 3), NE("!=", 3),
        AND("and", 2), OR("or", 1);

        public final String symbol;
        public final int precedence;

        BinaryOp(String symbol, int precedence) {
            this.symbol = symbol;
            this.precedence = precedence;
        }

        public boolean isComparison() {
            return precedence == 3;
        }

        public boolean isLogical() {
            return this == AND || this == OR;
        }
    }
}
