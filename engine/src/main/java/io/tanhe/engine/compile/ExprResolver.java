package io.tanhe.engine.compile;

import io.tanhe.engine.graph.Builtin;
import io.tanhe.grammar.ast.Binding;
import io.tanhe.grammar.ast.Expr;
import io.tanhe.grammar.ast.Name;
import io.tanhe.grammar.diagnostics.Diagnostics;
import io.tanhe.grammar.diagnostics.ErrorCode;
import io.tanhe.grammar.diagnostics.Spelling;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Resolves the names of one expression tree within a scope of index variables and parameters. */
final class ExprResolver {
    private final Resolver resolver;
    private final Resolver.Scope scope;
    private final Diagnostics diagnostics;

    ExprResolver(Resolver resolver, Resolver.Scope scope) {
        this.resolver = resolver;
        this.scope = scope;
        this.diagnostics = resolver.diagnostics();
    }

    /** @param wholeAllowed whether an indexed name may appear without indices (argument of an aggregate) */
    void resolve(Expr e, boolean wholeAllowed) {
        switch (e) {
            case Expr.Ref r -> ref(r, wholeAllowed);
            case Expr.Call c -> call(c);
            case Expr.UnitCast u -> resolve(u.inner(), false);
            case Expr.Paren p -> resolve(p.inner(), wholeAllowed);
            case Expr.Unary u -> resolve(u.operand(), false);
            case Expr.Binary b -> {
                resolve(b.left(), false);
                resolve(b.right(), false);
            }
            case Expr.If i -> {
                resolve(i.condition(), false);
                resolve(i.then(), false);
                resolve(i.otherwise(), false);
            }
            case Expr.NumberLit _ -> { }
        }
    }

    private void ref(Expr.Ref r, boolean wholeAllowed) {
        String name = r.name().text();
        if (scope.vars().containsKey(name)) {
            diagnostics.report(ErrorCode.E407, r.span(), "index variable `" + name + "` is used as a value",
                    "an index selects a value, e.g. `x[" + name + "]`; it has no value of its own");
            return;
        }
        int param = scope.parameter(name);
        if (param >= 0) {
            if (r.indexed()) {
                diagnostics.report(ErrorCode.E304, r.span(), "parameter `" + name + "` cannot be indexed",
                        "pass the indexed value as the argument instead");
            } else {
                resolver.recordRef(r, new Resolution.ToParameter(scope.formula(), param));
            }
            return;
        }
        Symbol s = resolver.symbols().get(name);
        if (s == null) {
            diagnostics.report(ErrorCode.E300, r.name().span(), "unknown name `" + name + "`", Spelling.hint(name, visibleNames()));
            return;
        }
        resolver.markUsed(name);
        switch (s) {
            case Symbol.SetSym _ -> diagnostics.report(ErrorCode.E407, r.span(), "set `" + name + "` is used as a value",
                    "aggregate over it, e.g. `sum(m in " + name + ": x[m])`");
            case Symbol.FormulaSym _ -> diagnostics.report(ErrorCode.E307, r.span(), "formula `" + name + "` is used without arguments",
                    "call it: `" + name + "(…)`");
            case Symbol.Valued v -> valueRef(r, v, wholeAllowed);
        }
    }

    private void valueRef(Expr.Ref r, Symbol.Valued v, boolean wholeAllowed) {
        String name = v.name();
        int dims = v.dimensions().size();
        int declaredDims = declaredDimensions(v);
        if (declaredDims != dims) {
            return; // an unknown set in its declaration was reported there
        }
        if (!r.indexed() && dims > 0) {
            if (wholeAllowed) {
                resolver.recordRef(r, new Resolution.ToValue(v, List.of(), true));
            } else {
                diagnostics.report(ErrorCode.E305, r.span(), v.kindWord() + " `" + name + "` is indexed by "
                        + dimText(v) + " but used without an index",
                        "write `" + name + "[…]` with a variable bound in `[v in set]`, or aggregate: `sum(" + name + ")`");
            }
            return;
        }
        if (r.indices().size() != dims) {
            diagnostics.report(ErrorCode.E304, r.span(), v.kindWord() + " `" + name + "` has " + dims + " index(es) "
                    + (dims == 0 ? "" : "(" + dimText(v) + ") ") + "but is used with " + r.indices().size(),
                    dims == 0 ? "remove the [ ]" : "write `" + name + "[" + dimText(v) + "]`");
            return;
        }
        List<Resolution.IndexSel> sels = new ArrayList<>();
        for (int i = 0; i < dims; i++) {
            Resolution.IndexSel sel = index(r.indices().get(i), v.dimensions().get(i), v);
            if (sel == null) {
                return;
            }
            sels.add(sel);
        }
        resolver.recordRef(r, new Resolution.ToValue(v, sels, false));
    }

