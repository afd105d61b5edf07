package io.tanhe.engine.compile;

import io.tanhe.engine.graph.Builtin;
import io.tanhe.engine.graph.Term;
import io.tanhe.engine.units.BaseDimension;
import io.tanhe.engine.units.Dimension;
import io.tanhe.engine.units.Unit;
import io.tanhe.grammar.ast.Binding;
import io.tanhe.grammar.ast.Decl;
import io.tanhe.grammar.ast.Expr;
import io.tanhe.grammar.ast.SourceSpan;
import io.tanhe.grammar.diagnostics.Diagnostics;
import io.tanhe.grammar.diagnostics.ErrorCode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stage 3: gives every value its unit and every formula a typed {@link Term}. Compatible units
 * convert automatically (kWh to MWh, % to 1) through explicit {@link Term.Scale} terms; different
 * dimensions never do, and different substances (tC, tCO2, tCH4, tCO2e) need a factor written in
 * the formula. Formulas are expanded at each call, with their parameters taking the arguments' units.
 */
public final class UnitChecker {
    private static final Unit HOUR = Unit.parse("h");

    private final ResolvedProgram program;
    private final Diagnostics diagnostics = new Diagnostics();
    private final UnitResolver unitResolver = new UnitResolver(diagnostics);
    private final Map<String, Unit> units = new LinkedHashMap<>();
    private final Map<String, Term> terms = new LinkedHashMap<>();
    private final Map<String, Integer> slots = new HashMap<>();
    /** {@code value v : U = round(x, n)} rounds x expressed in U, the unit the reader sees. */
    private Expr.Call outermostRound;
    private Unit outermostRoundUnit;

    private UnitChecker(ResolvedProgram program) {
        this.program = program;
    }

    public static TypedProgram check(ResolvedProgram program) {
        UnitChecker c = new UnitChecker(program);
        c.run();
        return new TypedProgram(program, c.units, c.terms, c.slots, c.diagnostics.sorted());
    }

    private void run() {
        for (Symbol s : program.symbols().values()) {
            switch (s) {
                case Symbol.Valued v -> declaredUnit(v).ifPresent(u -> units.put(v.name(), valueUnit(v, u)));
                case Symbol.FormulaSym f -> checkFormulaUnits(f.decl());
                case Symbol.SetSym _ -> { }
            }
        }
        for (io.tanhe.grammar.ast.SourceFile f : program.loaded().files()) {
            f.declsOf(Decl.TestDecl.class).forEach(this::checkTest);
        }
        for (Symbol.ComputedSym c : program.symbolsOf(Symbol.ComputedSym.class)) {
            computed(c);
        }
    }

    /** A formula's declared units are checked once here, whether or not anything calls it. */
    private void checkFormulaUnits(Decl.FormulaDecl f) {
        f.parameters().stream().filter(p -> p.unit() != null).forEach(p -> unitResolver.resolve(p.unit()));
        if (f.resultUnit() != null) {
            unitResolver.resolve(f.resultUnit());
        }
    }

    private void computed(Symbol.ComputedSym c) {
        Unit declared = units.get(c.name());
        Context ctx = new Context(new IdentityHashMap<>(), List.of(), null);
        List<Binding> bindings = c.decl().bindings();
        for (int i = 0; i < bindings.size(); i++) {
            ctx.slotOf.put(bindings.get(i), i);
        }
        ctx.nextSlot[0] = bindings.size();
        Expr body = c.decl().expr() instanceof Expr.Paren p ? p.inner() : c.decl().expr();
        outermostRound = body instanceof Expr.Call call && program.calls().get(call) == Builtin.ROUND ? call : null;
        outermostRoundUnit = declared;
        Term t = term(c.decl().expr(), ctx);
        if (t == null || declared == null) {
            return;
        }
        if (t.unit() == null) {
            diagnostics.report(ErrorCode.E407, c.decl().expr().span(), c.kindWord() + " `" + c.name()
                    + "` is a condition, not a quantity", "use it inside `if … then … else …`");
            return;
        }
        if (c.decl().kind() == Decl.ComputedKind.CONST && t.unit().isDimensionless() && !declared.isDimensionless()) {
            // `const c_to_co2 : tCO2/tC = 44/12` gives the number its declared unit
            t = new Term.Scale(t, t.unit().scale(), declared, c.decl().expr().span());
        }
        Term converted = convert(t, declared, c.decl().expr().span(), ErrorCode.E401,
                c.kindWord() + " `" + c.name() + "` is declared in " + show(declared) + " but its formula gives " + show(t.unit()));
        if (converted != null) {
            terms.put(c.name(), converted);
            slots.put(c.name(), ctx.maxSlot[0]);
        }
    }

