package io.tanhe.grammar.format;

import io.tanhe.grammar.ast.Binding;
import io.tanhe.grammar.ast.Decl;
import io.tanhe.grammar.ast.Expr;
import io.tanhe.grammar.ast.Header;
import io.tanhe.grammar.ast.Name;
import io.tanhe.grammar.ast.SourceFile;
import io.tanhe.grammar.ast.UnitExpr;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Prints an AST in the one canonical layout of the language ({@code tanhe fmt}): fixed keyword
 * order, single spaces, two-space indentation, one statement per line, a blank line between
 * statements of different kinds, comments kept above the statement they belong to. Printing the
 * parse of canonical text gives the same text, so its SHA-256 identifies a methodology's content.
 */
public final class CanonicalPrinter {
    private static final String INDENT = "  ";
    private final StringBuilder out = new StringBuilder();

    private CanonicalPrinter() {
    }

    public static String print(SourceFile file) {
        CanonicalPrinter p = new CanonicalPrinter();
        p.file(file);
        return p.out.toString();
    }

    /**
     * One declaration in canonical form without its comments: two declarations that print the same differ
     * only in layout or comments ({@code tanhe diff} relies on this).
     */
    public static String declaration(Decl d) {
        CanonicalPrinter p = new CanonicalPrinter();
        p.decl(d);
        return p.out.toString().strip();
    }

    /** An expression in canonical form (single spaces, the author's parentheses). */
    public static String expression(Expr e) {
        return expr(e);
    }

    private void file(SourceFile f) {
        if (f.header() != null) {
            header(f.header());
        }
        Class<?> previous = Header.class;
        for (Decl d : f.decls()) {
            boolean multiLine = d instanceof Decl.TestDecl || d instanceof Decl.FactorDecl fd && !fd.entries().isEmpty();
            if (out.length() > 0 && (d.getClass() != previous || multiLine || !d.comments().isEmpty())) {
                out.append('\n');
            }
            comments(d.comments(), "");
            decl(d);
            previous = multiLine ? Object.class : d.getClass();
        }
        if (!f.trailingComments().isEmpty()) {
            out.append('\n');
            comments(f.trailingComments(), "");
        }
    }

    private void header(Header h) {
        comments(h.comments(), "");
        out.append(h.library() ? "library " : "methodology ").append(h.id().text()).append('\n');
        if (h.version() != null) {
            out.append(INDENT).append("version ").append(versionText(h.version())).append('\n');
        }
        if (h.title() != null) {
            out.append(INDENT).append("title ").append(quote(h.title())).append('\n');
        }
        if (h.source() != null) {
            out.append(INDENT).append("source ").append(quote(h.source())).append('\n');
        }
        if (h.effectiveFrom() != null || h.effectiveUntil() != null) {
            out.append(INDENT).append("effective");
            if (h.effectiveFrom() != null) {
                out.append(" from ").append(h.effectiveFrom());
            }
            if (h.effectiveUntil() != null) {
                out.append(" until ").append(h.effectiveUntil());
            }
            out.append('\n');
        }
        if (h.industry() != null) {
            out.append(INDENT).append("industry ").append(quote(h.industry())).append('\n');
        }
    }

    private static String versionText(String v) {
        return v.matches("[0-9]+(\\.[0-9]+)*") ? v : quote(v);
    }

    private void decl(Decl d) {
        switch (d) {
            case Decl.Import i -> out.append("import ").append(quote(i.path())).append('\n');
            case Decl.FactorTable t -> out.append("factors ").append(quote(t.path())).append('\n');
            case Decl.SetDecl s -> set(s);
            case Decl.FactorDecl f -> factor(f);
            case Decl.InputDecl in -> input(in);
            case Decl.ComputedDecl c -> computed(c);
            case Decl.FormulaDecl f -> formula(f);
            case Decl.TestDecl t -> test(t);
        }
    }

    private void input(Decl.InputDecl in) {
        out.append("input ").append(in.name().text()).append(dims(in.dimensions())).append(" : ").append(in.unit())
                .append(' ').append(in.kind().name().toLowerCase(java.util.Locale.ROOT));
        if (in.optional()) {
            out.append(" optional");
        }
        label(in.label());
        out.append('\n');
    }

    private void formula(Decl.FormulaDecl f) {
        out.append("formula ").append(f.name().text()).append('(')
                .append(f.parameters().stream().map(p -> p.unit() == null ? p.name().text() : p.name().text() + " : " + p.unit())
                        .collect(Collectors.joining(", ")))
                .append(')');
        if (f.resultUnit() != null) {
            out.append(" : ").append(f.resultUnit());
        }
        out.append(" = ").append(expr(f.body())).append('\n');
    }

    private void set(Decl.SetDecl s) {
        out.append("set ").append(s.name().text());
        label(s.label());
        if (!s.open()) {
            out.append(" {");
            for (int i = 0; i < s.members().size(); i++) {
                Decl.Member m = s.members().get(i);
                out.append(i == 0 ? "\n" : ",\n").append(INDENT).append(m.name().text());
                label(m.label());
            }
            out.append("\n}");
        }
        out.append('\n');
    }

