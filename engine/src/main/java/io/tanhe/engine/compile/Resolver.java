package io.tanhe.engine.compile;

import io.tanhe.engine.graph.Builtin;
import io.tanhe.engine.model.EmissionClass;
import io.tanhe.grammar.ast.Binding;
import io.tanhe.grammar.ast.Decl;
import io.tanhe.grammar.ast.Expr;
import io.tanhe.grammar.ast.Header;
import io.tanhe.grammar.ast.Name;
import io.tanhe.grammar.ast.SourceFile;
import io.tanhe.grammar.ast.SourceSpan;
import io.tanhe.grammar.diagnostics.Diagnostics;
import io.tanhe.grammar.diagnostics.ErrorCode;
import io.tanhe.grammar.diagnostics.Spelling;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stage 2: declares every name of the program (imports included), checks the header, and
 * resolves every reference, call and index in the formulas and tests. Reports every problem it
 * finds; unresolved references are left out of the result and later stages skip them.
 */
public final class Resolver {
    static final Set<String> CONFIDENCES = Set.of("A", "B", "C", "U", "SITE");
    static final Set<String> GWP_BASES = Set.of("SAR", "TAR", "AR4", "AR5", "AR6");

    private final LoadedProgram program;
    private final Diagnostics diagnostics = new Diagnostics();
    private final Map<String, Symbol> symbols = new LinkedHashMap<>();
    private final Map<Expr.Ref, Resolution> refs = new IdentityHashMap<>();
    private final Map<Expr.Call, Object> calls = new IdentityHashMap<>();
    private final Map<Binding, Symbol.SetSym> sets = new IdentityHashMap<>();
    private final Set<String> used = new HashSet<>();

    private Resolver(LoadedProgram program) {
        this.program = program;
    }

    public static ResolvedProgram resolve(LoadedProgram program) {
        Resolver r = new Resolver(program);
        r.run();
        return new ResolvedProgram(program, program.main().header(), r.symbols, r.refs, r.calls, r.sets,
                r.diagnostics.sorted());
    }

    private void run() {
        for (SourceFile f : program.files()) {
            new HeaderCheck(diagnostics).check(f, f == program.main());
        }
        for (SourceFile f : program.files()) {
            declare(f);
        }
        for (SourceFile f : program.files()) {
            for (Decl d : f.decls()) {
                resolveDecl(d);
            }
        }
        for (SourceFile f : program.files()) {
            for (Decl.TestDecl t : f.declsOf(Decl.TestDecl.class)) {
                new TestCheck(this).check(t, f.header() == null ? null : f.header().effectiveFrom());
            }
        }
        warnUnused(program.main());
    }

    // ---- declaration ----

    private void declare(SourceFile f) {
        for (Decl d : f.decls()) {
            Symbol s = symbol(d);
            if (s == null) {
                continue;
            }
            Symbol earlier = symbols.get(s.name());
            if (earlier != null) {
                diagnostics.report(ErrorCode.E301, nameSpan(d), "`" + s.name() + "` is already declared as "
                        + earlier.withArticle() + " at " + earlier.span(), "rename one of them");
            } else if (Builtin.byKeyword(s.name()).isPresent()) {
                diagnostics.report(ErrorCode.E301, nameSpan(d), "`" + s.name() + "` is the name of a built-in function",
                        "choose another name");
            } else {
                symbols.put(s.name(), s);
            }
        }
        // Dimensions need every set declared, so they are attached in a second pass.
        for (Decl d : f.decls()) {
            Symbol declared = symbols.get(d.displayName());
            if (declared == null || declared.decl() != d) {
                continue; // not a name, or a second declaration of one (reported above)
            }
            switch (declared) {
                case Symbol.FactorSym fs -> symbols.put(fs.name(), new Symbol.FactorSym(fs.decl(), dimensions(fs.decl().dimensions())));
                case Symbol.InputSym is -> symbols.put(is.name(), new Symbol.InputSym(is.decl(), dimensions(is.decl().dimensions())));
                case Symbol.ComputedSym cs -> symbols.put(cs.name(), new Symbol.ComputedSym(cs.decl(), bindingSets(cs.decl().bindings())));
                case Symbol.SetSym _, Symbol.FormulaSym _ -> { }
            }
            checkCombinations(symbols.get(d.displayName()));
        }
    }