    /** Units written in tests must exist and fit the value they are given for. */
    private void checkTest(Decl.TestDecl t) {
        t.inputs().forEach(v -> {
            if (!givenAsRate(v.name(), v.unit())) {
                checkTestUnit(v.name(), v.unit());
            }
        });
        t.factors().forEach(v -> checkTestUnit(v.name(), v.unit()));
        t.expectations().forEach(e -> checkTestUnit(e.name(), e.unit()));
    }

    /** A test may give a rate input as its rate (12 %, 300 m3/s), held for the test's month, instead of the month's integral. */
    private boolean givenAsRate(io.tanhe.grammar.ast.Name name, io.tanhe.grammar.ast.UnitExpr written) {
        Unit target = units.get(name.text());
        if (written == null || target == null || !(program.symbols().get(name.text()) instanceof Symbol.InputSym i)
                || i.decl().kind() != Decl.InputKind.RATE) {
            return false;
        }
        return unitResolver.resolve(written).map(u -> u.isCompatible(target.divide(HOUR))).orElse(false);
    }

    private void checkTestUnit(io.tanhe.grammar.ast.Name name, io.tanhe.grammar.ast.UnitExpr written) {
        if (written == null) {
            return;
        }
        Optional<Unit> given = unitResolver.resolve(written);
        Unit target = units.get(name.text());
        if (given.isPresent() && target != null && !given.get().isCompatible(target)) {
            diagnostics.report(ErrorCode.E602, written.span(), "test gives `" + name + "` in " + show(given.get())
                    + " but it is held in " + show(target), show(given.get()) + " is " + given.get().dimension().describe()
                    + "; " + show(target) + " is " + target.dimension().describe());
        }
    }

    private Optional<Unit> declaredUnit(Symbol.Valued v) {
        return unitResolver.resolve(switch (v) {
            case Symbol.FactorSym f -> f.decl().unit();
            case Symbol.InputSym i -> i.decl().unit();
            case Symbol.ComputedSym c -> c.decl().unit();
        });
    }

    /** The unit values are held in: a rate is integrated over the period, so kW becomes kW·h. */
    private static Unit valueUnit(Symbol.Valued v, Unit declared) {
        return v instanceof Symbol.InputSym i && i.decl().kind() == Decl.InputKind.RATE ? declared.multiply(HOUR) : declared;
    }

    /** Slots and parameter bindings while typing one formula (and the formulas it calls). */
    private record Context(Map<Binding, Integer> slotOf, List<Term> arguments, Context caller, int[] nextSlot, int[] maxSlot,
                           Symbol.FormulaSym formula) {
        Context(Map<Binding, Integer> slotOf, List<Term> arguments, Context caller) {
            this(slotOf, arguments, caller, new int[]{0}, new int[]{0}, null);
        }

        int allocate() {
            int slot = nextSlot[0]++;
            maxSlot[0] = Math.max(maxSlot[0], nextSlot[0]);
            return slot;
        }
    }

    // ---- terms ----

    private Term term(Expr e, Context ctx) {
        return switch (e) {
            case Expr.NumberLit n -> new Term.Const(n.value().doubleValue(), Unit.ONE, n.span());
            case Expr.Paren p -> term(p.inner(), ctx);
            case Expr.UnitCast u -> unitCast(u, ctx);
            case Expr.Ref r -> ref(r, ctx);
            case Expr.Unary u -> unary(u, ctx);
            case Expr.Binary b -> binary(b, ctx);
            case Expr.If i -> conditional(i, ctx);
            case Expr.Call c -> call(c, ctx);
        };
    }

    private Term unitCast(Expr.UnitCast u, Context ctx) {
        Term inner = term(u.inner(), ctx);
        Optional<Unit> unit = unitResolver.resolve(u.unit());
        if (inner == null || unit.isEmpty() || !quantity(inner)) {
            return null;
        }
        if (!inner.unit().isDimensionless()) {
            diagnostics.report(ErrorCode.E405, u.unit().span(), "`[" + u.unit() + "]` applied to a value that already has unit "
                    + show(inner.unit()), "a unit literal gives a plain number its unit, e.g. `44/12 [tCO2/tC]`");
            return null;
        }
        return new Term.Scale(inner, inner.unit().scale(), unit.get(), u.span());
    }