    private Resolution.IndexSel index(Name idx, Symbol.SetSym dim, Symbol.Valued target) {
        String text = idx.text();
        Binding b = scope.vars().get(text);
        if (b != null) {
            Symbol.SetSym varSet = scope.varSets().get(text);
            if (varSet == null) {
                return null; // bound to an unknown set, reported where it is bound
            }
            if (!varSet.name().equals(dim.name())) {
                diagnostics.report(ErrorCode.E306, idx.span(), "`" + text + "` ranges over set `" + varSet.name()
                        + "`, but this index of `" + target.name() + "` is a `" + dim.name() + "`",
                        "use a variable bound to `" + dim.name() + "`");
                return null;
            }
            return new Resolution.Var(b, dim);
        }
        if (dim.members().contains(text)) {
            return new Resolution.Member(text, dim);
        }
        List<String> candidates = new ArrayList<>(scope.vars().keySet());
        candidates.addAll(dim.members());
        String hint = Spelling.hint(text, candidates);
        if (dim.open() && hint.isEmpty()) {
            return new Resolution.Member(text, dim); // members of open sets come from the site
        }
        diagnostics.report(dim.open() ? ErrorCode.E300 : ErrorCode.E303, idx.span(),
                dim.open() ? "unknown index `" + text + "`" : "`" + text + "` is neither an index variable nor a member of set `"
                        + dim.name() + "`", hint.isEmpty() ? "bind it: `[" + text + " in " + dim.name() + "]`" : hint);
        return null;
    }

    private void call(Expr.Call c) {
        String name = c.function().text();
        Optional<Builtin> builtin = Builtin.byKeyword(name);
        if (builtin.isPresent()) {
            builtinCall(c, builtin.get());
            resolver.recordCall(c, builtin.get());
        } else if (resolver.symbols().get(name) instanceof Symbol.FormulaSym f) {
            resolver.markUsed(name);
            formulaCall(c, f);
            resolver.recordCall(c, f);
        } else {
            unknownFunction(c, name);
        }
    }

    private void unknownFunction(Expr.Call c, String name) {
        List<String> candidates = new ArrayList<>(Builtin.keywords());
        resolver.symbols().values().stream().filter(s -> s instanceof Symbol.FormulaSym).forEach(s -> candidates.add(s.name()));
        diagnostics.report(ErrorCode.E307, c.function().span(), "unknown function `" + name + "`",
                Spelling.hint(name, candidates).isEmpty() ? "functions: " + String.join(", ", Builtin.keywords())
                        + ", and the formulas declared with `formula`" : Spelling.hint(name, candidates));
        ExprResolver inner = withUnresolvedBindings(c);
        c.args().forEach(a -> inner.resolve(a, true));
    }

    private void formulaCall(Expr.Call c, Symbol.FormulaSym f) {
        int want = f.decl().parameters().size();
        if (!c.bindings().isEmpty()) {
            diagnostics.report(ErrorCode.E308, c.bindings().get(0).span(), "formula `" + f.name() + "` takes no `v in set:` bindings",
                    "wrap the call: `sum(v in set: " + f.name() + "(…))`");
        }
        if (c.args().size() != want) {
            diagnostics.report(ErrorCode.E308, c.span(), "formula `" + f.name() + "` takes " + want + " argument(s), got " + c.args().size(),
                    "parameters: " + String.join(", ", f.decl().parameters().stream().map(p -> p.name().text()).toList()));
        }
        ExprResolver inner = withUnresolvedBindings(c);
        c.args().forEach(a -> inner.resolve(a, false));
    }

