package io.tanhe.engine.compile;

import io.tanhe.grammar.ast.Binding;
import io.tanhe.grammar.ast.Decl;

import java.util.List;

/** What a name in an expression refers to, as the resolver decided. */
public sealed interface Resolution permits Resolution.ToValue, Resolution.ToParameter {

    /**
     * A factor, input or computed value. {@code indices} is empty and {@code whole} true when an
     * indexed name is used without indices as the argument of an aggregate ({@code sum(x)}).
     */
    record ToValue(Symbol.Valued target, List<IndexSel> indices, boolean whole) implements Resolution {
        public ToValue {
            indices = List.copyOf(indices);
        }
    }

    /** A parameter of the formula whose body contains the reference. */
    record ToParameter(Decl.FormulaDecl formula, int position) implements Resolution {
    }

    /** One index of a reference: a bound variable or a fixed member of the dimension's set. */
    sealed interface IndexSel permits Var, Member {
    }

    record Var(Binding binding, Symbol.SetSym set) implements IndexSel {
    }

    record Member(String member, Symbol.SetSym set) implements IndexSel {
    }
}
