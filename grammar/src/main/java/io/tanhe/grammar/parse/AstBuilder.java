package io.tanhe.grammar.parse;

import io.tanhe.grammar.TanheParser;
import io.tanhe.grammar.TanheParser.*;
import io.tanhe.grammar.ast.Binding;
import io.tanhe.grammar.ast.Decl;
import io.tanhe.grammar.ast.Expr;
import io.tanhe.grammar.ast.Header;
import io.tanhe.grammar.ast.Name;
import io.tanhe.grammar.ast.SourceFile;
import io.tanhe.grammar.ast.SourceSpan;
import io.tanhe.grammar.ast.UnitExpr;
import io.tanhe.grammar.diagnostics.Diagnostics;
import io.tanhe.grammar.diagnostics.ErrorCode;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns a parse tree into the immutable AST. When the parser had to recover from syntax errors,
 * statements it could not complete are skipped (their errors are already reported); otherwise
 * every statement becomes a node.
 */
final class AstBuilder {
    private final String path;
    private final Diagnostics diagnostics;
    private final CommentIndex comments;
    private final boolean recovering;

    AstBuilder(String path, Diagnostics diagnostics, CommentIndex comments, boolean recovering) {
        this.path = path;
        this.diagnostics = diagnostics;
        this.comments = comments;
        this.recovering = recovering;
    }

    SourceFile build(FileContext file) {
        Header header = file.header() == null || file.header().exception != null && recovering ? null : safely(() -> header(file.header()));
        List<Decl> decls = new ArrayList<>();
        for (StatementContext st : file.statement()) {
            Decl d = safely(() -> statement(st));
            if (d != null) {
                decls.add(d);
            }
        }
        return new SourceFile(path, header, decls, comments.trailing());
    }

    /** Builds one node; after syntax errors a half-parsed node is dropped rather than guessed. */
    private <T> T safely(java.util.function.Supplier<T> build) {
        if (!recovering) {
            return build.get();
        }
        try {
            return build.get();
        } catch (RuntimeException incomplete) {
            return null;
        }
    }

    // ---- header ----

    private Header header(HeaderContext h) {
        if (h.kind.getType() == TanheParser.TESTS) {
            Name target = h.qualifiedId() == null ? null : name(h.qualifiedId());
            String version = h.version == null ? null : h.version.getType() == TanheParser.STRING ? unquote(h.version) : h.version.getText();
            Header.TestTarget tests = new Header.TestTarget(h.target == null ? null : unquote(h.target), target, version, span(h));
            return new Header(false, target, version, h.version == null ? null : span(h.version), null, null, null, null, null,
                    List.of(), span(h), List.copyOf(comments.of(h)), tests);
        }
        boolean library = h.kind.getType() == TanheParser.LIBRARY;
        Name id = name(h.qualifiedId());
        String version = null;
        SourceSpan versionSpan = null;
        String title = null;
        String source = null;
        LocalDate from = null;
        LocalDate until = null;
        String industry = null;
        List<Header.DuplicateField> duplicates = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (HeaderFieldContext f : h.headerField()) {
            String field = f.getStart().getText();
            if (!seen.add(field)) {
                duplicates.add(new Header.DuplicateField(field, span(f)));
                continue;
            }
            if (f instanceof VersionFieldContext v) {
                version = v.version.getType() == TanheParser.STRING ? unquote(v.version) : v.version.getText();
                versionSpan = span(v.version);
            } else if (f instanceof TitleFieldContext t) {
                title = unquote(t.STRING().getSymbol());
            } else if (f instanceof SourceFieldContext s) {
                source = unquote(s.STRING().getSymbol());
            } else if (f instanceof EffectiveFieldContext e) {
                from = e.from == null ? null : date(e.from);
                until = e.until == null ? null : date(e.until);
            } else if (f instanceof IndustryFieldContext i) {
                industry = i.STRING() != null ? unquote(i.STRING().getSymbol()) : name(i.qualifiedId()).text();
            }
        }
        return new Header(library, id, version, versionSpan, title, source, from, until, industry, duplicates,
                span(h), List.copyOf(comments.of(h)));
    }