    /** E108: an indexed declaration holds a value per combination of members; a million of them exhausts the heap. */
    private void checkCombinations(Symbol s) {
        List<Symbol.SetSym> dims = switch (s) {
            case Symbol.FactorSym fs -> fs.dimensions();
            case Symbol.InputSym is -> is.dimensions();
            case Symbol.ComputedSym cs -> cs.dimensions();
            case null, default -> List.of();
        };
        long combinations = 1;
        for (Symbol.SetSym set : dims) {
            combinations *= Math.max(1, set.decl().members().size());
            if (combinations > io.tanhe.grammar.parse.Limits.MAX_COMBINATIONS) {
                diagnostics.report(ErrorCode.E108, nameSpan(s.decl()), "`" + s.name() + "` ranges over more than "
                        + io.tanhe.grammar.parse.Limits.MAX_COMBINATIONS + " combinations of "
                        + dims.stream().map(Symbol::name).collect(java.util.stream.Collectors.joining(" × ")),
                        "index it by fewer or smaller sets");
                return;
            }
        }
    }

    /** The symbol a declaration declares, without dimensions yet; null for imports, factor tables and tests. */
    private Symbol symbol(Decl d) {
        return switch (d) {
            case Decl.SetDecl set -> {
                checkMembers(set);
                yield new Symbol.SetSym(set);
            }
            case Decl.FactorDecl fd -> new Symbol.FactorSym(fd, List.of());
            case Decl.InputDecl in -> new Symbol.InputSym(in, List.of());
            case Decl.ComputedDecl c -> new Symbol.ComputedSym(c, List.of());
            case Decl.FormulaDecl fo -> new Symbol.FormulaSym(fo);
            case Decl.Import _, Decl.FactorTable _, Decl.TestDecl _ -> null;
        };
    }

    private void checkMembers(Decl.SetDecl set) {
        Set<String> seen = new HashSet<>();
        for (Decl.Member m : set.members()) {
            if (!seen.add(m.name().text())) {
                diagnostics.report(ErrorCode.E301, m.name().span(), "member `" + m.name() + "` appears twice in set `"
                        + set.name() + "`", "remove the second one");
            }
        }
    }

    private List<Symbol.SetSym> dimensions(List<Name> names) {
        List<Symbol.SetSym> dims = new ArrayList<>();
        for (Name n : names) {
            Symbol.SetSym set = set(n);
            if (set != null) {
                dims.add(set);
            }
        }
        return dims.size() == names.size() ? dims : List.of();
    }

    private List<Symbol.SetSym> bindingSets(List<Binding> bindings) {
        List<Symbol.SetSym> dims = new ArrayList<>();
        Set<String> vars = new HashSet<>();
        for (Binding b : bindings) {
            if (!vars.add(b.variable().text())) {
                diagnostics.report(ErrorCode.E313, b.variable().span(), "index variable `" + b.variable() + "` is bound twice",
                        "give each dimension its own variable");
            }
            Symbol.SetSym set = set(b.set());
            if (set != null) {
                sets.put(b, set);
                dims.add(set);
            }
        }
        return dims.size() == bindings.size() ? dims : List.of();
    }

    Symbol.SetSym set(Name n) {
        if (symbols.get(n.text()) instanceof Symbol.SetSym s) {
            used.add(s.name());
            return s;
        }
        List<String> setNames = symbols.values().stream().filter(s -> s instanceof Symbol.SetSym).map(Symbol::name).toList();
        String what = symbols.containsKey(n.text()) ? "`" + n + "` is " + symbols.get(n.text()).withArticle() + ", not a set"
                : "unknown set `" + n + "`";
        diagnostics.report(ErrorCode.E302, n.span(), what, Spelling.hint(n.text(), setNames));
        return null;
    }

    // ---- declarations' bodies ----

    private void resolveDecl(Decl d) {
        switch (d) {
            case Decl.ComputedDecl c -> resolveComputed(c);
            case Decl.FormulaDecl f -> resolveFormula(f);
            case Decl.FactorDecl f -> checkFactor(f);
            case Decl.Import _, Decl.FactorTable _, Decl.SetDecl _, Decl.InputDecl _, Decl.TestDecl _ -> { }
        }
    }

    private void resolveComputed(Decl.ComputedDecl c) {
        checkClass(c);
        Scope scope = Scope.ROOT;
        for (Binding b : c.bindings()) {
            scope = scope.withVar(b, sets.get(b)); // null set: reported already; the variable still exists
        }
        new ExprResolver(this, scope).resolve(c.expr(), false);
    }

    private void resolveFormula(Decl.FormulaDecl f) {
        Scope scope = Scope.ROOT.inFormula(f);
        Set<String> seen = new HashSet<>();
        for (Decl.Parameter p : f.parameters()) {
            if (!seen.add(p.name().text())) {
                diagnostics.report(ErrorCode.E313, p.name().span(), "parameter `" + p.name() + "` is declared twice",
                        "rename one of them");
            }
        }
        new ExprResolver(this, scope).resolve(f.body(), false);
    }

