package io.tanhe.engine.compile;

import io.tanhe.engine.factors.Confidence;
import io.tanhe.engine.factors.FactorConflict;
import io.tanhe.engine.factors.FactorConflictException;
import io.tanhe.engine.factors.FactorLibrary;
import io.tanhe.engine.factors.FactorTableLoad;
import io.tanhe.engine.factors.FactorTableLoader;
import io.tanhe.engine.factors.FactorTableProblem;
import io.tanhe.engine.factors.FactorValue;
import io.tanhe.engine.graph.Keys;
import io.tanhe.engine.units.Unit;
import io.tanhe.engine.units.UnitParseException;
import io.tanhe.grammar.ast.Decl;
import io.tanhe.grammar.ast.Name;
import io.tanhe.grammar.ast.SourceFile;
import io.tanhe.grammar.ast.SourceSpan;
import io.tanhe.grammar.diagnostics.Diagnostics;
import io.tanhe.grammar.diagnostics.ErrorCode;
import io.tanhe.grammar.diagnostics.Spelling;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Stage 5: gathers default factor values — declared in place ({@code value … source … confidence …})
 * and from the factor tables named by {@code factors "…"} — and checks each against its factor's
 * declaration: the factor exists, the key fits its sets, the unit has the declared dimension,
 * provenance is given, and no two values overlap in validity.
 */
public final class FactorBinder {
    private final TypedProgram program;
    private final Diagnostics diagnostics = new Diagnostics();
    private final Map<FactorValue, SourceSpan> origin = new java.util.IdentityHashMap<>();

    private FactorBinder(TypedProgram program) {
        this.program = program;
    }

    public static FactorDefaults bind(TypedProgram program) {
        FactorBinder b = new FactorBinder(program);
        List<FactorValue> values = new ArrayList<>();
        for (SourceFile f : program.resolved().loaded().files()) {
            String version = f.header() == null || f.header().version() == null ? "" : f.header().version();
            for (Decl d : f.decls()) {
                if (d instanceof Decl.FactorDecl fd) {
                    fd.entries().forEach(e -> b.inPlace(fd, e, version).ifPresent(values::add));
                } else if (d instanceof Decl.FactorTable t) {
                    values.addAll(b.table(f, t));
                }
            }
        }
        return new FactorDefaults(b.library(values), b.diagnostics.sorted());
    }

    private java.util.Optional<FactorValue> inPlace(Decl.FactorDecl fd, Decl.FactorEntry e, String version) {
        if (e.source() == null || e.confidence() == null) {
            diagnostics.report(ErrorCode.E314, e.span(), "value of factor `" + fd.name() + "` lacks "
                    + (e.source() == null ? "a source" : "a confidence"),
                    "write `source \"document, table\" confidence A|B|C|U|SITE` so that users know how far to trust it");
            return java.util.Optional.empty();
        }
        if (!Resolver.CONFIDENCES.contains(e.confidence().text())) {
            return java.util.Optional.empty(); // reported by the resolver
        }
        String unit = e.unit() != null ? e.unit().toString() : fd.unit().toString();
        String key = e.key().stream().map(Name::text).collect(Collectors.joining(","));
        try {
            FactorValue v = new FactorValue(fd.name().text(), key, e.value(), unit, e.validFrom(), e.validUntil(), e.source(),
                    e.clause(), Confidence.valueOf(e.confidence().text()), version, e.note());
            origin.put(v, e.span());
            return checkUnit(v, e.span()) ? java.util.Optional.of(v) : java.util.Optional.empty();
        } catch (UnitParseException ex) {
            return java.util.Optional.empty(); // an unknown unit symbol is reported by the unit checker
        } catch (IllegalArgumentException ex) {
            diagnostics.report(ErrorCode.E314, e.span(), "value of factor `" + fd.name() + "`: " + ex.getMessage(), "");
            return java.util.Optional.empty();
        }
    }

