package io.tanhe.cli;

import io.tanhe.engine.compile.Compilation;
import io.tanhe.engine.compile.Compiler;
import io.tanhe.engine.testing.TestOutcome;
import io.tanhe.engine.testing.TestRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code tanhe test FILE|DIR...}: runs the in-file tests of methodologies. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Run the `test` blocks of methodology files (directories are searched for *.tanhe).",
                "One line per test; a file that does not compile counts as one failed test.",
                "The last line is exactly `N passed, M failed`; the exit code is 1 if anything failed."})
public final class TestCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "methodology files or directories")
    List<Path> paths;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        int passed = 0;
        int failed = 0;
        Set<String> warnings = new LinkedHashSet<>();
        for (Path p : paths) {
            if (!Files.exists(p)) {
                out.println("FAIL " + p + ": no such file or directory");
                failed++;
            }
        }
        for (Path file : MethodologyFiles.expand(paths.stream().filter(Files::exists).toList())) {
            Compilation c = Compiler.compile(file, InstalledLibrary.importPath());
            if (!c.ok()) {
                CheckCommand.print(c, out);
                out.println("FAIL " + file + ": does not compile (" + c.errors() + " errors)");
                failed++;
                continue;
            }
            for (TestOutcome t : new TestRunner(c).runAll()) {
                out.println((t.passed() ? "PASS " : "FAIL ") + t.file() + ": " + t.title());
                t.failures().forEach(f -> out.println("    " + f));
                t.warnings().forEach(w -> warnings.add(t.file() + ": " + w));
                if (t.passed()) {
                    passed++;
                } else {
                    failed++;
                }
            }
        }
        warnings.forEach(out::println);
        out.println(passed + " passed, " + failed + " failed");
        return failed > 0 ? 1 : 0;
    }
}