    private Term ref(Expr.Ref r, Context ctx) {
        return switch (program.refs().get(r)) {
            case null -> null; // unresolved, reported already
            case Resolution.ToParameter p -> ctx.arguments().size() > p.position() ? ctx.arguments().get(p.position()) : null;
            case Resolution.ToValue v when v.whole() -> null; // handled by its aggregate
            case Resolution.ToValue v -> load(r, v, ctx);
        };
    }

    private Term load(Expr.Ref r, Resolution.ToValue v, Context ctx) {
        Unit unit = units.get(v.target().name());
        if (unit == null) {
            return null;
        }
        List<Term.KeyPart> key = new ArrayList<>();
        for (Resolution.IndexSel sel : v.indices()) {
            switch (sel) {
                case Resolution.Var var -> {
                    Integer slot = slotOf(var.binding(), ctx);
                    if (slot == null) {
                        return null;
                    }
                    key.add(new Term.Slot(slot, var.binding().variable().text()));
                }
                case Resolution.Member m -> key.add(new Term.Fixed(m.member()));
            }
        }
        return new Term.Load(v.target().name(), key, unit, r.span());
    }

    private static Integer slotOf(Binding b, Context ctx) {
        for (Context c = ctx; c != null; c = c.caller()) {
            Integer slot = c.slotOf().get(b);
            if (slot != null) {
                return slot;
            }
        }
        return null;
    }

    private Term unary(Expr.Unary u, Context ctx) {
        Term inner = term(u.operand(), ctx);
        if (inner == null) {
            return null;
        }
        if (u.op() == Expr.UnaryOp.NOT) {
            return condition(inner, u.operand().span()) ? new Term.Not(inner, u.span()) : null;
        }
        if (!quantity(inner)) {
            return null;
        }
        return u.op() == Expr.UnaryOp.NEG ? new Term.Neg(inner, inner.unit(), u.span()) : inner;
    }

    private Term binary(Expr.Binary b, Context ctx) {
        Term l = term(b.left(), ctx);
        Term r = term(b.right(), ctx);
        if (l == null || r == null) {
            return null;
        }
        if (b.op().isLogical()) {
            return condition(l, b.left().span()) && condition(r, b.right().span())
                    ? new Term.Logic(b.op() == Expr.BinaryOp.AND, l, r, b.span()) : null;
        }
        if (!quantity(l) || !quantity(r)) {
            return null;
        }
        return switch (b.op()) {
            case MUL -> new Term.Arith(Term.ArithOp.MUL, l, r, l.unit().multiply(r.unit()), b.span());
            case DIV -> new Term.Arith(Term.ArithOp.DIV, l, r, l.unit().divide(r.unit()), b.span());
            case POW -> power(b, l, r);
            case ADD, SUB -> addOrSubtract(b, l, r);
            default -> compare(b, l, r); // the comparisons: logical operators returned above
        };
    }

    private Term addOrSubtract(Expr.Binary b, Term l, Term r) {
        boolean add = b.op() == Expr.BinaryOp.ADD;
        Term rr = convert(r, l.unit(), b.span(), ErrorCode.E402, "cannot " + (add ? "add " : "subtract ")
                + show(r.unit()) + (add ? " to " : " from ") + show(l.unit()));
        return rr == null ? null : new Term.Arith(add ? Term.ArithOp.ADD : Term.ArithOp.SUB, l, rr, l.unit(), b.span());
    }

    private Term compare(Expr.Binary b, Term l, Term r) {
        Term rr = convert(r, l.unit(), b.span(), ErrorCode.E402, "cannot compare " + show(l.unit()) + " with " + show(r.unit()));
        return rr == null ? null : new Term.Compare(Term.CompareOp.valueOf(b.op().name()), l, rr, b.span());
    }

    private Term power(Expr.Binary b, Term base, Term exponent) {
        Integer n = integerConstant(b.right());
        if (n == null || !exponent.unit().isDimensionless()) {
            diagnostics.report(ErrorCode.E404, b.right().span(), "an exponent must be a whole number written in the formula",
                    "write e.g. `x^2`; for other powers the unit would not be defined");
            return null;
        }
        if (!base.unit().canRaiseTo(n)) {
            diagnostics.report(ErrorCode.E404, b.right().span(), powerProblem(base.unit(), n),
                    "no quantity of a methodology needs such a power; its unit would have no meaning");
            return null;
        }
        return new Term.Arith(Term.ArithOp.POW, base, new Term.Const(n, Unit.ONE, b.right().span()), base.unit().pow(n), b.span());
    }

