package io.tanhe.cli;

import io.tanhe.engine.compile.Compilation;
import io.tanhe.engine.compile.Compiler;
import io.tanhe.engine.factors.Confidence;
import io.tanhe.engine.factors.FactorValue;
import io.tanhe.engine.graph.ComputationGraph;
import io.tanhe.engine.graph.Node;
import io.tanhe.engine.graph.NodeKind;
import io.tanhe.engine.graph.SetInfo;
import io.tanhe.engine.model.MethodologyInfo;
import io.tanhe.grammar.ast.Decl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
 * @param defaults   the default values among the factors its formulas read, counted by confidence
 * @param noDefault  the factors its formulas read that ship no default value at all (the plant supplies them),
 *                   sorted by name
 * @param partial    the factors its formulas read, indexed by closed sets, that ship a default for some keys but
 *                   not all, as {@code name (missing of all)}, sorted by name
 */
record LibraryEntry(Path file, MethodologyInfo info, int formulas, int tests, DefaultCounts defaults,
                    List<String> noDefault, List<String> partial) {

    LibraryEntry {
        noDefault = List.copyOf(noDefault);
        partial = List.copyOf(partial);
    }

    /** How many default values are confirmed (A), second-hand (B) and unverified (C or U). */
    record DefaultCounts(int confirmed, int secondHand, int unverified) {
        static final DefaultCounts NONE = new DefaultCounts(0, 0, 0);

        DefaultCounts plus(DefaultCounts o) {
            return new DefaultCounts(confirmed + o.confirmed, secondHand + o.secondHand, unverified + o.unverified);
        }

        DefaultCounts plus(Confidence c) {
            return switch (c) {
                case A -> new DefaultCounts(confirmed + 1, secondHand, unverified);
                case B -> new DefaultCounts(confirmed, secondHand + 1, unverified);
                case C, U -> new DefaultCounts(confirmed, secondHand, unverified + 1);
                case SITE -> this;
            };
        }

        @Override
        public String toString() {
            return confirmed + " confirmed, " + secondHand + " second-hand, " + unverified + " unverified defaults";
        }
    }

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
        Set<String> read = readFactors(graph);
        DefaultCounts counts = DefaultCounts.NONE;
        Set<String> withDefault = new HashSet<>();
        for (FactorValue v : c.defaults().library().values()) {
            if (read.contains(v.factor())) {
                counts = counts.plus(v.confidence());
                withDefault.add(v.factor());
            }
        }
        List<String> noDefault = read.stream().filter(f -> !withDefault.contains(f)).sorted().toList();
        List<String> partial = read.stream().filter(withDefault::contains).sorted()
                .map(f -> missingKeys(graph, c, f)).flatMap(Optional::stream).toList();
        return Optional.of(new LibraryEntry(file, graph.info(), formulas, tests, counts, noDefault, partial));
    }

    /**
     * {@code name (missing of all)} for a factor indexed by closed sets that has defaults for some keys only; empty
     * when it is scalar, indexed by an open set (its keys come from the site) or complete.
     */
    private static Optional<String> missingKeys(ComputationGraph graph, Compilation c, String factor) {
        Node node = graph.nodes().stream().filter(n -> n.name().equals(factor)).findFirst().orElseThrow();
        if (!node.indexed()) {
            return Optional.empty();
        }
        List<List<String>> keys = List.of(List.of());
        for (String dimension : node.dimensions()) {
            Optional<SetInfo> set = graph.set(dimension);
            if (set.isEmpty() || set.get().open()) {
                return Optional.empty();
            }
            List<List<String>> longer = new ArrayList<>();
            for (List<String> prefix : keys) {
                for (String member : set.get().members()) {
                    List<String> key = new ArrayList<>(prefix);
                    key.add(member);
                    longer.add(key);
                }
            }
            keys = longer;
        }
        Set<String> shipped = c.defaults().library().keys(factor);
        long missing = keys.stream().map(k -> String.join(",", k)).filter(k -> !shipped.contains(k)).count();
        return missing == 0 ? Optional.empty() : Optional.of(factor + " (" + missing + " of " + keys.size() + ")");
    }

    /** The factors that some computed node reads. */
    private static Set<String> readFactors(ComputationGraph graph) {
        Set<String> factors = new HashSet<>();
        for (Node n : graph.nodes()) {
            if (n.kind() == NodeKind.FACTOR) {
                factors.add(n.name());
            }
        }
        Set<String> read = new HashSet<>();
        for (Node n : graph.nodes()) {
            if (n.kind().computed()) {
                n.dependencies().stream().filter(factors::contains).forEach(read::add);
            }
        }
        return read;
    }

    /**
     * The line {@code tanhe list} prints: id and version first, then title, industry and the counts, and the
     * factors without a default when there are any.
     */
    String line() {
        return info.id() + " " + info.version() + "  " + info.title() + "  [" + info.industry() + "]  "
                + formulas + " formulas, " + tests + " tests, " + defaults
                + (noDefault.isEmpty() ? "" : "; no default: " + String.join(", ", noDefault))
                + (partial.isEmpty() ? "" : "; keys without default: " + String.join(", ", partial));
    }
}