    private Name name(QualifiedIdContext q) {
        return new Name(q.getText(), span(q)); // tokens only: whitespace between parts is not kept
    }

    // ---- statements ----

    private Decl statement(StatementContext st) {
        List<String> c = List.copyOf(comments.of(st));
        if (st instanceof ImportStatementContext i) {
            return new Decl.Import(unquote(i.STRING().getSymbol()), span(st), c);
        }
        if (st instanceof FactorTableStatementContext f) {
            return new Decl.FactorTable(unquote(f.STRING().getSymbol()), span(st), c);
        }
        if (st instanceof SetStatementContext s) {
            if (s.setMember().size() > Limits.MAX_SET_MEMBERS) {
                diagnostics.report(ErrorCode.E108, span(s.setMember().get(Limits.MAX_SET_MEMBERS)),
                        "set `" + s.name.getText() + "` has " + s.setMember().size() + " members, more than "
                                + Limits.MAX_SET_MEMBERS, "a set lists fuels, units or sources; keep it under the limit or split it");
            }
            List<Decl.Member> members = s.setMember().stream()
                    .map(m -> new Decl.Member(name(m.IDENT().getSymbol()), label(m.label()))).toList();
            return new Decl.SetDecl(name(s.name), label(s.label()), members, s.LBRACE() == null, span(st), c);
        }
        if (st instanceof FactorStatementContext f) {
            List<Decl.FactorEntry> entries = f.factorBody() == null ? List.of()
                    : f.factorBody().factorEntry().stream().map(this::factorEntry).toList();
            return new Decl.FactorDecl(name(f.name), dimensions(f.dimensions()), unit(f.unit()), label(f.label()),
                    f.basis == null ? null : name(f.basis), entries, span(st), c);
        }
        if (st instanceof InputStatementContext in) {
            Decl.InputKind kind = switch (in.kind.getType()) {
                case TanheParser.COUNTER -> Decl.InputKind.COUNTER;
                case TanheParser.RATE -> Decl.InputKind.RATE;
                default -> Decl.InputKind.PERIOD;
            };
            return new Decl.InputDecl(name(in.name), dimensions(in.dimensions()), unit(in.unit()), kind,
                    in.OPTIONAL() != null, label(in.label()), span(st), c);
        }
        if (st instanceof ComputedStatementContext cs) {
            Decl.ComputedKind kind = Decl.ComputedKind.valueOf(cs.computedKind().getText().toUpperCase(java.util.Locale.ROOT));
            EmissionClassContext ec = cs.emissionClass();
            return new Decl.ComputedDecl(kind, name(cs.name), bindings(cs.bindings()), unit(cs.unit()), label(cs.label()),
                    ec == null ? null : name(ec.cls), ec == null || ec.scope == null ? null : name(ec.scope),
                    expr(cs.expr()), span(st), c);
        }
        if (st instanceof FormulaStatementContext fs) {
            List<Decl.Parameter> params = fs.parameter().stream()
                    .map(p -> new Decl.Parameter(name(p.IDENT().getSymbol()), p.unit() == null ? null : unit(p.unit())))
                    .toList();
            return new Decl.FormulaDecl(name(fs.name), params, fs.unit() == null ? null : unit(fs.unit()),
                    expr(fs.expr()), span(st), c);
        }
        return test((TestBlockContext) st, c);
    }