    /** Why {@code unit} cannot be raised to {@code n} (see {@link Unit#canRaiseTo(int)}). */
    static String powerProblem(Unit unit, int n) {
        return Math.abs((long) n) > Unit.MAX_EXPONENT ? "exponent " + n + " is beyond ±" + Unit.MAX_EXPONENT
                : "(" + show(unit) + ")^" + n + " would have a scale beyond what a double holds";
    }

    private static Integer integerConstant(Expr e) {
        Expr x = e instanceof Expr.Paren p ? p.inner() : e;
        boolean negative = false;
        if (x instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NEG) {
            negative = true;
            x = u.operand();
        }
        if (x instanceof Expr.NumberLit n) {
            try {
                int v = n.value().intValueExact();
                return negative ? -v : v;
            } catch (ArithmeticException notInteger) {
                return null;
            }
        }
        return null;
    }

    private Term conditional(Expr.If i, Context ctx) {
        Term c = term(i.condition(), ctx);
        Term t = term(i.then(), ctx);
        Term o = term(i.otherwise(), ctx);
        if (c == null || t == null || o == null || !condition(c, i.condition().span()) || !quantity(t) || !quantity(o)) {
            return null;
        }
        Term oo = convert(o, t.unit(), i.otherwise().span(), ErrorCode.E402, "the branches of `if` differ: "
                + show(t.unit()) + " and " + show(o.unit()));
        return oo == null ? null : new Term.If(c, t, oo, t.unit(), i.span());
    }

    // ---- calls ----

    private Term call(Expr.Call c, Context ctx) {
        return switch (program.calls().get(c)) {
            case Symbol.FormulaSym f -> formula(c, f, ctx);
            case Builtin b -> builtin(c, b, ctx);
            case null, default -> null; // unresolved, reported by the resolver
        };
    }

    private Term builtin(Expr.Call c, Builtin b, Context ctx) {
        return switch (b) {
            case ROUND -> round(c, ctx);
            case AVAILABLE -> c.args().size() == 1 && c.args().get(0) instanceof Expr.Ref r && ref(r, ctx) instanceof Term.Load load
                    ? new Term.Available(load, c.span()) : null;
            case MEAN, COVERED -> rateOf(c, b, ctx);
            case ABS -> {
                Term t = c.args().size() == 1 ? term(c.args().get(0), ctx) : null;
                yield t != null && quantity(t) ? new Term.Abs(t, t.unit(), c.span()) : null;
            }
            case SUM, MIN, MAX -> aggregateOrExtremum(c, b, ctx);
        };
    }

    /**
     * {@code covered(x)} (h) and {@code mean(x)} = {@code x / covered(x)} for a rate input {@code x}:
     * its value is an integral (unit × h), so the mean has the declared unit again.
     */
    private Term rateOf(Expr.Call c, Builtin b, Context ctx) {
        if (c.args().size() != 1 || !(c.args().get(0) instanceof Expr.Ref r) || !(ref(r, ctx) instanceof Term.Load load)) {
            return null;
        }
        if (!(program.symbols().get(load.node()) instanceof Symbol.InputSym i) || i.decl().kind() != Decl.InputKind.RATE) {
            diagnostics.report(ErrorCode.E407, c.args().get(0).span(), "`" + b.keyword() + "` needs a `rate` input; `"
                    + load.node() + "` is not one", "declare it `input " + load.node() + " : <unit> rate`, or read it directly");
            return null;
        }
        Term.Covered covered = new Term.Covered(load, HOUR, c.span());
        return b == Builtin.COVERED ? covered
                : new Term.Arith(Term.ArithOp.DIV, load, covered, load.unit().divide(HOUR), c.span());
    }