    private List<FactorValue> table(SourceFile file, Decl.FactorTable t) {
        Path base = program.resolved().loaded().paths().get(file.path());
        Path path;
        try {
            path = base == null ? Path.of(t.path()) : base.resolveSibling(t.path()).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            diagnostics.report(ErrorCode.E309, t.span(), "`" + t.path() + "` is not a valid path: " + e.getReason(),
                    "write a relative path such as `tables/x.factors.yaml`");
            return List.of();
        }
        if (!Files.isRegularFile(path)) {
            diagnostics.report(ErrorCode.E309, t.span(), "factor table `" + t.path() + "` not found",
                    "the path is relative to " + file.path());
            return List.of();
        }
        if (tooLarge(path)) {
            diagnostics.report(ErrorCode.E107, t.span(), "factor table `" + t.path() + "` is larger than "
                    + (io.tanhe.grammar.parse.Limits.MAX_FILE_BYTES >> 20) + " MiB", "check that this is the table you meant");
            return List.of();
        }
        FactorTableLoad load = FactorTableLoader.load(path);
        for (FactorTableProblem p : load.problems()) {
            diagnostics.report(ErrorCode.E314, new SourceSpan(display(file, t), Math.max(p.line(), 1), Math.max(p.column(), 1),
                    Math.max(p.line(), 1), Math.max(p.column(), 1)), p.path() + ": " + p.message(), "fix the factor table");
        }
        List<FactorValue> out = new ArrayList<>();
        load.library().ifPresent(lib -> {
            for (FactorValue v : lib.values()) {
                origin.put(v, t.span());
                if (checkDeclared(v, t.span()) && checkUnit(v, t.span())) {
                    out.add(v);
                }
            }
        });
        return out;
    }

    private static boolean tooLarge(Path path) {
        try {
            return Files.size(path) > io.tanhe.grammar.parse.Limits.MAX_FILE_BYTES;
        } catch (java.io.IOException e) {
            return false; // the loader reports what it cannot read
        }
    }

    /** The table's path as diagnostics show it: next to the display path of the file naming it, like imports. */
    private static String display(SourceFile file, Decl.FactorTable t) {
        return Path.of(file.path()).resolveSibling(t.path()).normalize().toString().replace('\\', '/');
    }

    private boolean checkDeclared(FactorValue v, SourceSpan at) {
        Symbol s = program.resolved().symbols().get(v.factor());
        if (!(s instanceof Symbol.FactorSym f)) {
            List<String> factors = program.resolved().symbolsOf(Symbol.FactorSym.class).stream().map(Symbol::name).toList();
            diagnostics.report(ErrorCode.E314, at, "the table gives " + v.label() + " but no factor `" + v.factor() + "` is declared",
                    Spelling.hint(v.factor(), factors).isEmpty() ? "declare it with `factor " + v.factor() + " …`"
                            : Spelling.hint(v.factor(), factors));
            return false;
        }
        List<String> key = Keys.parts(v.key());
        if (key.size() != f.dimensions().size()) {
            diagnostics.report(ErrorCode.E314, at, v.label() + " has a key of " + key.size() + " part(s) but factor `"
                    + f.name() + "` has " + f.dimensions().size() + " index set(s)", "");
            return false;
        }
        for (int i = 0; i < key.size(); i++) {
            Symbol.SetSym set = f.dimensions().get(i);
            if (!set.open() && !set.members().contains(key.get(i))) {
                diagnostics.report(ErrorCode.E314, at, v.label() + ": `" + key.get(i) + "` is not a member of set `" + set.name() + "`",
                        Spelling.hint(key.get(i), set.members()));
                return false;
            }
        }
        return true;
    }

    private boolean checkUnit(FactorValue v, SourceSpan at) {
        Unit declared = program.units().get(v.factor());
        if (declared == null) {
            return false; // the declaration's own unit is broken; reported already
        }
        Unit given = v.parsedUnit();
        if (!given.isCompatible(declared)) {
            diagnostics.report(ErrorCode.E314, at, v.label() + " is given in " + v.unit() + " but the factor is declared in "
                    + declared.text(), v.unit() + " is " + given.dimension().describe() + "; " + declared.text() + " is "
                    + declared.dimension().describe());
            return false;
        }
        return true;
    }

    private FactorLibrary library(List<FactorValue> values) {
        try {
            return FactorLibrary.of(values);
        } catch (FactorConflictException e) {
            List<FactorValue> kept = new ArrayList<>(values);
            for (FactorConflict c : e.conflicts()) {
                diagnostics.report(ErrorCode.E314, origin.getOrDefault(c.second(), SourceSpan.none("?")), c.describe(),
                        "give the values validity periods that do not overlap (`valid from … until …`)");
                kept.remove(c.second());
            }
            return FactorLibrary.of(kept);
        }
    }
}
