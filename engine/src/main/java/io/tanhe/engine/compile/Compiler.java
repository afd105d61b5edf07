package io.tanhe.engine.compile;

import io.tanhe.grammar.diagnostics.Diagnostic;
import io.tanhe.grammar.diagnostics.Diagnostics;

import java.nio.file.Path;
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

    /** Compiles text that is not on disk; {@code displayPath} names it in diagnostics. */
    public static Compilation compileText(String displayPath, String text) {
        return run(ModuleLoader.loadText(displayPath, text));
    }

    private static Compilation run(LoadedProgram loaded) {
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
