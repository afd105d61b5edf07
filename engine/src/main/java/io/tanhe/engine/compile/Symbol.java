package io.tanhe.engine.compile;

import io.tanhe.grammar.ast.Decl;
import io.tanhe.grammar.ast.SourceSpan;

import java.util.List;

/** A declared name of a program, after name resolution. */
public sealed interface Symbol permits Symbol.SetSym, Symbol.Valued,
        Symbol.FormulaSym {

    String name();

    Decl decl();

    default SourceSpan span() {
        return decl().span();
    }

    /** What the symbol is, in words for messages ("factor", "input", "emission"…). */
    String kindWord();

    /** The kind with its article: "a factor", "an input", "an emission". */
    default String withArticle() {
        String w = kindWord();
        return ("aeiou".indexOf(w.charAt(0)) >= 0 ? "an " : "a ") + w;
    }

    /** A symbol with values: a factor, an input or a computed value, indexed by {@code dimensions}. */
    sealed interface Valued extends Symbol permits FactorSym, InputSym, ComputedSym {
        List<SetSym> dimensions();

        String label();
    }

    record SetSym(Decl.SetDecl decl) implements Symbol {
        public String name() {
            return decl.name().text();
        }

        public boolean open() {
            return decl.open();
        }

        public List<String> members() {
            return decl.members().stream().map(m -> m.name().text()).toList();
        }

        public String kindWord() {
            return "set";
        }
    }

    record FactorSym(Decl.FactorDecl decl, List<SetSym> dimensions) implements Valued {
        public FactorSym {
            dimensions = List.copyOf(dimensions);
        }

        public String name() {
            return decl.name().text();
        }

        public String label() {
            return decl.label();
        }

        public String kindWord() {
            return "factor";
        }
    }

    record InputSym(Decl.InputDecl decl, List<SetSym> dimensions) implements Valued {
        public InputSym {
            dimensions = List.copyOf(dimensions);
        }

        public String name() {
            return decl.name().text();
        }

        public String label() {
            return decl.label();
        }

        public String kindWord() {
            return "input";
        }
    }

    record ComputedSym(Decl.ComputedDecl decl, List<SetSym> dimensions) implements Valued {
        public ComputedSym {
            dimensions = List.copyOf(dimensions);
        }

        public String name() {
            return decl.name().text();
        }

        public String label() {
            return decl.label();
        }

        public String kindWord() {
            return decl.kind().keyword();
        }
    }

    record FormulaSym(Decl.FormulaDecl decl) implements Symbol {
        public String name() {
            return decl.name().text();
        }

        public String kindWord() {
            return "formula";
        }
    }
}
