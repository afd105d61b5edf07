package io.tanhe.methodologies;

import io.tanhe.engine.compile.Compilation;
import io.tanhe.engine.compile.Compiler;
import io.tanhe.engine.factors.FactorTableLoad;
import io.tanhe.engine.factors.FactorTableLoader;
import io.tanhe.engine.factors.FactorValue;
import io.tanhe.engine.graph.ComputationGraph;
import io.tanhe.engine.graph.Node;
import io.tanhe.engine.graph.NodeKind;
import io.tanhe.engine.model.EmissionClass;
import io.tanhe.engine.rules.MethodologyRulesets;
import io.tanhe.grammar.ast.Decl;
import io.tanhe.grammar.ast.SourceFile;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The library-wide promises of issue 4 beyond "compiles and its tests pass" (MethodologyLibraryTest):
 * every factor value names its source and confidence, every factor table is used, every import
 * resolves to a file, every methodology tests each emission class it uses, every shared ruleset is
 * included and every rulesets manifest resolves, also in the copy the jar bundles.
 */
class LibraryRulesTest {
    private static final Path LIBRARY = Path.of("").toAbsolutePath();

    static List<Path> files(String suffix) throws IOException {
        try (Stream<Path> walk = Files.walk(LIBRARY)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(suffix))
                    .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/src/"))
                    .sorted().toList();
        }
    }

    private static String name(Path p) {
        return LIBRARY.relativize(p).toString();
    }

    @TestFactory
    Stream<DynamicTest> everyFactorValueHasASourceAndAConfidence() throws IOException {
        return files(".factors.yaml").stream().map(table -> DynamicTest.dynamicTest(name(table), () -> {
            FactorTableLoad load = FactorTableLoader.load(table);
            assertEquals(List.of(), load.problems(), name(table) + " does not load");
            List<FactorValue> values = load.library().orElseThrow().values();
            assertFalse(values.isEmpty(), name(table) + " holds no value");
            for (FactorValue v : values) {
                // A source names a document: a word or two is not enough to find the value again.
                assertTrue(v.source().strip().length() >= 20, name(table) + ": " + v.label() + " has no usable source: `"
                        + v.source() + "`");
                assertTrue(v.confidence() != null, name(table) + ": " + v.label() + " has no confidence");
            }
        }));
    }

    @Test
    void everyFactorTableIsNamedByAMethodologyOrLibrary() throws IOException {
        Set<Path> named = new HashSet<>();
        for (Path file : files(".tanhe")) {
            Compilation c = Compiler.compile(file);
            for (SourceFile f : c.loaded().files()) {
                Path at = c.loaded().paths().get(f.path());
                f.decls().stream().filter(Decl.FactorTable.class::isInstance).map(Decl.FactorTable.class::cast)
                        .forEach(t -> named.add(at.resolveSibling(t.path()).normalize()));
            }
        }
        List<String> orphans = files(".factors.yaml").stream().filter(t -> !named.contains(t.normalize()))
                .map(LibraryRulesTest::name).toList();
        assertEquals(List.of(), orphans, "factor tables no .tanhe file names with `factors \"…\"`");
    }

    @Test
    void everyRulesetsManifestResolvesAndEverySharedRulesetIsIncluded() throws IOException {
        Set<Path> included = new HashSet<>();
        for (Path manifest : files(MethodologyRulesets.MANIFEST_SUFFIX)) {
            MethodologyRulesets r = MethodologyRulesets.included(manifest);
            assertEquals(List.of(), r.problems(), name(manifest));
            included.addAll(r.files());
        }
        List<String> unused = files(".drl").stream().filter(f -> f.startsWith(LIBRARY.resolve("shared")))
                .filter(f -> !included.contains(f)).map(LibraryRulesTest::name).toList();
        assertEquals(List.of(), unused, "shared rulesets no methodology's .rulesets.yaml includes");
    }

    @Test
    void theBundledLibraryCarriesTheSameRulesetsAsTheSourceTree() throws Exception {
        URL marker = getClass().getClassLoader().getResource("methodologies/shared/combustion.tanhe");
        assertTrue(marker != null, "the library is not on the class path");
        Path bundled = Path.of(marker.toURI()).getParent().getParent();
        for (Path methodology : files(".tanhe")) {
            Path dir = methodology.getParent();
            List<Path> source = MethodologyRulesets.of(dir).files();
            List<Path> copy = MethodologyRulesets.of(bundled.resolve(LIBRARY.relativize(dir).toString())).files();
            assertEquals(source.stream().map(LibraryRulesTest::name).toList(),
                    copy.stream().map(f -> bundled.relativize(f).toString()).toList(), name(dir));
            for (int i = 0; i < source.size(); i++) {
                assertEquals(Files.readString(source.get(i)), Files.readString(copy.get(i)), name(source.get(i)));
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> everyImportResolvesToAFile() throws IOException {
        return files(".tanhe").stream().map(file -> DynamicTest.dynamicTest(name(file), () -> {
            Compilation c = Compiler.compile(file);
            for (SourceFile f : c.loaded().files()) {
                Path at = c.loaded().paths().get(f.path());
                for (Decl d : f.decls()) {
                    if (d instanceof Decl.Import i) {
                        Path target = at.resolveSibling(i.path()).normalize();
                        assertTrue(Files.isRegularFile(target), f.path() + ":" + i.span().line() + ": import `" + i.path()
                                + "` does not resolve to a file");
                    }
                }
            }
            assertTrue(c.diagnostics().stream().noneMatch(d -> d.code() == io.tanhe.grammar.diagnostics.ErrorCode.E309),
                    name(file) + " has an unresolved import or factor table");
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyMethodologyTestsEachEmissionClassItUses() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : files(".tanhe")) {
            Compilation c = Compiler.compile(file);
            if (!c.ok() || c.graph().orElseThrow().info().library()) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest(name(file), () -> {
                Set<EmissionClass> untested = untestedClasses(c);
                assertTrue(untested.isEmpty(), name(file) + ": no test block expects an emission of class " + untested
                        + "; add a test with `expect <emission>[…] = …` for each");
            }));
        }
        return tests.stream();
    }

    /** The classes of the methodology's emissions that no test expectation names an emission of. */
    private static Set<EmissionClass> untestedClasses(Compilation c) {
        ComputationGraph graph = c.graph().orElseThrow();
        Map<EmissionClass, Set<String>> byClass = new EnumMap<>(EmissionClass.class);
        for (Node n : graph.nodesOf(NodeKind.EMISSION)) {
            byClass.computeIfAbsent(n.emissionClass(), k -> new HashSet<>()).add(n.name());
        }
        Set<String> expected = new HashSet<>();
        c.loaded().main().decls().stream().filter(Decl.TestDecl.class::isInstance).map(Decl.TestDecl.class::cast)
                .forEach(t -> t.expectations().forEach(e -> expected.add(e.name().text())));
        Set<EmissionClass> untested = new TreeSet<>();
        byClass.forEach((cls, names) -> {
            if (names.stream().noneMatch(expected::contains)) {
                untested.add(cls);
            }
        });
        return untested;
    }
}