    private void builtinCall(Expr.Call c, Builtin b) {
        if (!c.bindings().isEmpty() && !b.aggregates()) {
            diagnostics.report(ErrorCode.E308, c.bindings().get(0).span(), "`" + b.keyword() + "` takes no `v in set:` bindings",
                    "only sum, min and max range over sets");
        }
        int n = c.args().size();
        boolean aggregateForm = b.aggregates() && (!c.bindings().isEmpty() || n == 1);
        if (n < b.minArgs() || n > b.maxArgs() || b.aggregates() && !c.bindings().isEmpty() && n != 1) {
            diagnostics.report(ErrorCode.E308, c.span(), "`" + b.keyword() + "` takes " + arity(b, !c.bindings().isEmpty())
                    + ", got " + n, usage(b));
        }
        if (b == Builtin.AVAILABLE && n == 1 && !(c.args().get(0) instanceof Expr.Ref)) {
            diagnostics.report(ErrorCode.E407, c.args().get(0).span(), "`available` takes a name such as `x[k]`",
                    "write `available(ncv_measured[f])`");
        }
        if ((b == Builtin.MEAN || b == Builtin.COVERED) && n == 1 && !(c.args().get(0) instanceof Expr.Ref)) {
            diagnostics.report(ErrorCode.E407, c.args().get(0).span(), "`" + b.keyword() + "` takes the name of a rate input such as `x[k]`",
                    "write `" + b.keyword() + "(co2[s])`");
        }
        Resolver.Scope inner = scope;
        for (Binding bd : c.bindings()) {
            if (inner.vars().containsKey(bd.variable().text())) {
                diagnostics.report(ErrorCode.E313, bd.variable().span(), "index variable `" + bd.variable()
                        + "` is already bound here", "choose another name");
                continue;
            }
            Symbol.SetSym set = resolver.set(bd.set());
            if (set != null) {
                resolver.recordBinding(bd, set);
                inner = inner.withVar(bd, set);
            }
        }
        ExprResolver body = inner == scope ? this : new ExprResolver(resolver, inner);
        for (Expr a : c.args()) {
            body.resolve(a, aggregateForm && c.bindings().isEmpty());
        }
    }

    /** Binds a call's variables without sets, so that a wrong call is reported once, not again at every use. */
    private ExprResolver withUnresolvedBindings(Expr.Call c) {
        Resolver.Scope inner = scope;
        for (Binding bd : c.bindings()) {
            inner = inner.withVar(bd, null);
        }
        return inner == scope ? this : new ExprResolver(resolver, inner);
    }

    private static String arity(Builtin b, boolean withBindings) {
        if (b.aggregates() && withBindings) {
            return "one expression after the bindings";
        }
        if (b.minArgs() == b.maxArgs()) {
            return b.minArgs() + " argument(s)";
        }
        return "at least " + b.minArgs() + " argument(s)";
    }

    private static String usage(Builtin b) {
        return switch (b) {
            case SUM -> "sum(f in fuel: e[f]) or sum(e)";
            case MIN, MAX -> b.keyword() + "(a, b) or " + b.keyword() + "(f in fuel: e[f])";
            case ABS -> "abs(x)";
            case ROUND -> "round(x, 2) rounds half-up to 2 decimals";
            case AVAILABLE -> "available(x[k])";
            case MEAN -> "mean(x[k]) of a rate input: its time-weighted mean over the covered part of the bucket";
            case COVERED -> "covered(x[k]) of a rate input: the time its readings cover in the bucket, in h";
        };
    }

    private List<String> visibleNames() {
        List<String> names = new ArrayList<>(scope.vars().keySet());
        if (scope.formula() != null) {
            scope.formula().parameters().forEach(p -> names.add(p.name().text()));
        }
        resolver.symbols().values().stream().filter(s -> s instanceof Symbol.Valued).forEach(s -> names.add(s.name()));
        return names;
    }

    private static int declaredDimensions(Symbol.Valued v) {
        return switch (v) {
            case Symbol.FactorSym f -> f.decl().dimensions().size();
            case Symbol.InputSym i -> i.decl().dimensions().size();
            case Symbol.ComputedSym c -> c.decl().bindings().size();
        };
    }

    private static String dimText(Symbol.Valued v) {
        return String.join(", ", v.dimensions().stream().map(Symbol::name).toList());
    }
}