    private Term round(Expr.Call c, Context ctx) {
        if (c.args().size() != 2) {
            return null;
        }
        Term inner = term(c.args().get(0), ctx);
        Integer digits = integerConstant(c.args().get(1));
        if (digits == null || digits < 0 || digits > 12) {
            diagnostics.report(ErrorCode.E406, c.args().get(1).span(), "round() needs a whole number of decimals from 0 to 12",
                    "e.g. `round(x, 2)` rounds half-up to 2 decimals");
            return null;
        }
        if (inner == null || !quantity(inner)) {
            return null;
        }
        // Round in a unit a person would read: the declared one for `v : U = round(x, n)`, else the
        // coherent unit of x's dimension (t, GJ, tCO2, 1), never an accidental scale such as x × %.
        Unit target = c == outermostRound && outermostRoundUnit != null && outermostRoundUnit.isCompatible(inner.unit())
                ? outermostRoundUnit : inner.unit().divide(Unit.scalar(inner.unit().scale()));
        double factor = inner.unit().conversionFactor(target);
        Term scaled = factor == 1.0 ? inner : new Term.Scale(inner, factor, target, inner.span());
        return new Term.Round(scaled, digits, target, c.span());
    }

    private Term aggregateOrExtremum(Expr.Call c, Builtin b, Context ctx) {
        if (!c.bindings().isEmpty()) {
            Context inner = new Context(new IdentityHashMap<>(), ctx.arguments(), ctx, ctx.nextSlot(), ctx.maxSlot(), ctx.formula());
            int first = ctx.nextSlot()[0];
            List<String> sets = new ArrayList<>();
            for (Binding bd : c.bindings()) {
                Symbol.SetSym set = program.sets().get(bd);
                if (set == null) {
                    return null;
                }
                inner.slotOf().put(bd, inner.allocate());
                sets.add(set.name());
            }
            Term body = c.args().size() == 1 ? term(c.args().get(0), inner) : null;
            ctx.nextSlot()[0] = first; // the slots are free again after the aggregate
            return body != null && quantity(body) ? new Term.Aggregate(b, first, sets, body, body.unit(), c.span()) : null;
        }
        if (c.args().size() == 1 && program.refs().get(unparen(c.args().get(0))) instanceof Resolution.ToValue v && v.whole()) {
            return whole(c, b, v.target(), ctx);
        }
        if (c.args().isEmpty()) {
            return null; // `sum()`: the resolver reported the missing argument
        }
        List<Term> operands = new ArrayList<>();
        for (Expr a : c.args()) {
            Term t = term(a, ctx);
            if (t == null || !quantity(t)) {
                return null;
            }
            Term converted = operands.isEmpty() ? t : convert(t, operands.get(0).unit(), a.span(), ErrorCode.E402,
                    "the arguments of " + b.keyword() + "() differ: " + show(operands.get(0).unit()) + " and " + show(t.unit()));
            if (converted == null) {
                return null;
            }
            operands.add(converted);
        }
        if (b == Builtin.SUM) {
            Term sum = operands.get(0);
            for (int i = 1; i < operands.size(); i++) {
                sum = new Term.Arith(Term.ArithOp.ADD, sum, operands.get(i), sum.unit(), c.span());
            }
            return sum;
        }
        return operands.size() == 1 ? operands.get(0) : new Term.Extremum(b == Builtin.MAX, operands, operands.get(0).unit(), c.span());
    }

    /** {@code sum(x)}: the aggregate over every key of an indexed value. */
    private Term whole(Expr.Call c, Builtin b, Symbol.Valued target, Context ctx) {
        Unit unit = units.get(target.name());
        if (unit == null) {
            return null;
        }
        int first = ctx.nextSlot()[0];
        List<Term.KeyPart> key = new ArrayList<>();
        List<String> sets = new ArrayList<>();
        for (Symbol.SetSym set : target.dimensions()) {
            int slot = ctx.allocate();
            key.add(new Term.Slot(slot, "#" + slot));
            sets.add(set.name());
        }
        ctx.nextSlot()[0] = first;
        Term.Load load = new Term.Load(target.name(), key, unit, c.args().get(0).span());
        return new Term.Aggregate(b, first, sets, load, unit, c.span());
    }

    private static Expr unparen(Expr e) {
        return e instanceof Expr.Paren p ? unparen(p.inner()) : e;
    }

