package io.tanhe.cli;

import io.tanhe.engine.compile.Compilation;
import io.tanhe.engine.compile.Compiler;
import io.tanhe.engine.factors.FactorValue;
import io.tanhe.engine.graph.ComputationGraph;
import io.tanhe.engine.graph.Node;
import io.tanhe.engine.model.MethodologyInfo;
import io.tanhe.grammar.ast.Decl;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * One methodology of the library as {@code tanhe list} shows it.
 *
 * @param file       the methodology file
 * @param info       its header
 * @param formulas   its computed declarations ({@code value}, {@code emission}, {@code total}, {@code const}),
 *                   in its own file, not counting imported ones
 * @param tests      its {@code test} blocks
 * @param unverified the default values of confidence C or U among the factors its formulas read
 */
record LibraryEntry(Path file, MethodologyInfo info, int formulas, int tests, int unverified) {

    /** The entry of a methodology file, or empty for a shared library; {@code failed} receives a file that does not compile. */
    static Optional<LibraryEntry> of(Path file, java.util.function.Consumer<Compilation> failed) {
        Compilation c = Compiler.compile(file, InstalledLibrary.importPath());
        if (!c.ok()) {
            failed.accept(c);
            return Optional.empty();
        }
        ComputationGraph graph = c.graph().orElseThrow();
        if (graph.info().library()) {
            return Optional.empty();
        }
        int formulas = 0;
        int tests = 0;
        for (Decl d : c.loaded().main().decls()) {
            if (d instanceof Decl.ComputedDecl) {
                formulas++;
            } else if (d instanceof Decl.TestDecl) {
                tests++;
            }
        }
        return Optional.of(new LibraryEntry(file, graph.info(), formulas, tests, unverifiedDefaults(c, graph)));
    }

    private static int unverifiedDefaults(Compilation c, ComputationGraph graph) {
        Set<String> read = new HashSet<>();
        for (Node n : graph.nodes()) {
            if (n.kind().computed()) {
                read.addAll(n.dependencies());
            }
        }
        int count = 0;
        for (FactorValue v : c.defaults().library().values()) {
            if (read.contains(v.factor()) && v.confidence().isUnverified()) {
                count++;
            }
        }
        return count;
    }

    /** The line {@code tanhe list} prints: id and version first, then title, industry and the counts. */
    String line() {
        return info.id() + " " + info.version() + "  " + info.title() + "  [" + info.industry() + "]  "
                + formulas + " formulas, " + tests + " tests, " + unverified + " unverified defaults";
    }
}
