package io.tanhe.methodologies;

import io.tanhe.engine.compile.Compilation;
import io.tanhe.engine.compile.Compiler;
import io.tanhe.engine.graph.ComputationGraph;
import io.tanhe.engine.graph.Node;
import io.tanhe.engine.graph.NodeKind;
import io.tanhe.engine.model.EmissionClass;
import io.tanhe.grammar.ast.Decl;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The library-wide promises of issue 21 about sources: every emission a guideline's README names in its
 * emission table is a node of the methodology (or the README says where it is missing), every README says what
 * remains unsourced, and the in-file tests of every methodology expect at least one emission of every emission
 * class the methodology declares.
 */
class LibrarySourcesTest {
    private static final Path LIBRARY = Path.of("").toAbsolutePath();
    /** A backticked node name, optionally with its index: `flare_co2[flare]`. */
    private static final Pattern NODE_REF = Pattern.compile("`([a-z][a-z0-9_]*)(\\[[^`]*])?`");
    /** The heading or bold lead of the part that lists what is still missing. */
    private static final Pattern UNSOURCED = Pattern.compile(
            "(?im)^(#+ .*(unsourced|not implemented|missing).*|\\*\\*.*(unsourced|not implemented|missing).*\\*\\*.*)$");

    /** Each guideline folder: its README and the methodology files in it (shared libraries left out). */
    private record Guideline(Path folder, Path readme, List<Compilation> methodologies) {
        Set<String> nodes(Function<Node, Boolean> which) {
            Set<String> names = new TreeSet<>();
            for (Compilation c : methodologies) {
                c.graph().orElseThrow().nodes().stream().filter(which::apply).map(Node::name).forEach(names::add);
            }
            return names;
        }
    }

    private static List<Guideline> guidelines() throws IOException {
        List<Guideline> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(LIBRARY)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                Path readme = dir.resolve("README.md");
                List<Compilation> methodologies = new ArrayList<>();
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".tanhe")).sorted().toList()) {
                        Compilation c = Compiler.compile(f);
                        if (c.ok() && !c.graph().orElseThrow().info().library()) {
                            methodologies.add(c);
                        }
                    }
                }
                if (Files.isRegularFile(readme) && !methodologies.isEmpty()) {
                    out.add(new Guideline(dir, readme, methodologies));
                }
            }
        }
        return out;
    }

    @Test
    void thereAreGuidelinesToCheck() throws IOException {
        assertTrue(guidelines().size() >= 30, "guideline folders with a README and a methodology: " + guidelines().size());
    }

    @TestFactory
    Stream<DynamicTest> everyEmissionInAReadmesEmissionTableIsANodeOfItsMethodology() throws IOException {
        return guidelines().stream().map(g -> DynamicTest.dynamicTest(LIBRARY.relativize(g.folder()).toString(), () -> {
            Set<String> computed = g.nodes(n -> n.kind().computed());
            List<String> unknown = new ArrayList<>();
            for (String row : emissionTableRows(Files.readString(g.readme()))) {
                String emissionCells = emissionCells(row);
                Matcher m = NODE_REF.matcher(emissionCells);
                boolean any = false;
                while (m.find()) {
                    any = true;
                    if (!computed.contains(m.group(1))) {
                        unknown.add(m.group(1));
                    }
                }
                if (!any) {
                    assertTrue(emissionCells.contains("—"), g.readme() + ": an emission-table row names no node and"
                            + " does not mark the source missing with —: " + row);
                }
            }
            assertEquals(List.of(), unknown, g.readme() + " names emissions its methodology does not compute");
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyReadmeSaysWhatRemainsUnsourced() throws IOException {
        return guidelines().stream().map(g -> DynamicTest.dynamicTest(LIBRARY.relativize(g.folder()).toString(), () ->
                assertTrue(UNSOURCED.matcher(Files.readString(g.readme())).find(), g.readme()
                        + " has no heading or bold lead saying what remains unsourced (or not implemented, or missing)")));
    }

    @TestFactory
    Stream<DynamicTest> theInFileTestsExpectAnEmissionOfEveryDeclaredClass() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Guideline g : guidelines()) {
            for (Compilation c : g.methodologies()) {
                String name = LIBRARY.relativize(g.folder()) + "/" + Path.of(c.loaded().main().path()).getFileName();
                tests.add(DynamicTest.dynamicTest(name, () -> {
                    ComputationGraph graph = c.graph().orElseThrow();
                    Map<String, EmissionClass> emissions = graph.nodes().stream()
                            .filter(n -> n.kind() == NodeKind.EMISSION)
                            .filter(n -> declaredIn(c, n.name()))
                            .collect(Collectors.toMap(Node::name, Node::emissionClass));
                    Set<EmissionClass> declared = EnumSet.noneOf(EmissionClass.class);
                    declared.addAll(emissions.values());
                    Set<EmissionClass> expected = EnumSet.noneOf(EmissionClass.class);
                    for (Decl d : c.loaded().main().decls()) {
                        if (d instanceof Decl.TestDecl t) {
                            t.expectations().stream().map(e -> emissions.get(e.name().text()))
                                    .filter(java.util.Objects::nonNull).forEach(expected::add);
                        }
                    }
                    declared.removeAll(expected);
                    assertEquals(Set.of(), declared, name + ": emission classes no in-file test expects an emission of");
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void aRowWithoutANodeMustMarkTheSourceMissing() {
        List<String> rows = emissionTableRows("""
                | source | emission | class | in plain words |
                |---|---|---|---|
                | 火炬 | `flare_co2[flare]` | combustion | … |
                | 回收 | — | — | not found |
                """);
        assertEquals(2, rows.size());
        Matcher m = NODE_REF.matcher(emissionCells(rows.get(0)));
        assertTrue(m.find());
        assertEquals("flare_co2", m.group(1));
        assertFalse(NODE_REF.matcher(emissionCells(rows.get(1))).find());
        assertTrue(emissionCells(rows.get(1)).contains("—"));
    }

    /** The body rows of every Markdown table whose header has a column named "emission". */
    private static List<String> emissionTableRows(String markdown) {
        List<String> rows = new ArrayList<>();
        boolean inEmissionTable = false;
        boolean header = false;
        for (String line : markdown.split("\n")) {
            if (!line.startsWith("|")) {
                inEmissionTable = false;
                continue;
            }
            if (!inEmissionTable && !header) {
                if (columns(line).contains("emission")) {
                    inEmissionTable = true;
                    header = true;
                }
                continue;
            }
            if (header) {
                header = false;
                continue;
            }
            if (inEmissionTable) {
                rows.add(line);
            }
        }
        return rows;
    }

    private static List<String> columns(String row) {
        return Stream.of(row.split("\\|")).map(String::trim).map(String::toLowerCase).toList();
    }

    /**
     * The cell of a row under the "emission" column, or the first cell when the table puts the emission first
     * (the header is not at hand here: the emission is the first cell holding a backticked name, else the first two).
     */
    private static String emissionCells(String row) {
        String[] cells = row.split("\\|");
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < Math.min(cells.length, 3); i++) {
            out.append(cells[i]).append(' ');
        }
        return out.toString();
    }

    private static boolean declaredIn(Compilation c, String node) {
        Optional<Decl> d = c.loaded().main().decls().stream()
                .filter(x -> x instanceof Decl.ComputedDecl cd && cd.name().text().equals(node)).findFirst();
        return d.isPresent();
    }
}
