package io.tanhe.cli;

import io.tanhe.engine.compile.Compilation;
import io.tanhe.engine.compile.Compiler;
import io.tanhe.engine.graph.ComputationGraph;
import io.tanhe.engine.graph.Node;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code tanhe graph FILE}: the computation graph as Graphviz DOT. */
@Command(name = "graph", mixinStandardHelpOptions = true,
        description = {"Print the computation graph of a methodology as Graphviz DOT text (nodes",
                "labelled with name, unit and class; edges from what a value reads to the value).",
                "Drawing it needs Graphviz's `dot`, which tanhe does not include",
                "(Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz):",
                "  ./tanhe graph FILE | dot -Tsvg > graph.svg"})
public final class GraphCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "a methodology (.tanhe) file")
    Path file;

    @Override
    public Integer call() {
        Compilation c = Compiler.compile(file, InstalledLibrary.importPath());
        if (!c.ok()) {
            CheckCommand.print(c, System.err);
            System.err.println(CheckCommand.summary(c.errors(), c.warnings()));
            return 1;
        }
        System.out.print(dot(c.graph().orElseThrow()));
        java.io.Console console = System.console();
        if (console != null && console.isTerminal()) { // not piped: say what the text is for
            System.err.println("tanhe: this is Graphviz DOT; draw it with `./tanhe graph " + file
                    + " | dot -Tsvg > graph.svg` (dot comes with Graphviz: apt-get install graphviz)");
        }
        return 0;
    }

    static String dot(ComputationGraph g) {
        StringBuilder out = new StringBuilder("digraph \"").append(escape(g.info().id())).append("\" {\n")
                .append("  rankdir=LR;\n  node [fontname=\"sans-serif\", fontsize=10];\n");
        for (Node n : g.nodes()) {
            StringBuilder label = new StringBuilder(n.name());
            if (n.indexed()) {
                label.append('[').append(String.join(", ", n.dimensions())).append(']');
            }
            label.append("\\n").append(escape(n.declaredUnit()));
            String kind = n.kind().name().toLowerCase(java.util.Locale.ROOT);
            label.append("\\n").append(n.emissionClass() != null ? n.emissionClass().keyword() + " (" + n.scope().name().toLowerCase(java.util.Locale.ROOT) + ")"
                    : n.inputKind() != null ? "input, " + n.inputKind().name().toLowerCase(java.util.Locale.ROOT) : kind);
            out.append("  \"").append(n.name()).append("\" [label=\"").append(label).append("\", ").append(style(n)).append("];\n");
        }
        for (Node n : g.nodes()) {
            for (String d : n.dependencies()) {
                out.append("  \"").append(d).append("\" -> \"").append(n.name()).append("\";\n");
            }
        }
        return out.append("}\n").toString();
    }

    private static String style(Node n) {
        return switch (n.kind()) {
            case INPUT -> "shape=box, style=filled, fillcolor=\"#dbeafe\"";
            case FACTOR -> "shape=note, style=filled, fillcolor=\"#fef9c3\"";
            case CONST -> "shape=plaintext";
            case VALUE -> "shape=box, style=rounded";
            case EMISSION -> "shape=box, style=\"rounded,filled\", fillcolor=\"#fee2e2\"";
            case TOTAL -> "shape=doubleoctagon, style=filled, fillcolor=\"#fecaca\"";
        };
    }

    private static String escape(String s) {
        return s == null ? "" : s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
