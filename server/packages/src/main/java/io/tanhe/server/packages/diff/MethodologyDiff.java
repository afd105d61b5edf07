package io.tanhe.server.packages.diff;

import io.tanhe.engine.factors.FactorValue;
import io.tanhe.engine.rules.threshold.Threshold;
import io.tanhe.grammar.ast.Decl;
import io.tanhe.grammar.ast.Header;
import io.tanhe.grammar.format.CanonicalPrinter;
import io.tanhe.grammar.ast.SourceSpan;

import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The semantic differences between two versions of a methodology (or of factor tables, or thresholds): header;
 * sets and members; factors (declaration, and each value's number, unit, validity, source, confidence); inputs;
 * formulas (changed expressions with their positions in both versions); emission classes; tests; rules;
 * thresholds. Declarations are compared in canonical form without comments, so a file that changed only in
 * layout or comments is reported as such and nothing else.
 */
public final class MethodologyDiff {
    private MethodologyDiff() {
    }

    /** Every difference from {@code old} to {@code neu}. */
    public static DiffReport between(Snapshot old, Snapshot neu) {
        List<Change> changes = new ArrayList<>();
        header(old.header(), neu.header(), changes);
        sets(old, neu, changes);
        factors(old, neu, changes);
        declsOf(old, neu, changes, Area.INPUTS, d -> d instanceof Decl.InputDecl, "input ");
        formulas(old, neu, changes);
        tests(old, neu, changes);
        rules(old, neu, changes);
        thresholds(old, neu, changes);
        List<String> layoutOnly = layoutOnly(old, neu, changes);
        return new DiffReport(old.name(), neu.name(), changes, layoutOnly, old.problems(), neu.problems());
    }

    private static void header(Header a, Header b, List<Change> out) {
        if (a == null && b == null) {
            return;
        }
        String at = ""; // the header is the top of the main file: its position says nothing
        String bt = "";
        field(out, Area.HEADER, "methodology", "id", a == null || a.id() == null ? "" : a.id().text(), b == null || b.id() == null ? "" : b.id().text(), at, bt);
        field(out, Area.HEADER, "methodology", "version", a == null ? "" : a.version(), b == null ? "" : b.version(), at, bt);
        field(out, Area.HEADER, "methodology", "title", a == null ? "" : a.title(), b == null ? "" : b.title(), at, bt);
        field(out, Area.HEADER, "methodology", "source", a == null ? "" : a.source(), b == null ? "" : b.source(), at, bt);
        field(out, Area.HEADER, "methodology", "effective from", a == null ? "" : str(a.effectiveFrom()), b == null ? "" : str(b.effectiveFrom()), at, bt);
        field(out, Area.HEADER, "methodology", "effective until", a == null ? "" : str(a.effectiveUntil()), b == null ? "" : str(b.effectiveUntil()), at, bt);
        field(out, Area.HEADER, "methodology", "industry", a == null ? "" : a.industry(), b == null ? "" : b.industry(), at, bt);
    }

    private static void sets(Snapshot a, Snapshot b, List<Change> out) {
        Map<String, Snapshot.PlacedDecl> as = byName(a, d -> d instanceof Decl.SetDecl);
        Map<String, Snapshot.PlacedDecl> bs = byName(b, d -> d instanceof Decl.SetDecl);
        for (String name : union(as.keySet(), bs.keySet())) {
            Snapshot.PlacedDecl x = as.get(name);
            Snapshot.PlacedDecl y = bs.get(name);
            if (x == null) {
                out.add(Change.added(Area.SETS, "set " + name, canonical(y.decl()), at(y)));
            } else if (y == null) {
                out.add(Change.removed(Area.SETS, "set " + name, canonical(x.decl()), at(x)));
            } else {
                Decl.SetDecl s = (Decl.SetDecl) x.decl();
                Decl.SetDecl t = (Decl.SetDecl) y.decl();
                field(out, Area.SETS, "set " + name, "label", s.label(), t.label(), at(x), at(y));
                field(out, Area.SETS, "set " + name, "open", s.open() ? "open" : "", t.open() ? "open" : "", at(x), at(y));
                Map<String, Decl.Member> sm = s.members().stream().collect(Collectors.toMap(m -> m.name().text(), m -> m, (p, q) -> p, LinkedHashMap::new));
                Map<String, Decl.Member> tm = t.members().stream().collect(Collectors.toMap(m -> m.name().text(), m -> m, (p, q) -> p, LinkedHashMap::new));
                for (String member : union(sm.keySet(), tm.keySet())) {
                    Decl.Member p = sm.get(member);
                    Decl.Member q = tm.get(member);
                    String subject = "set " + name + " member " + member;
                    if (p == null) {
                        out.add(Change.added(Area.SETS, subject, member + label(q.label()), at(y, q.name().span())));
                    } else if (q == null) {
                        out.add(Change.removed(Area.SETS, subject, member + label(p.label()), at(x, p.name().span())));
                    } else {
                        field(out, Area.SETS, subject, "label", p.label(), q.label(), at(x, p.name().span()), at(y, q.name().span()));
                    }
                }
            }
        }
    }

    private static void factors(Snapshot a, Snapshot b, List<Change> out) {
        Map<String, Snapshot.PlacedDecl> as = byName(a, d -> d instanceof Decl.FactorDecl);
        Map<String, Snapshot.PlacedDecl> bs = byName(b, d -> d instanceof Decl.FactorDecl);
        for (String name : union(as.keySet(), bs.keySet())) {
            Snapshot.PlacedDecl x = as.get(name);
            Snapshot.PlacedDecl y = bs.get(name);
            if (x == null) {
                out.add(Change.added(Area.FACTORS, "factor " + name, firstLine(canonical(y.decl())), at(y)));
            } else if (y == null) {
                out.add(Change.removed(Area.FACTORS, "factor " + name, firstLine(canonical(x.decl())), at(x)));
            } else {
                Decl.FactorDecl f = (Decl.FactorDecl) x.decl();
                Decl.FactorDecl g = (Decl.FactorDecl) y.decl();
                field(out, Area.FACTORS, "factor " + name, "unit", String.valueOf(f.unit()), String.valueOf(g.unit()), at(x), at(y));
                field(out, Area.FACTORS, "factor " + name, "label", f.label(), g.label(), at(x), at(y));
                field(out, Area.FACTORS, "factor " + name, "index", names(f.dimensions()), names(g.dimensions()), at(x), at(y));
            }
        }
        Map<String, FactorValue> av = a.factorValues().stream().collect(Collectors.toMap(Snapshot::valueKey, v -> v, (p, q) -> p, LinkedHashMap::new));
        Map<String, FactorValue> bv = b.factorValues().stream().collect(Collectors.toMap(Snapshot::valueKey, v -> v, (p, q) -> p, LinkedHashMap::new));
        for (String key : union(av.keySet(), bv.keySet())) {
            FactorValue v = av.get(key);
            FactorValue w = bv.get(key);
            String subject = "factor value " + key;
            if (v == null) {
                out.add(Change.added(Area.FACTORS, subject, describe(w), ""));
            } else if (w == null) {
                out.add(Change.removed(Area.FACTORS, subject, describe(v), ""));
            } else {
                if (!v.value().equals(w.value())) { // 99 and 99.0 differ: the digits a source gives are kept
                    out.add(Change.changed(Area.FACTORS, subject, "value", v.value().toPlainString() + " " + v.unit(),
                            w.value().toPlainString() + " " + w.unit(), "", ""));
                }
                field(out, Area.FACTORS, subject, "unit", v.unit(), w.unit(), "", "");
                field(out, Area.FACTORS, subject, "valid until", str(v.validUntil()), str(w.validUntil()), "", "");
                field(out, Area.FACTORS, subject, "source", v.source(), w.source(), "", "");
                field(out, Area.FACTORS, subject, "clause", v.clause(), w.clause(), "", "");
                field(out, Area.FACTORS, subject, "confidence", str(v.confidence()), str(w.confidence()), "", "");
            }
        }
    }

    private static void formulas(Snapshot a, Snapshot b, List<Change> out) {
        Map<String, Snapshot.PlacedDecl> as = byName(a, d -> d instanceof Decl.ComputedDecl || d instanceof Decl.FormulaDecl);
        Map<String, Snapshot.PlacedDecl> bs = byName(b, d -> d instanceof Decl.ComputedDecl || d instanceof Decl.FormulaDecl);
        for (String name : union(as.keySet(), bs.keySet())) {
            Snapshot.PlacedDecl x = as.get(name);
            Snapshot.PlacedDecl y = bs.get(name);
            if (x == null) {
                out.add(Change.added(Area.FORMULAS, kindOf(y.decl()) + name, canonical(y.decl()), at(y)));
                classChange(null, y, out);
            } else if (y == null) {
                out.add(Change.removed(Area.FORMULAS, kindOf(x.decl()) + name, canonical(x.decl()), at(x)));
                classChange(x, null, out);
            } else {
                String subject = kindOf(y.decl()) + name;
                field(out, Area.FORMULAS, subject, "kind", kindOf(x.decl()).strip(), kindOf(y.decl()).strip(), at(x), at(y));
                if (x.decl() instanceof Decl.ComputedDecl c && y.decl() instanceof Decl.ComputedDecl d) {
                    field(out, Area.FORMULAS, subject, "unit", String.valueOf(c.unit()), String.valueOf(d.unit()), at(x), at(y));
                    field(out, Area.FORMULAS, subject, "label", c.label(), d.label(), at(x), at(y));
                    field(out, Area.FORMULAS, subject, "index", c.bindings().toString(), d.bindings().toString(), at(x), at(y));
                    expression(out, subject, CanonicalPrinter.expression(c.expr()), CanonicalPrinter.expression(d.expr()),
                            at(x, c.expr().span()), at(y, d.expr().span()));
                    classChange(x, y, out);
                } else if (x.decl() instanceof Decl.FormulaDecl f && y.decl() instanceof Decl.FormulaDecl g) {
                    field(out, Area.FORMULAS, subject, "parameters", f.parameters().toString(), g.parameters().toString(), at(x), at(y));
                    field(out, Area.FORMULAS, subject, "unit", String.valueOf(f.resultUnit()), String.valueOf(g.resultUnit()), at(x), at(y));
                    expression(out, subject, CanonicalPrinter.expression(f.body()), CanonicalPrinter.expression(g.body()),
                            at(x, f.body().span()), at(y, g.body().span()));
                }
            }
        }
    }

    private static void expression(List<Change> out, String subject, String before, String after, String oldAt, String newAt) {
        if (!before.equals(after)) {
            out.add(Change.changed(Area.FORMULAS, subject, "expression", before, after, oldAt, newAt));
        }
    }

    private static void classChange(Snapshot.PlacedDecl x, Snapshot.PlacedDecl y, List<Change> out) {
        String before = emissionClass(x);
        String after = emissionClass(y);
        if (before.equals(after)) {
            return;
        }
        String name = (x != null ? x : y).decl().displayName();
        if (before.isEmpty()) {
            out.add(Change.added(Area.EMISSION_CLASSES, "emission " + name, after, at(y)));
        } else if (after.isEmpty()) {
            out.add(Change.removed(Area.EMISSION_CLASSES, "emission " + name, before, at(x)));
        } else {
            out.add(Change.changed(Area.EMISSION_CLASSES, "emission " + name, "class", before, after, at(x), at(y)));
        }
    }

    private static String emissionClass(Snapshot.PlacedDecl p) {
        if (p == null || !(p.decl() instanceof Decl.ComputedDecl c) || c.emissionClass() == null) {
            return "";
        }
        return c.emissionClass().text() + (c.scope() == null ? "" : " " + c.scope().text());
    }

    private static void tests(Snapshot a, Snapshot b, List<Change> out) {
        Map<String, Snapshot.PlacedDecl> as = byName(a, d -> d instanceof Decl.TestDecl);
        Map<String, Snapshot.PlacedDecl> bs = byName(b, d -> d instanceof Decl.TestDecl);
        for (String title : union(as.keySet(), bs.keySet())) {
            Snapshot.PlacedDecl x = as.get(title);
            Snapshot.PlacedDecl y = bs.get(title);
            String subject = "test \"" + title + "\"";
            if (x == null) {
                out.add(Change.added(Area.TESTS, subject, "", at(y)));
            } else if (y == null) {
                out.add(Change.removed(Area.TESTS, subject, "", at(x)));
            } else if (!canonical(x.decl()).equals(canonical(y.decl()))) {
                out.add(Change.changed(Area.TESTS, subject, "body", canonical(x.decl()), canonical(y.decl()), at(x), at(y)));
            }
        }
    }

    /** Inputs and other declarations compared whole, in canonical form. */
    private static void declsOf(Snapshot a, Snapshot b, List<Change> out, Area area, java.util.function.Predicate<Decl> which, String word) {
        Map<String, Snapshot.PlacedDecl> as = byName(a, which);
        Map<String, Snapshot.PlacedDecl> bs = byName(b, which);
        for (String name : union(as.keySet(), bs.keySet())) {
            Snapshot.PlacedDecl x = as.get(name);
            Snapshot.PlacedDecl y = bs.get(name);
            if (x == null) {
                out.add(Change.added(area, word + name, canonical(y.decl()), at(y)));
            } else if (y == null) {
                out.add(Change.removed(area, word + name, canonical(x.decl()), at(x)));
            } else {
                field(out, area, word + name, "declaration", canonical(x.decl()), canonical(y.decl()), at(x), at(y));
            }
        }
    }

    private static void rules(Snapshot a, Snapshot b, List<Change> out) {
        for (String name : union(a.rules().keySet(), b.rules().keySet())) {
            Snapshot.Rule x = a.rules().get(name);
            Snapshot.Rule y = b.rules().get(name);
            String subject = "rule \"" + name + "\"";
            if (x == null) {
                out.add(Change.added(Area.RULES, subject, "", y.at()));
            } else if (y == null) {
                out.add(Change.removed(Area.RULES, subject, "", x.at()));
            } else if (!x.normalized().equals(y.normalized())) {
                out.add(Change.changed(Area.RULES, subject, "body", x.normalized(), y.normalized(), x.at(), y.at()));
            }
        }
    }

    private static void thresholds(Snapshot a, Snapshot b, List<Change> out) {
        Map<String, Threshold> at = a.thresholds().stream().collect(Collectors.toMap(Threshold::id, t -> t, (p, q) -> p, LinkedHashMap::new));
        Map<String, Threshold> bt = b.thresholds().stream().collect(Collectors.toMap(Threshold::id, t -> t, (p, q) -> p, LinkedHashMap::new));
        for (String id : union(at.keySet(), bt.keySet())) {
            Threshold x = at.get(id);
            Threshold y = bt.get(id);
            String subject = "threshold " + id;
            if (x == null) {
                out.add(Change.added(Area.THRESHOLDS, subject, y.target() + " " + y.operator() + " " + y.limit(), ""));
            } else if (y == null) {
                out.add(Change.removed(Area.THRESHOLDS, subject, x.target() + " " + x.operator() + " " + x.limit(), ""));
            } else {
                for (RecordComponent rc : Threshold.class.getRecordComponents()) {
                    field(out, Area.THRESHOLDS, subject, rc.getName(), str(get(rc, x)), str(get(rc, y)), "", "");
                }
            }
        }
    }

    /** Files whose bytes differ while nothing in them changed semantically. */
    private static List<String> layoutOnly(Snapshot a, Snapshot b, List<Change> changes) {
        List<String> out = new ArrayList<>();
        for (String path : new java.util.TreeSet<>(union(a.files().keySet(), b.files().keySet()))) {
            byte[] x = a.files().get(path);
            byte[] y = b.files().get(path);
            if (x == null || y == null || java.util.Arrays.equals(x, y)) {
                continue;
            }
            if (sameContent(path, x, y)) {
                out.add(path);
            }
        }
        return out;
    }

    /** Whether two versions of a file say the same thing: same declarations, same YAML tree, same rules. */
    private static boolean sameContent(String path, byte[] x, byte[] y) {
        String s = new String(x, StandardCharsets.UTF_8);
        String t = new String(y, StandardCharsets.UTF_8);
        if (path.endsWith(".tanhe")) {
            var p = io.tanhe.grammar.parse.MethodologyParser.parse(path, s);
            var q = io.tanhe.grammar.parse.MethodologyParser.parse(path, t);
            return p.file() != null && q.file() != null && headerText(p.file().header()).equals(headerText(q.file().header()))
                    && p.file().decls().stream().map(MethodologyDiff::canonical).toList()
                    .equals(q.file().decls().stream().map(MethodologyDiff::canonical).toList());
        }
        if (path.endsWith(".drl")) {
            return Snapshot.normalize(s).equals(Snapshot.normalize(t));
        }
        try {
            var yaml = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
            return Objects.equals(yaml.readTree(s), yaml.readTree(t));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static String headerText(Header h) {
        return h == null ? "" : String.join("|", h.library() + "", h.id() == null ? "" : h.id().text(), str(h.version()), str(h.title()),
                str(h.source()), str(h.effectiveFrom()), str(h.effectiveUntil()), str(h.industry()));
    }

    private static Object get(RecordComponent rc, Object o) {
        try {
            return rc.getAccessor().invoke(o);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A declaration in canonical form, without comment lines: equal means equal up to layout and comments. */
    static String canonical(Decl d) {
        return CanonicalPrinter.declaration(d).lines().filter(l -> !l.strip().startsWith("//"))
                .map(String::strip).collect(Collectors.joining("\n"));
    }

    private static Map<String, Snapshot.PlacedDecl> byName(Snapshot s, java.util.function.Predicate<Decl> which) {
        Map<String, Snapshot.PlacedDecl> out = new LinkedHashMap<>();
        for (Snapshot.PlacedDecl p : s.decls()) {
            if (which.test(p.decl())) {
                out.putIfAbsent(p.decl().displayName(), p);
            }
        }
        return out;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }

    private static void field(List<Change> out, Area area, String subject, String field, String before, String after,
                              String oldAt, String newAt) {
        String x = before == null ? "" : before;
        String y = after == null ? "" : after;
        if (!x.equals(y)) {
            out.add(Change.changed(area, subject, field, x, y, oldAt, newAt));
        }
    }

    private static String kindOf(Decl d) {
        return switch (d) {
            case Decl.ComputedDecl c -> c.kind().keyword() + " ";
            case Decl.FormulaDecl f -> "formula ";
            default -> "";
        };
    }

    private static String describe(FactorValue v) {
        return v.value().toPlainString() + " " + v.unit() + (v.validUntil() == null ? "" : " until " + v.validUntil())
                + ", confidence " + v.confidence() + ", source " + v.source();
    }

    private static String names(List<io.tanhe.grammar.ast.Name> names) {
        return names.stream().map(io.tanhe.grammar.ast.Name::text).collect(Collectors.joining(","));
    }

    private static String label(String l) {
        return l == null ? "" : " \"" + l + "\"";
    }

    private static String firstLine(String s) {
        return s.lines().findFirst().orElse("");
    }

    private static String at(Snapshot.PlacedDecl p) {
        return p == null ? "" : at(p, p.decl().span());
    }

    private static String at(Snapshot.PlacedDecl p, SourceSpan span) {
        return p.file() + ":" + span.line() + ":" + span.column();
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }

}