    private Term formula(Expr.Call c, Symbol.FormulaSym f, Context ctx) {
        Decl.FormulaDecl decl = f.decl();
        if (c.args().size() != decl.parameters().size() || calling(f, ctx)) {
            if (calling(f, ctx)) {
                diagnostics.report(ErrorCode.E500, c.span(), "formula `" + f.name() + "` calls itself", "formulas cannot be recursive");
            }
            return null;
        }
        List<Term> args = new ArrayList<>();
        for (int i = 0; i < c.args().size(); i++) {
            Term a = term(c.args().get(i), ctx);
            if (a == null || !quantity(a)) {
                return null;
            }
            Decl.Parameter p = decl.parameters().get(i);
            if (p.unit() != null) {
                Optional<Unit> want = unitResolver.resolve(p.unit());
                if (want.isEmpty()) {
                    return null;
                }
                a = convert(a, want.get(), c.args().get(i).span(), ErrorCode.E401, "argument `" + p.name() + "` of `" + f.name()
                        + "` must be in " + show(want.get()) + " but is " + show(a.unit()));
                if (a == null) {
                    return null;
                }
            }
            args.add(a);
        }
        Context inner = new Context(new IdentityHashMap<>(), args, ctx, ctx.nextSlot(), ctx.maxSlot(), f);
        Term body = term(decl.body(), inner);
        if (body == null || !quantity(body)) {
            return null;
        }
        if (decl.resultUnit() != null) {
            Optional<Unit> result = unitResolver.resolve(decl.resultUnit());
            return result.isEmpty() ? null : convert(body, result.get(), c.span(), ErrorCode.E401, "formula `" + f.name()
                    + "` is declared to give " + show(result.get()) + " but gives " + show(body.unit()) + " here");
        }
        return body;
    }

    private static boolean calling(Symbol.FormulaSym f, Context ctx) {
        for (Context c = ctx; c != null; c = c.caller()) {
            if (c.formula() == f) {
                return true;
            }
        }
        return false;
    }

    // ---- checks ----

    private boolean quantity(Term t) {
        if (t.unit() == null) {
            diagnostics.report(ErrorCode.E407, t.span(), "a condition is used as a number", "conditions only go after `if`");
            return false;
        }
        return true;
    }

    private boolean condition(Term t, SourceSpan span) {
        if (t.unit() != null) {
            diagnostics.report(ErrorCode.E407, span, "a number is used as a condition",
                    "compare it, e.g. `x > 0 [t]`, or test presence with `available(x)`");
            return false;
        }
        return true;
    }

    private static String show(Unit u) {
        return io.tanhe.engine.units.UnitRegistry.readable(u);
    }

    /** {@code t} expressed in {@code target}, or null after reporting why it cannot be. */
    private Term convert(Term t, Unit target, SourceSpan span, ErrorCode code, String message) {
        if (t.unit().isCompatible(target)) {
            double factor = t.unit().conversionFactor(target);
            return factor == 1.0 ? t : new Term.Scale(t, factor, target, t.span());
        }
        Dimension from = t.unit().dimension();
        Dimension to = target.dimension();
        if (substanceSwap(from, to)) {
            diagnostics.report(ErrorCode.E403, span, message + ": " + from.describe() + " is not " + to.describe(),
                    substanceHint(from, to));
        } else {
            diagnostics.report(code, span, message, show(t.unit()) + " is " + from.describe() + "; "
                    + show(target) + " is " + to.describe());
        }
        return null;
    }

    /** True when the two dimensions differ only in which substance's mass they count. */
    private static boolean substanceSwap(Dimension a, Dimension b) {
        if (a.isNone() || b.isNone()) {
            return false;
        }
        Dimension ratio = a.divide(b);
        int up = 0;
        int down = 0;
        for (Map.Entry<BaseDimension, Integer> e : ratio.exponents().entrySet()) {
            if (e.getKey().substance().isEmpty() && e.getKey() != BaseDimension.MASS) {
                return false;
            }
            if (e.getValue() == 1) {
                up++;
            } else if (e.getValue() == -1) {
                down++;
            } else {
                return false;
            }
        }
        return up == 1 && down == 1;
    }

    private static String substanceHint(Dimension from, Dimension to) {
        String f = from.toString();
        String t = to.toString();
        if (f.contains("mass[C]") && t.contains("mass[CO2]")) {
            return "multiply by 44/12 [tCO2/tC] (molar masses of CO2 and C)";
        }
        if (t.contains("mass[CO2e]")) {
            return "multiply by a GWP factor in tCO2e/t<gas> whose basis (SAR, AR4, AR5, AR6) is declared";
        }
        return "convert with an explicit factor in the formula; substances never convert silently";
    }
}