    private Decl.FactorEntry factorEntry(FactorEntryContext e) {
        LocalDate from = null;
        LocalDate until = null;
        String source = null;
        String clause = null;
        Name confidence = null;
        String note = null;
        List<Header.DuplicateField> duplicates = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (EntryAttributeContext a : e.entryAttribute()) {
            String attribute = a.getStart().getText();
            if (!seen.add(attribute)) {
                duplicates.add(new Header.DuplicateField(attribute, span(a)));
                continue;
            }
            if (a instanceof ValidAttributeContext v) {
                from = date(v.from);
                until = v.until == null ? null : date(v.until);
            } else if (a instanceof SourceAttributeContext s) {
                source = unquote(s.STRING().getSymbol());
            } else if (a instanceof ClauseAttributeContext cl) {
                clause = unquote(cl.STRING().getSymbol());
            } else if (a instanceof ConfidenceAttributeContext conf) {
                confidence = name(conf.IDENT().getSymbol());
            } else if (a instanceof NoteAttributeContext n) {
                note = unquote(n.STRING().getSymbol());
            }
        }
        return new Decl.FactorEntry(key(e.key()), number(e.signedNumber()), e.signedNumber().getText(),
                e.unit() == null ? null : unit(e.unit()), from, until, source, clause, confidence, note, duplicates, span(e),
                List.copyOf(comments.of(e)));
    }

    private Decl.TestDecl test(TestBlockContext t, List<String> c) {
        List<Decl.TestDate> dates = new ArrayList<>();
        List<Decl.TestValue> inputs = new ArrayList<>();
        List<Decl.TestValue> factors = new ArrayList<>();
        List<Decl.Expectation> expectations = new ArrayList<>();
        for (TestStatementContext s : t.testStatement()) {
            if (s instanceof TestDateContext d) {
                dates.add(new Decl.TestDate(date(d.DATE().getSymbol()), span(s), comments.of(s)));
            } else if (s instanceof TestInputContext in) {
                inputs.add(new Decl.TestValue(name(in.IDENT().getSymbol()), key(in.key()), number(in.signedNumber()),
                        in.signedNumber().getText(), in.unit() == null ? null : unit(in.unit()), span(s), comments.of(s)));
            } else if (s instanceof TestFactorContext f) {
                factors.add(new Decl.TestValue(name(f.IDENT().getSymbol()), key(f.key()), number(f.signedNumber()),
                        f.signedNumber().getText(), f.unit() == null ? null : unit(f.unit()), span(s), comments.of(s)));
            } else if (s instanceof TestExpectContext ex) {
                ToleranceContext tol = ex.tolerance();
                expectations.add(new Decl.Expectation(name(ex.IDENT().getSymbol()), key(ex.key()),
                        number(ex.signedNumber()), ex.signedNumber().getText(), ex.unit() == null ? null : unit(ex.unit()),
                        tol == null ? null : decimal(tol.NUMBER().getSymbol()),
                        tol == null ? null : tol.NUMBER().getText(), tol != null && tol.PERCENT() != null,
                        span(s), comments.of(s)));
            }
        }
        return new Decl.TestDecl(unquote(t.STRING().getSymbol()), dates, inputs, factors, expectations, span(t), c);
    }

    private List<Name> dimensions(DimensionsContext d) {
        return d == null ? List.of() : d.IDENT().stream().map(n -> name(n.getSymbol())).toList();
    }

    private List<Name> key(KeyContext k) {
        return k == null ? List.of() : k.IDENT().stream().map(n -> name(n.getSymbol())).toList();
    }

    private List<Binding> bindings(BindingsContext b) {
        return b == null ? List.of() : b.binding().stream().map(this::binding).toList();
    }

    private Binding binding(BindingContext b) {
        return new Binding(name(b.var), name(b.set), span(b));
    }

    // ---- units ----

    private UnitExpr unit(UnitContext u) {
        List<UnitExpr.Product> products = u.unitProduct().stream()
                .map(p -> new UnitExpr.Product(p.unitPower().stream().map(this::power).toList()))
                .toList();
        return new UnitExpr(products, span(u));
    }

