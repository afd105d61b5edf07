package io.tanhe.engine.compile;

import io.tanhe.grammar.diagnostics.Diagnostic;
import io.tanhe.grammar.diagnostics.Diagnostics;

import io.tanhe.engine.factors.FactorLibrary;
import io.tanhe.grammar.diagnostics.ErrorCode;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.ArrayList;
import java.util.List;

/**
 * The methodology compiler: load and parse → resolve names → check units → build the graph →
 * bind factor defaults. Every stage runs and reports everything it finds, so one run shows all
 * problems; the graph is only returned when there is no error. Never throws on bad input.
 */
public final class Compiler {

    private Compiler() {
    }

    public static Compilation compile(Path file) {
        return run(ModuleLoader.load(file));
    }

    /** Compiles {@code file}; relative imports not found next to the importing file are looked up in {@code libraries}. */
    public static Compilation compile(Path file, List<Path> libraries) {
        return run(ModuleLoader.load(file, libraries));
    }

    /** Compiles text that is not on disk; {@code displayPath} names it in diagnostics. */
    public static Compilation compileText(String displayPath, String text) {
        return run(ModuleLoader.loadText(displayPath, text));
    }

    /**
     * Compiles text that is not on disk (an editor's unsaved buffer); {@code displayPath} names it and its
     * relative imports resolve beside it, then in {@code libraries}.
     */
    public static Compilation compileText(String displayPath, String text, List<Path> libraries) {
        return run(ModuleLoader.loadText(displayPath, text, libraries));
    }

    /**
     * Problems after which the later stages would only report echoes: a file that could not be read
     * (E106, E107, E309 of the file itself) or statements the parser left out because they exceed a
     * limit (E104, E105).
     */
    private static final Set<ErrorCode> STOPS = EnumSet.of(ErrorCode.E104, ErrorCode.E105, ErrorCode.E106, ErrorCode.E107);

    private static Compilation run(LoadedProgram loaded) {
        boolean unreadable = loaded.main().header() == null && loaded.main().decls().isEmpty()
                && !loaded.sources().containsKey(loaded.main().path());
        if (unreadable || loaded.diagnostics().stream().anyMatch(d -> STOPS.contains(d.code()))) {
            ResolvedProgram none = new ResolvedProgram(loaded, loaded.main().header(), Map.of(), Map.of(), Map.of(), Map.of(), List.of());
            TypedProgram typed = new TypedProgram(none, Map.of(), Map.of(), Map.of(), List.of());
            FactorDefaults defaults = new FactorDefaults(FactorLibrary.of(List.of()), List.of());
            return new Compilation(loaded, typed, null, defaults, loaded.diagnostics());
        }
        ResolvedProgram resolved = Resolver.resolve(loaded);
        TypedProgram typed = UnitChecker.check(resolved);
        GraphBuilder.Result graph = GraphBuilder.build(typed);
        FactorDefaults defaults = FactorBinder.bind(typed);
        List<Diagnostic> all = new ArrayList<>();
        all.addAll(loaded.diagnostics());
        all.addAll(resolved.diagnostics());
        all.addAll(typed.diagnostics());
        all.addAll(graph.diagnostics());
        all.addAll(defaults.diagnostics());
        all.sort(Diagnostics.ORDER);
        boolean errors = all.stream().anyMatch(Diagnostic::isError);
        return new Compilation(loaded, typed, errors ? null : graph.graph(), defaults, all);
    }
}