    private void checkClass(Decl.ComputedDecl c) {
        if (c.kind() != Decl.ComputedKind.EMISSION) {
            if (c.emissionClass() != null) {
                diagnostics.report(ErrorCode.E315, c.emissionClass().span(), "only an emission has a class; `" + c.name()
                        + "` is " + (c.kind() == Decl.ComputedKind.VALUE ? "a value" : "a " + c.kind().keyword()), "declare it with `emission`, or remove `class …`");
            }
            return;
        }
        if (c.emissionClass() == null) {
            diagnostics.report(ErrorCode.E311, c.name().span(), "emission `" + c.name() + "` has no class",
                    "add `class <c>` before `=`, one of: " + String.join(", ", EmissionClass.keywords()));
        } else if (EmissionClass.byKeyword(c.emissionClass().text()).isEmpty()) {
            String hint = Spelling.hint(c.emissionClass().text(), EmissionClass.keywords());
            diagnostics.report(ErrorCode.E311, c.emissionClass().span(), "unknown emission class `" + c.emissionClass() + "`",
                    hint.isEmpty() ? "one of: " + String.join(", ", EmissionClass.keywords()) : hint);
        }
        if (c.scope() != null && !Set.of("direct", "indirect").contains(c.scope().text())) {
            diagnostics.report(ErrorCode.E312, c.scope().span(), "scope must be `direct` or `indirect`, not `" + c.scope() + "`",
                    Spelling.hint(c.scope().text(), List.of("direct", "indirect")));
        }
    }

    private void checkFactor(Decl.FactorDecl f) {
        if (f.basis() != null && !GWP_BASES.contains(f.basis().text())) {
            diagnostics.report(ErrorCode.E312, f.basis().span(), "unknown GWP basis `" + f.basis() + "`",
                    "one of SAR, TAR, AR4, AR5, AR6");
        }
        Symbol.FactorSym sym = symbols.get(f.name().text()) instanceof Symbol.FactorSym s && s.decl() == f ? s : null;
        for (Decl.FactorEntry e : f.entries()) {
            for (Header.DuplicateField d : e.duplicates()) {
                diagnostics.report(ErrorCode.E312, d.span(), "`" + d.field() + "` is written twice for this value of factor `"
                        + f.name() + "`; the first one counts", "keep one");
            }
            if (e.confidence() != null && !CONFIDENCES.contains(e.confidence().text())) {
                diagnostics.report(ErrorCode.E312, e.confidence().span(), "unknown confidence `" + e.confidence() + "`",
                        "one of A (two sources agree), B (one source), C (doubtful), U (unconfirmed), SITE (plant's own)");
            }
            if (sym != null && sym.dimensions().size() == f.dimensions().size()) {
                checkKey(e.key(), sym.dimensions(), e.span(), "value of factor `" + f.name() + "`");
            }
        }
    }

    /** Checks that a literal key (test values, factor entries) fits the dimensions. */
    boolean checkKey(List<Name> key, List<Symbol.SetSym> dims, SourceSpan at, String what) {
        return checkKey(key, dims, at, what, ErrorCode.E314);
    }

    /** As above, reporting a wrong number of key parts with {@code arityCode} (E602 in tests). */
    boolean checkKey(List<Name> key, List<Symbol.SetSym> dims, SourceSpan at, String what, ErrorCode arityCode) {
        if (key.size() != dims.size()) {
            diagnostics.report(arityCode, at, what + " has " + key.size() + " key part(s) but needs " + dims.size(),
                    dims.isEmpty() ? "remove the [key]" : "write [" + String.join(", ", dims.stream().map(Symbol::name).toList()) + "]");
            return false;
        }
        boolean ok = true;
        for (int i = 0; i < key.size(); i++) {
            Symbol.SetSym set = dims.get(i);
            if (!set.open() && !set.members().contains(key.get(i).text())) {
                diagnostics.report(ErrorCode.E303, key.get(i).span(), "`" + key.get(i) + "` is not a member of set `"
                        + set.name() + "`", Spelling.hint(key.get(i).text(), set.members()));
                ok = false;
            }
        }
        return ok;
    }

    // ---- shared with the helpers ----

    Diagnostics diagnostics() {
        return diagnostics;
    }

    Map<String, Symbol> symbols() {
        return symbols;
    }

    void markUsed(String name) {
        used.add(name);
    }

    void recordRef(Expr.Ref ref, Resolution r) {
        refs.put(ref, r);
    }

    void recordCall(Expr.Call call, Object target) {
        calls.put(call, target);
    }

    void recordBinding(Binding b, Symbol.SetSym set) {
        sets.put(b, set);
    }

