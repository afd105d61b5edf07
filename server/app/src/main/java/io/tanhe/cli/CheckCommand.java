package io.tanhe.cli;

import io.tanhe.engine.compile.Compilation;
import io.tanhe.engine.compile.Compiler;
import io.tanhe.grammar.diagnostics.Diagnostic;
import io.tanhe.grammar.diagnostics.DiagnosticPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tanhe check FILE...}: compiles methodology files and prints every diagnostic. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check methodology files: syntax, names, units, cycles, factor defaults.",
                "Prints each problem as path:line:col: error[CODE]: message, with a hint.",
                "The last line is exactly `N errors, M warnings`; the exit code is 1 if there is an error."})
public final class CheckCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "methodology (.tanhe) files")
    List<Path> files;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        long errors = 0;
        long warnings = 0;
        for (Path file : files) {
            Compilation c = Compiler.compile(file, InstalledLibrary.importPath());
            print(c, out);
            errors += c.errors();
            warnings += c.warnings();
        }
        out.println(summary(errors, warnings));
        return errors > 0 ? 1 : 0;
    }

    /** Prints the diagnostics of one compilation with source excerpts. */
    static void print(Compilation c, PrintStream out) {
        DiagnosticPrinter printer = new DiagnosticPrinter(path -> c.loaded().sources().getOrDefault(path, List.of()));
        for (Diagnostic d : c.diagnostics()) {
            out.print(printer.render(d));
        }
    }

    static String summary(long errors, long warnings) {
        return errors + " errors, " + warnings + " warnings"; // fixed wording: scripts match this line
    }
}