    private UnitExpr.Power power(UnitPowerContext p) {
        UnitExpr.Atom atom;
        if (p.unitAtom() instanceof UnitSymbolContext s) {
            atom = new UnitExpr.Symbol(s.IDENT().getText());
        } else if (p.unitAtom() instanceof UnitNumberContext n) {
            atom = new UnitExpr.Number(n.NUMBER().getText());
        } else {
            atom = new UnitExpr.Percent();
        }
        int exponent = 1;
        if (p.NUMBER() != null) {
            exponent = integer(p.NUMBER().getSymbol(), "a unit exponent");
            if (p.MINUS() != null) {
                exponent = -exponent;
            }
        }
        return new UnitExpr.Power(atom, exponent, span(p));
    }

    // ---- expressions ----

    private Expr expr(ExprContext e) {
        SourceSpan s = span(e);
        if (e instanceof PrimaryExprContext p) {
            return primary(p.primary());
        }
        if (e instanceof PowerExprContext p) {
            return new Expr.Binary(Expr.BinaryOp.POW, expr(p.expr(0)), expr(p.expr(1)), s);
        }
        if (e instanceof UnaryExprContext u) {
            return new Expr.Unary(u.op.getType() == TanheParser.MINUS ? Expr.UnaryOp.NEG : Expr.UnaryOp.PLUS, expr(u.expr()), s);
        }
        if (e instanceof MulExprContext m) {
            return new Expr.Binary(m.op.getType() == TanheParser.STAR ? Expr.BinaryOp.MUL : Expr.BinaryOp.DIV,
                    expr(m.expr(0)), expr(m.expr(1)), s);
        }
        if (e instanceof AddExprContext a) {
            return new Expr.Binary(a.op.getType() == TanheParser.PLUS ? Expr.BinaryOp.ADD : Expr.BinaryOp.SUB,
                    expr(a.expr(0)), expr(a.expr(1)), s);
        }
        if (e instanceof CompareExprContext c) {
            return new Expr.Binary(compareOp(c.op.getType()), expr(c.expr(0)), expr(c.expr(1)), s);
        }
        if (e instanceof NotExprContext n) {
            return new Expr.Unary(Expr.UnaryOp.NOT, expr(n.expr()), s);
        }
        if (e instanceof AndExprContext a) {
            return new Expr.Binary(Expr.BinaryOp.AND, expr(a.expr(0)), expr(a.expr(1)), s);
        }
        if (e instanceof OrExprContext o) {
            return new Expr.Binary(Expr.BinaryOp.OR, expr(o.expr(0)), expr(o.expr(1)), s);
        }
        IfExprContext i = (IfExprContext) e;
        return new Expr.If(expr(i.expr(0)), expr(i.expr(1)), expr(i.expr(2)), s);
    }

    private static Expr.BinaryOp compareOp(int type) {
        return switch (type) {
            case TanheParser.LT -> Expr.BinaryOp.LT;
            case TanheParser.LE -> Expr.BinaryOp.LE;
            case TanheParser.GT -> Expr.BinaryOp.GT;
            case TanheParser.GE -> Expr.BinaryOp.GE;
            case TanheParser.EQ -> Expr.BinaryOp.EQ;
            default -> Expr.BinaryOp.NE;
        };
    }