    private void factor(Decl.FactorDecl f) {
        out.append("factor ").append(f.name().text()).append(dims(f.dimensions())).append(" : ").append(f.unit());
        label(f.label());
        if (f.basis() != null) {
            out.append(" basis ").append(f.basis().text());
        }
        if (!f.entries().isEmpty()) {
            out.append(" {\n");
            for (Decl.FactorEntry e : f.entries()) {
                comments(e.comments(), INDENT);
                out.append(INDENT).append("value");
                if (!e.key().isEmpty()) {
                    out.append(key(e.key()));
                }
                out.append(' ').append(e.valueText());
                if (e.unit() != null) {
                    out.append(' ').append(e.unit());
                }
                if (e.validFrom() != null) {
                    out.append(" valid from ").append(e.validFrom());
                    if (e.validUntil() != null) {
                        out.append(" until ").append(e.validUntil());
                    }
                }
                if (e.source() != null) {
                    out.append(" source ").append(quote(e.source()));
                }
                if (e.clause() != null) {
                    out.append(" clause ").append(quote(e.clause()));
                }
                if (e.confidence() != null) {
                    out.append(" confidence ").append(e.confidence().text());
                }
                if (e.note() != null) {
                    out.append(" note ").append(quote(e.note()));
                }
                out.append('\n');
            }
            out.append('}');
        }
        out.append('\n');
    }

    private void computed(Decl.ComputedDecl c) {
        out.append(c.kind().keyword()).append(' ').append(c.name().text());
        if (!c.bindings().isEmpty()) {
            out.append('[').append(c.bindings().stream().map(CanonicalPrinter::binding).collect(Collectors.joining(", "))).append(']');
        }
        out.append(" : ").append(c.unit());
        label(c.label());
        if (c.emissionClass() != null) {
            out.append(" class ").append(c.emissionClass().text());
            if (c.scope() != null) {
                out.append(' ').append(c.scope().text());
            }
        }
        out.append(" =\n").append(INDENT).append(expr(c.expr())).append('\n');
    }

    private void test(Decl.TestDecl t) {
        out.append("test ").append(quote(t.title())).append(" {\n");
        for (Decl.TestDate d : t.dates()) {
            comments(d.comments(), INDENT);
            out.append(INDENT).append("on ").append(d.date()).append('\n');
        }
        for (Decl.TestValue v : t.inputs()) {
            testValue("input", v);
        }
        for (Decl.TestValue v : t.factors()) {
            testValue("factor", v);
        }
        for (Decl.Expectation e : t.expectations()) {
            comments(e.comments(), INDENT);
            out.append(INDENT).append("expect ").append(e.name().text()).append(key(e.key())).append(" = ").append(e.valueText());
            if (e.unit() != null) {
                out.append(' ').append(e.unit());
            }
            if (e.tolerance() != null) {
                out.append(" \u00B1 ").append(e.toleranceText()).append(e.relative() ? "%" : "");
            }
            out.append('\n');
        }
        out.append("}\n");
    }

    private void testValue(String keyword, Decl.TestValue v) {
        comments(v.comments(), INDENT);
        out.append(INDENT).append(keyword).append(' ').append(v.name().text()).append(key(v.key())).append(" = ").append(v.valueText());
        if (v.unit() != null) {
            out.append(' ').append(v.unit());
        }
        out.append('\n');
    }

    private void comments(List<String> comments, String indent) {
        for (String c : comments) {
            for (String line : c.split("\n", -1)) {
                out.append(indent).append(line.strip()).append('\n');
            }
        }
    }

    private void label(String label) {
        if (label != null) {
            out.append(' ').append(quote(label));
        }
    }

    private static String dims(List<Name> dims) {
        return dims.isEmpty() ? "" : "[" + dims.stream().map(Name::text).collect(Collectors.joining(", ")) + "]";
    }

    private static String key(List<Name> key) {
        return key.isEmpty() ? "" : "[" + key.stream().map(Name::text).collect(Collectors.joining(", ")) + "]";
    }

    private static String binding(Binding b) {
        return b.variable().text() + " in " + b.set().text();
    }

    static String quote(String s) {
        StringBuilder q = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\t' -> q.append("\\t");
                default -> q.append(c);
            }
        }
        return q.append('"').toString();
    }

    // ---- expressions: parentheses exactly where the author wrote them (the AST keeps them) ----

    static String expr(Expr e) {
        return switch (e) {
            case Expr.NumberLit n -> n.text();
            case Expr.Paren p -> "(" + expr(p.inner()) + ")";
            case Expr.UnitCast u -> expr(u.inner()) + " [" + u.unit() + "]";
            case Expr.Ref r -> r.indexed() ? r.name().text() + key(r.indices()) : r.name().text();
            case Expr.Call c -> call(c);
            case Expr.Unary u -> u.op().symbol + expr(u.operand());
            case Expr.Binary b -> expr(b.left()) + " " + b.op().symbol + " " + expr(b.right());
            case Expr.If i -> "if " + expr(i.condition()) + " then " + expr(i.then()) + " else " + expr(i.otherwise());
        };
    }

    private static String call(Expr.Call c) {
        String bindings = c.bindings().isEmpty() ? ""
                : c.bindings().stream().map(CanonicalPrinter::binding).collect(Collectors.joining(", ")) + ": ";
        return c.function().text() + "(" + bindings + c.args().stream().map(CanonicalPrinter::expr).collect(Collectors.joining(", ")) + ")";
    }
}
