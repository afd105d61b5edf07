package io.tanhe.methodologies;

import io.tanhe.engine.compile.Compilation;
import io.tanhe.engine.compile.Compiler;
import io.tanhe.engine.incremental.Execution;
import io.tanhe.engine.incremental.ResultValue;
import io.tanhe.engine.testing.TestRunner;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The engine's generated code against its interpreter on the whole library: for every shipped
 * methodology, every value of every node in every in-file test's month is the same, bit for bit,
 * status and cause included.
 */
class GeneratedCodeTest {

    @TestFactory
    Stream<DynamicTest> everyInFileTestGivesTheInterpretersValuesBitForBit() throws IOException {
        return MethodologyLibraryTest.methodologyFiles().stream().map(file -> DynamicTest.dynamicTest(
                Path.of("").toAbsolutePath().relativize(file).toString(), () -> {
                    Compilation c = Compiler.compile(file);
                    if (!c.ok()) {
                        return; // MethodologyLibraryTest reports it
                    }
                    List<List<ResultValue>> interpreted = new TestRunner(c, Execution.INTERPRETED).resultsOfAll();
                    List<List<ResultValue>> generated = new TestRunner(c, Execution.GENERATED).resultsOfAll();
                    assertEquals(interpreted.size(), generated.size());
                    for (int t = 0; t < interpreted.size(); t++) {
                        assertEquals(interpreted.get(t).size(), generated.get(t).size(), "test #" + (t + 1));
                        for (int i = 0; i < interpreted.get(t).size(); i++) {
                            assertEquals(interpreted.get(t).get(i), generated.get(t).get(i), "test #" + (t + 1));
                        }
                    }
                    if (!c.graph().orElseThrow().info().library()) {
                        assertFalse(interpreted.stream().allMatch(List::isEmpty), file + ": no values compared");
                    }
                }));
    }
}