    private Expr primary(PrimaryContext p) {
        SourceSpan s = span(p);
        if (p instanceof RatioLiteralContext r) {
            Expr ratio = new Expr.Binary(Expr.BinaryOp.DIV, numberLit(r.NUMBER(0).getSymbol()),
                    numberLit(r.NUMBER(1).getSymbol()), span(r.NUMBER(0).getSymbol()).to(span(r.NUMBER(1).getSymbol())));
            return new Expr.UnitCast(ratio, unit(r.unitLiteral().unit()), s);
        }
        if (p instanceof NumberLiteralContext n) {
            Expr lit = numberLit(n.NUMBER().getSymbol());
            return n.unitLiteral() == null ? lit : new Expr.UnitCast(lit, unit(n.unitLiteral().unit()), s);
        }
        if (p instanceof ParenExprContext par) {
            Expr inner = new Expr.Paren(expr(par.expr()), par.unitLiteral() == null ? s
                    : span(par.LPAREN().getSymbol()).to(span(par.RPAREN().getSymbol())));
            return par.unitLiteral() == null ? inner : new Expr.UnitCast(inner, unit(par.unitLiteral().unit()), s);
        }
        if (p instanceof CallExprContext c) {
            CallArgumentsContext args = c.callArguments();
            List<Binding> bindings = args == null ? List.of() : args.binding().stream().map(this::binding).toList();
            List<Expr> exprs = args == null ? List.of() : args.expr().stream().map(this::expr).toList();
            return new Expr.Call(name(c.IDENT().getSymbol()), bindings, exprs, s);
        }
        ReferenceExprContext r = (ReferenceExprContext) p;
        List<Name> indices = r.indexArgument().stream().map(a -> name(a.IDENT().getSymbol())).toList();
        return new Expr.Ref(name(r.IDENT().getSymbol()), indices, r.LBRACK() != null, s);
    }

    private Expr.NumberLit numberLit(Token t) {
        return new Expr.NumberLit(decimal(t), t.getText(), span(t));
    }

    // ---- tokens ----

    private BigDecimal number(SignedNumberContext n) {
        BigDecimal v = decimal(n.NUMBER().getSymbol());
        return n.MINUS() != null ? v.negate() : v;
    }

    /** A number literal; one beyond the range of a double (or of any decimal) is E103, read as 0. */
    private BigDecimal decimal(Token t) {
        try {
            BigDecimal v = new BigDecimal(t.getText());
            if (Double.isFinite(v.doubleValue())) {
                return v;
            }
        } catch (NumberFormatException exponentOverflow) {
            // reported below
        }
        diagnostics.report(ErrorCode.E103, span(t), "`" + t.getText() + "` is too large a number",
                "quantities are computed as doubles: keep numbers below 1e308, or use a larger unit");
        return BigDecimal.ZERO;
    }

    private int integer(Token t, String what) {
        try {
            return Integer.parseInt(t.getText());
        } catch (NumberFormatException e) {
            diagnostics.report(ErrorCode.E103, span(t), what + " must be a whole number, not `" + t.getText() + "`",
                    "write an integer such as 2 or -1");
            return 1;
        }
    }

    private LocalDate date(Token t) {
        try {
            return LocalDate.parse(t.getText());
        } catch (DateTimeException e) {
            diagnostics.report(ErrorCode.E103, span(t), "`" + t.getText() + "` is not a calendar date",
                    "write a real date as YYYY-MM-DD");
            return null;
        }
    }

    private String label(LabelContext l) {
        return l == null ? null : unquote(l.STRING().getSymbol());
    }

    private static String unquote(Token t) {
        String s = t.getText();
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 1; i < s.length() - 1; i++) {
            char ch = s.charAt(i);
            if (ch == '\\' && i + 1 < s.length() - 1) {
                char next = s.charAt(++i);
                out.append(switch (next) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> next;
                });
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }

    private Name name(Token t) {
        return new Name(t.getText(), span(t));
    }

    private SourceSpan span(Token t) {
        int len = Math.max(1, t.getText() == null ? 1 : t.getText().length());
        return new SourceSpan(path, t.getLine(), t.getCharPositionInLine() + 1, t.getLine(), t.getCharPositionInLine() + len);
    }

    private SourceSpan span(ParserRuleContext ctx) {
        Token start = ctx.getStart();
        Token stop = ctx.getStop() == null || ctx.getStop().getTokenIndex() < start.getTokenIndex() ? start : ctx.getStop();
        SourceSpan end = span(stop);
        return new SourceSpan(path, start.getLine(), start.getCharPositionInLine() + 1, end.endLine(), end.endColumn());
    }
}