    // ---- warnings ----

    private void warnUnused(SourceFile main) {
        if (main.header() != null && main.header().library()) {
            return; // a library declares for the methodologies that import it
        }
        for (Decl d : main.decls()) {
            Symbol s = symbols.get(d.displayName());
            if (s == null || s.decl() != d || used.contains(s.name())) {
                continue;
            }
            switch (s) {
                case Symbol.FactorSym _ -> diagnostics.report(ErrorCode.W001, nameSpan(d), "factor `" + s.name() + "` is never used",
                        "remove it or use it in a formula");
                case Symbol.InputSym _ -> diagnostics.report(ErrorCode.W002, nameSpan(d), "input `" + s.name() + "` is never used",
                        "remove it or use it in a formula");
                case Symbol.SetSym _ -> diagnostics.report(ErrorCode.W005, nameSpan(d), "set `" + s.name() + "` indexes nothing", "remove it");
                case Symbol.ComputedSym _, Symbol.FormulaSym _ -> { }
            }
        }
    }

    static SourceSpan nameSpan(Decl d) {
        return switch (d) {
            case Decl.SetDecl s -> s.name().span();
            case Decl.FactorDecl f -> f.name().span();
            case Decl.InputDecl i -> i.name().span();
            case Decl.ComputedDecl c -> c.name().span();
            case Decl.FormulaDecl f -> f.name().span();
            case Decl.Import _, Decl.FactorTable _, Decl.TestDecl _ -> d.span();
        };
    }

    /** The names visible at a point of a formula: index variables and, inside a formula, its parameters. */
    record Scope(Map<String, Binding> vars, Map<String, Symbol.SetSym> varSets, Decl.FormulaDecl formula) {
        static final Scope ROOT = new Scope(Map.of(), Map.of(), null);

        Scope withVar(Binding b, Symbol.SetSym set) {
            Map<String, Binding> v = new LinkedHashMap<>(vars);
            Map<String, Symbol.SetSym> s = new LinkedHashMap<>(varSets);
            v.put(b.variable().text(), b);
            s.put(b.variable().text(), set);
            return new Scope(v, s, formula);
        }

        Scope inFormula(Decl.FormulaDecl f) {
            return new Scope(vars, varSets, f);
        }

        int parameter(String name) {
            if (formula == null) {
                return -1;
            }
            for (int i = 0; i < formula.parameters().size(); i++) {
                if (formula.parameters().get(i).name().text().equals(name)) {
                    return i;
                }
            }
            return -1;
        }
    }

    /** Header rules: required fields, duplicates, the effective period, what a library may contain. */
    private record HeaderCheck(Diagnostics diagnostics) {
        void check(SourceFile f, boolean isMain) {
            Header h = f.header();
            if (h == null) {
                return; // the parser reported why
            }
            for (Header.DuplicateField d : h.duplicates()) {
                diagnostics.report(ErrorCode.E200, d.span(), "header field `" + d.field() + "` is written twice", "keep one");
            }
            List<String> missing = new ArrayList<>();
            if (h.version() == null) {
                missing.add("version");
            }
            if (!h.library()) {
                if (h.title() == null) {
                    missing.add("title");
                }
                if (h.source() == null) {
                    missing.add("source");
                }
                if (h.industry() == null) {
                    missing.add("industry");
                }
            }
            if (!missing.isEmpty()) {
                diagnostics.report(ErrorCode.E201, h.id().span(), (h.library() ? "library" : "methodology") + " `" + h.id()
                        + "` lacks " + String.join(", ", missing), "add them after the id, e.g. `version 2022.1`");
            }
            if (h.effectiveFrom() != null && h.effectiveUntil() != null && !h.effectiveUntil().isAfter(h.effectiveFrom())) {
                diagnostics.report(ErrorCode.E202, h.span(), "effective period ends (" + h.effectiveUntil()
                        + ") before it starts (" + h.effectiveFrom() + ")", "`until` is exclusive and must be after `from`");
            }
            if (!isMain && !h.library()) {
                diagnostics.report(ErrorCode.E315, h.span(), "`" + f.path() + "` is imported but is a methodology",
                        "only `library` files can be imported");
            }
            if (h.library()) {
                for (Decl d : f.decls()) {
                    if (d instanceof Decl.ComputedDecl c
                            && (c.kind() == Decl.ComputedKind.EMISSION || c.kind() == Decl.ComputedKind.TOTAL)) {
                        diagnostics.report(ErrorCode.E315, c.name().span(), "a library cannot contain emissions or totals",
                                "move `" + c.name() + "` into a methodology that imports this library");
                    }
                }
            }
        }
    }
}
